// The -o json contract: every command that accepts -o json prints exactly one JSON document on stdout for every
// outcome — success (0), step failure (1), bad input (2), unreachable or unauthorized (3), interrupt (130) —
// with `ok`, and on failure error.message, error.hint and error.exitCode.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startHungServer, type HungServer } from '../helpers/hung-server.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let ready: SimEnv;
let fresh: SimEnv;
let slow: SimEnv;
let hung: HungServer;
const files: Record<string, string> = {};

beforeAll(async () => {
  [ready, fresh, slow, hung] = await Promise.all([simEnv({ profile: 'instant' }), simEnv({ profile: 'instant' }), simEnv({ profile: 'realistic' }), startHungServer()]);
  writeFileSync(join(ready.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  expect((await ready.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  expect((await ready.cli(['create-cluster', 'kv-00', '--replicas', '1', '--release', '4.12.3', '--pull-secret', 'ps.json'])).code).toBe(0);
  files.wrong = join(ready.dir, 'wrong.kubeconfig');
  writeFileSync(files.wrong, ready.sim.api.kubeconfig({ token: 'wrong' }));
  files.hung = join(ready.dir, 'hung.kubeconfig');
  writeFileSync(files.hung, ready.sim.api.kubeconfig().replace(ready.sim.api.url, hung.url));
  // A `hypershift` binary that fails, for create-cluster's step failure.
  mkdirSync(join(ready.dir, 'bin'));
  writeFileSync(join(ready.dir, 'bin', 'hypershift'), '#!/bin/sh\necho "failed to create cluster: boom" >&2\nexit 1\n');
  chmodSync(join(ready.dir, 'bin', 'hypershift'), 0o755);
}, 90_000);
afterAll(async () => {
  await Promise.all([ready.stop(), fresh.stop(), slow.stop(), hung.close()]);
});

/** Runs against the hung server (requests never answered, no request timeout) and presses Ctrl-C (in-process:
 * aborts the run's signal) once the command is waiting on the server. test/reliability/ctrl-c.test.ts sends
 * the real signals to the real process. */
async function interrupted(args: string[]): Promise<CliResult> {
  const ctrlC = new AbortController();
  void hung.nextConnection().then(() => ctrlC.abort());
  return runCli(['--kubeconfig', files.hung!, '--request-timeout', '0', '--progress', 'none', ...args], { cwd: ready.dir, signal: ctrlC.signal, timeout: 15_000 });
}

type Row = [command: string, code: number, run: () => Promise<CliResult>];
const on =
  (env: () => SimEnv, args: string[], o: { kubeconfig?: () => string; env?: () => NodeJS.ProcessEnv } = {}) =>
  () =>
    env().cli([...args, '-o', 'json'], { kubeconfig: o.kubeconfig?.(), env: o.env?.(), timeout: 60_000 });
const wrong = { kubeconfig: () => files.wrong! };
const cc = ['create-cluster', 'kv-json', '--replicas', '1', '--release', '4.12.3', '--pull-secret', 'ps.json', '--force'];

const rows: Row[] = [
  ['version', 0, on(() => ready, ['version'])],
  ['version', 2, on(() => ready, ['version', '--bogus'])],
  ['bootstrap', 0, on(() => ready, ['bootstrap', '--metallb-addresses', POOL])],
  ['bootstrap', 1, on(() => slow, ['bootstrap', '--metallb-addresses', POOL, '--timeout', '1s'])],
  ['bootstrap', 2, on(() => ready, ['bootstrap', '--metallb-addresses', '10.0.0.300-10.0.0.400'])],
  ['bootstrap', 3, on(() => ready, ['bootstrap', '--metallb-addresses', POOL], wrong)],
  ['bootstrap', 130, () => interrupted(['bootstrap', '--metallb-addresses', POOL, '-o', 'json'])],
  ['doctor', 0, on(() => ready, ['doctor'])],
  ['doctor', 1, on(() => fresh, ['doctor'])],
  ['doctor', 2, on(() => ready, ['doctor', '--bogus'])],
  ['doctor', 3, on(() => ready, ['doctor'], wrong)],
  ['doctor', 130, () => interrupted(['doctor', '-o', 'json'])],
  ['create-cluster', 0, on(() => ready, cc)],
  ['create-cluster', 1, on(() => ready, [...cc.slice(0, 1), 'kv-engine', ...cc.slice(2), '--engine', 'hypershift'], { env: () => ({ PATH: `${join(ready.dir, 'bin')}:${process.env.PATH}` }) })],
  ['create-cluster', 2, on(() => ready, ['create-cluster', 'Bad_Name', '--pull-secret', 'ps.json'])],
  ['create-cluster', 3, on(() => ready, cc, wrong)],
  ['create-cluster', 130, () => interrupted([...cc, '-o', 'json'])],
  ['list', 0, on(() => ready, ['list', '-A'])],
  ['list', 2, on(() => ready, ['list', '--bogus'])],
  ['list', 3, on(() => ready, ['list'], wrong)],
  ['list', 130, () => interrupted(['list', '-o', 'json'])],
  ['status', 0, on(() => ready, ['status', 'kv-00'])],
  ['status', 2, on(() => ready, ['status', 'nope'])], // not found: exit 2 for every command
  ['status', 2, on(() => ready, ['status'])],
  ['status', 3, on(() => ready, ['status', 'kv-00'], wrong)],
  ['status', 130, () => interrupted(['status', 'kv-00', '-o', 'json'])],
  ['destroy-cluster', 0, on(() => ready, ['destroy-cluster', 'kv-json', '--yes'])],
  ['destroy-cluster', 2, on(() => ready, ['destroy-cluster', 'kv-typo', '--yes'])], // not found: exit 2
  ['destroy-cluster', 2, on(() => ready, ['destroy-cluster', 'kv-00'])],
  ['destroy-cluster', 3, on(() => ready, ['destroy-cluster', 'kv-00', '--yes'], wrong)],
  ['destroy-cluster', 130, () => interrupted(['destroy-cluster', 'kv-00', '--yes', '-o', 'json'])],
  // Day-2 commands (kv-00 has one node pool, kv-00, of 1 worker).
  ['nodepool scale', 0, on(() => ready, ['nodepool', 'scale', 'kv-00', '--replicas', '1'])],
  ['nodepool scale', 2, on(() => ready, ['nodepool', 'scale', 'kv-00', '--replicas', '-1'])],
  ['nodepool scale', 3, on(() => ready, ['nodepool', 'scale', 'kv-00', '--replicas', '1'], wrong)],
  ['nodepool scale', 130, () => interrupted(['nodepool', 'scale', 'kv-00', '--replicas', '1', '-o', 'json'])],
  ['nodepool list', 0, on(() => ready, ['nodepool', 'list'])],
  ['nodepool list', 2, on(() => ready, ['nodepool', 'list', '--bogus'])],
  ['nodepool list', 3, on(() => ready, ['nodepool', 'list'], wrong)],
  ['nodepool list', 130, () => interrupted(['nodepool', 'list', '-o', 'json'])],
  ['upgrade', 0, on(() => ready, ['upgrade', 'kv-00', '--release', '4.12.3'])],
  ['upgrade', 2, on(() => ready, ['upgrade', 'kv-00', '--release', '4.11.0'])],
  ['upgrade', 3, on(() => ready, ['upgrade', 'kv-00', '--release', '4.12.3'], wrong)],
  ['upgrade', 130, () => interrupted(['upgrade', 'kv-00', '--release', '4.12.3', '-o', 'json'])],
  ['diagnose', 0, on(() => ready, ['diagnose', 'kv-00'])],
  ['diagnose', 2, on(() => ready, ['diagnose'])],
  ['diagnose', 3, on(() => ready, ['diagnose', 'kv-00'], wrong)],
  ['diagnose', 130, () => interrupted(['diagnose', 'kv-00', '-o', 'json'])],
  ['nodepool create', 0, on(() => ready, ['nodepool', 'create', 'np-json', '--cluster-name', 'kv-00', '--replicas', '1'])],
  ['nodepool create', 2, on(() => ready, ['nodepool', 'create', 'np-bad', '--cluster-name', 'kv-00', '--replicas', '-1'])],
  ['nodepool create', 3, on(() => ready, ['nodepool', 'create', 'np-json', '--cluster-name', 'kv-00', '--replicas', '1'], wrong)],
  ['nodepool create', 130, () => interrupted(['nodepool', 'create', 'np-json', '--cluster-name', 'kv-00', '--replicas', '1', '-o', 'json'])],
  ['nodepool delete', 0, on(() => ready, ['nodepool', 'delete', 'np-json', '--cluster-name', 'kv-00'])],
  ['nodepool delete', 2, on(() => ready, ['nodepool', 'delete', 'np-nope', '--cluster-name', 'kv-00'])],
  ['nodepool delete', 3, on(() => ready, ['nodepool', 'delete', 'np-json'], wrong)],
  ['nodepool delete', 130, () => interrupted(['nodepool', 'delete', 'np-json', '-o', 'json'])],
  ['infra-credentials', 0, on(() => ready, ['infra-credentials', '--namespace', 'infra-json', '--out', 'infra-json.kubeconfig'])],
  ['infra-credentials', 2, on(() => ready, ['infra-credentials', '--namespace', 'infra-json'])],
  ['infra-credentials', 3, on(() => ready, ['infra-credentials', '--namespace', 'infra-json', '--out', 'other.kubeconfig'], wrong)],
  ['infra-credentials', 130, () => interrupted(['infra-credentials', '--namespace', 'infra-json', '--out', 'int.kubeconfig', '-o', 'json'])],
];

describe('-o json prints exactly one JSON document for every outcome', () => {
  it('covers 0, 2, 3 and 130 for every command that talks to a cluster, and 1 where a command can fail', () => {
    for (const c of ['list', 'nodepool create', 'nodepool scale', 'nodepool delete', 'nodepool list', 'upgrade', 'diagnose', 'infra-credentials', 'status', 'destroy-cluster'])
      expect(
        rows
          .filter((r) => r[0] === c)
          .map((r) => r[1])
          .sort((a, b) => a - b),
      ).toEqual(expect.arrayContaining([0, 2, 3, 130]));
    for (const c of ['bootstrap', 'doctor', 'create-cluster'])
      expect(
        rows
          .filter((r) => r[0] === c)
          .map((r) => r[1])
          .sort((a, b) => a - b),
      ).toEqual([0, 1, 2, 3, 130]);
  });

  it.each(rows)(
    '%s exit %i',
    async (_command, code, run) => {
      const r = await run();
      expect(r.code, r.stderr.slice(-1500)).toBe(code);
      let doc: any;
      expect(() => (doc = JSON.parse(r.stdout)), `stdout is not one JSON document: ${r.stdout.slice(0, 500)}`).not.toThrow();
      expect(doc.ok).toBe(code === 0);
      if (code !== 0) {
        expect(doc.error.message).toEqual(expect.any(String));
        expect(doc.error.message.length).toBeGreaterThan(3);
        expect(doc.error.hint).toEqual(expect.any(String));
        expect(doc.error.exitCode).toBe(code);
      }
    },
    60_000,
  );
});
