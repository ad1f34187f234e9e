// A user's kubeconfig keeps its credential plugin, but the plugin is bounded: one that never answers ends the
// command at --request-timeout (or at --timeout when requests may wait forever), is killed, and is named;
// one that fails is named too; neither is blamed on the API server. One that works still works.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

type Doc = { users: Array<{ name: string; user: Record<string, unknown> }> };

describe('a credential plugin in the user kubeconfig', () => {
  let env: SimEnv;
  let token: string;
  const withPlugin = (name: string, source: string): string => {
    const script = join(env.dir, `${name}.cjs`);
    writeFileSync(script, source);
    const doc = load(readFileSync(env.kubeconfig, 'utf8')) as Doc;
    token = String(doc.users[0]!.user.token);
    for (const u of doc.users) u.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script], interactiveMode: 'Never' } };
    const file = join(env.dir, `${name}.kubeconfig`);
    writeFileSync(file, dump(doc));
    return file;
  };
  const gone = (pid: number): boolean => {
    try {
      return /\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie waiting for a reaper is gone too
    } catch {
      return true;
    }
  };
  // The plugin is a process the CLI starts with its own environment: the CLI runs as a process here too.
  const cli = (args: string[], o: { kubeconfig: string; env?: NodeJS.ProcessEnv; timeout?: number }) => spawnCli(['--kubeconfig', o.kubeconfig, '--progress', 'plain', ...args], { env: o.env, timeout: o.timeout, cwd: env.dir });
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', controllers: false });
  });
  afterAll(async () => {
    await env.stop();
  });

  it('a plugin that gives a token is used', async () => {
    const file = withPlugin('good', `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify('TOKEN')}.replace('TOKEN', process.env.T) } }));`);
    const r = await cli(['list', '-A', '-o', 'json'], { kubeconfig: file, env: { T: token } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  }, 30_000);

  it('a plugin that never answers ends at --request-timeout, is killed and named', async () => {
    const pidFile = join(env.dir, 'hung.pid');
    const file = withPlugin('hung', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`);
    const r = await cli(['--request-timeout', '1500ms', 'list', '-A'], { kubeconfig: file, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/Error: .*the kubeconfig's credential plugin ".*node.*" \(user [^)]+, exec\) gave no credentials within 1\.5s \(--request-timeout\); nothing was sent to the API server/);
    expect(r.stderr).not.toMatch(/API server not responding/);
    expect(existsSync(pidFile)).toBe(true);
    expect(gone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  }, 60_000);

  it('with --request-timeout 0 the command deadline ends it, naming the plugin', async () => {
    const file = withPlugin('hung2', 'setInterval(() => {}, 1000);');
    const r = await cli(['--request-timeout', '0', 'bootstrap', '--metallb-addresses', POOL, '--timeout', '2s'], { kubeconfig: file, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/bootstrap did not finish within 2s: still waiting for the kubeconfig's credential plugin ".*node.*"/);
  }, 60_000);

  it('a plugin that fails is named with its message', async () => {
    const file = withPlugin('failing', `process.stderr.write('error: token expired, run login\\n'); process.exit(1);`);
    const r = await cli(['list', '-A'], { kubeconfig: file, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/Error: .*the kubeconfig's credential plugin ".*node.*" \(user [^)]+, exec\) failed: error: token expired, run login/);
    expect(r.stderr).not.toMatch(/cannot reach|API server not responding/i);
  }, 60_000);
});
