// The embedded-cluster states a docs sample names (`<!-- sample: STATE … -->`), built the way a reader gets there:
//   fresh         an embedded cluster (instant profile, the real CRDs), nothing installed; pull-secret.json in its folder
//   bootstrapped  fresh, then `hcp-kv bootstrap --metallb-addresses 192.0.2.10-192.0.2.40`
//   kv-00         bootstrapped, then `hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret.json`
//   down          a kubeconfig whose server refuses connections
//   hung          a kubeconfig whose server accepts connections and never answers
// Options: profile=instant|fast|realistic (the embedded cluster's timings), workers=N, disconnected (hcp-kv sim's flags).
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { startHungServer } from '../helpers/hung-server.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { POOL, simEnv, tempDir, type SimEnv } from '../helpers/sim-env.js';
import { create, mergePatch } from '../helpers/sim-api.js';
import { words } from './command-line.js';

export const STATES = ['fresh', 'bootstrapped', 'kv-00', 'down', 'hung'] as const;
export type StateName = (typeof STATES)[number];
const PROFILES = ['instant', 'fast', 'realistic'] as const;
export const isState = (s: string): s is StateName => STATES.some((x) => x === s);
const isProfile = (p: string): p is (typeof PROFILES)[number] => PROFILES.some((x) => x === p);

export interface DocState {
  dir: string;
  kubeconfig: string;
  sim?: SimEnv;
  /** `hcp-kv …` as the docs write it, in this state's folder against its cluster. */
  hcpKv(command: string, o?: { columns?: number }): Promise<CliResult>;
  /** The embedded cluster's operator faults from now on (ConfigMap default/hcp-kv-sim-inject). */
  inject(spec: string): Promise<void>;
  stop(): Promise<void>;
}

export const PULL_SECRET = '{"auths":{"quay.io":{"auth":"dXNlcjpwYXNz"}}}';

function kubeconfigFor(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: docs, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
    'users: [{name: docs, user: {token: docs-sample}}]',
    'contexts: [{name: docs, context: {cluster: docs, user: docs}}]',
    'current-context: docs',
    '',
  ].join('\n');
}

/** A port nothing listens on: bound by the OS, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  await new Promise((r) => server.close(r));
  return port;
}

function state(dir: string, kubeconfig: string, stop: () => Promise<void>, sim?: SimEnv): DocState {
  return {
    dir,
    kubeconfig,
    sim,
    hcpKv: (command, o = {}) => {
      const [program, ...args] = words(command.replace(/(^|\s)#\s.*$/, ''));
      if (program !== 'hcp-kv') throw new Error(`a sample can run only hcp-kv, not: ${command}`);
      return runCli(['--kubeconfig', kubeconfig, ...args], { cwd: dir, columns: o.columns, timeout: 120_000 });
    },
    inject: async (spec) => {
      if (!sim) throw new Error('inject needs an embedded cluster');
      const cm = { kind: 'ConfigMap', metadata: { name: 'hcp-kv-sim-inject', namespace: 'default' }, data: { inject: spec } };
      await create(sim.sim.api, 'v1', 'configmaps', cm);
      await mergePatch(sim.sim.api, 'v1', 'configmaps', 'hcp-kv-sim-inject', 'default', { data: { inject: spec } });
    },
    stop,
  };
}

async function must(s: DocState, command: string): Promise<void> {
  const r = await s.hcpKv(command);
  if (r.code !== 0) throw new Error(`${command} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
}

export async function buildState(name: string, o: Record<string, string> = {}): Promise<DocState> {
  if (!isState(name)) throw new Error(`unknown sample state ${name}: one of ${STATES.join(', ')}`);
  const profile = o.profile ?? 'instant';
  if (!isProfile(profile)) throw new Error(`unknown profile ${profile}: one of ${PROFILES.join(', ')}`);
  if (name === 'down' || name === 'hung') {
    const dir = tempDir();
    const hung = name === 'hung' ? await startHungServer() : undefined;
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(hung?.url ?? `https://127.0.0.1:${await closedPort()}`));
    return state(dir, kubeconfig, async () => hung?.close());
  }
  // The realistic profile's 5 s per CRD would make its start take ~25 s; the samples that use it end (--timeout)
  // long before an operator registers a CRD of its own, so the CRDs of the start are established at once.
  const establish = profile === 'realistic' ? { establishDelayMs: 5 } : {};
  const workers = o.workers === undefined ? {} : { workers: Number(o.workers) };
  const env = await simEnv({ profile, crdsDir: CRDS_DIR, disconnected: o.disconnected === 'true', ...workers, ...establish });
  writeFileSync(join(env.dir, 'pull-secret.json'), PULL_SECRET);
  const s = state(env.dir, env.kubeconfig, () => env.stop(), env);
  if (name !== 'fresh') await must(s, `hcp-kv bootstrap --metallb-addresses ${POOL}`);
  if (name === 'kv-00') await must(s, 'hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret.json');
  return s;
}
