// An embedded management cluster for CLI tests: started in the test process, reached by the CLI (a child
// process) only through a kubeconfig file, like any real cluster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type Sim, type SimOptions } from '../../src/sim/index.js';
import { runCli, type CliResult } from './cli.js';

export interface SimEnv {
  sim: Sim;
  dir: string;
  kubeconfig: string;
  cli(args: string[], o?: { env?: NodeJS.ProcessEnv; timeout?: number; kubeconfig?: string }): Promise<CliResult>;
  stop(): Promise<void>;
}

export async function simEnv(o: SimOptions = {}): Promise<SimEnv> {
  const sim = await startSim({ profile: 'fast', ...o });
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.api.writeKubeconfig(kubeconfig);
  return {
    sim,
    dir,
    kubeconfig,
    cli: (args, c = {}) => runCli(['--kubeconfig', c.kubeconfig ?? kubeconfig, '--progress', 'plain', ...args], { env: c.env, timeout: c.timeout, cwd: dir }),
    stop: () => sim.stop(),
  };
}

export const POOL = '192.0.2.10-192.0.2.40';
