// An embedded management cluster for CLI tests: started in the test process, reached by the CLI only through a
// kubeconfig file, like any real cluster. The CLI runs in-process (runCli) unless a test spawns it. The
// simulator's log is kept and printed only for a test that fails, and its folder (under the test file's own
// temporary folder) removed after the file (test/helpers/setup.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type Sim, type SimOptions } from '../../src/sim/index.js';
import { runCli, warmUpCli, type CliOptions, type CliResult } from './cli.js';
import { runningSims } from './sim-logs.js';

export interface SimEnv {
  sim: Sim;
  dir: string;
  kubeconfig: string;
  /**
   * The CLI against this cluster (`--kubeconfig` and `--progress plain` prepended), in its folder or `cwd`.
   * In-process runs in different folders take turns (test/helpers/cli.ts): runs meant to overlap share one.
   */
  cli(args: string[], o?: { env?: NodeJS.ProcessEnv; timeout?: number; kubeconfig?: string; input?: string; signal?: AbortSignal; cwd?: string }): Promise<CliResult>;
  /** The simulator's last log lines. */
  logs: string[];
  stop(): Promise<void>;
}

const KEEP = 300;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hcp-kv-test-'));
}

export async function simEnv(o: SimOptions = {}): Promise<SimEnv> {
  const logs: string[] = [];
  const entry = { name: `embedded cluster (profile ${o.profile ?? 'fast'})`, logs };
  const log = (line: string) => {
    logs.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (logs.length > KEEP) logs.shift();
    o.log?.(line);
  };
  const [sim] = await Promise.all([startSim({ profile: 'fast', ...o, log }), warmUpCli()]);
  runningSims.add(entry);
  const dir = tempDir();
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.api.writeKubeconfig(kubeconfig);
  return {
    sim,
    dir,
    kubeconfig,
    logs,
    cli: (args, c: CliOptions & { kubeconfig?: string } = {}) => runCli(['--kubeconfig', c.kubeconfig ?? kubeconfig, '--progress', 'plain', ...args], { env: c.env, timeout: c.timeout, input: c.input, signal: c.signal, cwd: c.cwd ?? dir }),
    stop: async () => {
      runningSims.delete(entry);
      await sim.stop();
    },
  };
}

export const POOL = '192.0.2.10-192.0.2.40';

/** An embedded cluster with the real CRDs, bootstrapped, with a fake pull secret at `ps.json` in its folder. */
export async function bootstrappedSimEnv(o: SimOptions = {}): Promise<SimEnv> {
  const { writeFileSync } = await import('node:fs');
  const { CRDS_DIR } = await import('./fixtures.js');
  const env = await simEnv({ profile: 'instant', crdsDir: CRDS_DIR, ...o });
  writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  if (boot.code !== 0) throw new Error(`bootstrap failed (exit ${boot.code}):\n${boot.stderr}`);
  return env;
}

/** Stops the cluster and removes its folder (kubeconfigs and pull secrets included). */
export async function removeSimEnv(env: SimEnv | undefined): Promise<void> {
  if (!env) return;
  const { rmSync } = await import('node:fs');
  await env.stop();
  rmSync(env.dir, { recursive: true, force: true });
}
