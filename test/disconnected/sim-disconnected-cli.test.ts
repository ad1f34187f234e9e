// `hcp-kv sim --disconnected` (the command, as a user starts it): the default sources are disabled, so a bootstrap
// without a mirror is refused in preflight naming the missing catalog.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { POOL } from '../helpers/sim-env.js';

describe('hcp-kv sim --disconnected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-simdisc-'));
  const kubeconfig = join(dir, 'kubeconfig');
  let child: ChildProcess;
  let stderr = '';
  beforeAll(async () => {
    child = spawn(process.execPath, [CLI, 'sim', '--disconnected', '--profile', 'instant', '--kubeconfig-out', kubeconfig], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        if (stderr.includes('press Ctrl-C to stop')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sim exited with ${code}: ${stderr}`)));
    });
  });
  afterAll(async () => {
    child.kill('SIGINT');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the default sources disabled: bootstrap without a mirror is refused', async () => {
    const r = await runCli(['--kubeconfig', kubeconfig, '--progress', 'plain', 'bootstrap', '--metallb-addresses', POOL], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Error: the catalog redhat-operators does not exist in openshift-marketplace: the default sources are disabled/);
  });
});
