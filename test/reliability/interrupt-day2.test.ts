// SIGKILL at several points (step lines) of `nodepool scale` and `upgrade`, then run again: it converges, with exactly the
// wanted VMs (no duplicates) and every node on the target release.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAtStep } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';

async function killAt(env: SimEnv, args: string[], step: number): Promise<void> {
  const r = await killAtStep(['--kubeconfig', env.kubeconfig, ...args], step, { cwd: env.dir });
  expect(r.signal, `the command ended before its step line ${step}:\n${r.stderr}`).toBe('SIGKILL');
}

let env: SimEnv;
const vms = async (pool: string) => (await call(env.sim.api, 'GET', `${pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kv-00')}?labelSelector=hypershift.openshift.io%2Fnodepool-name%3D${pool}`)).body.items;

beforeAll(async () => {
  env = await simEnv({ profile: 'fast' });
  const ps = join(env.dir, 'ps.json');
  writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  const r = await env.cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps]);
  expect(r.code, r.stderr).toBe(0);
}, 90_000);
afterAll(() => env.stop());

describe('nodepool scale killed', () => {
  // Step lines: 1 ▶ check-nodepool, 3 ▶ scale-nodepool, 5 ▶ wait-nodepool-replicas.
  it.each([
    [1, 4],
    [3, 1],
    [5, 3],
  ])(
    'at its step line %i (to %i replicas): the re-run ends with exactly that many VMs and Nodes',
    async (step, replicas) => {
      await killAt(env, ['nodepool', 'scale', 'kv-00', '--replicas', String(replicas)], step);
      const r = await env.cli(['nodepool', 'scale', 'kv-00', '--replicas', String(replicas), '-o', 'json']);
      expect(r.code, r.stderr.slice(-1500)).toBe(0);
      expect(JSON.parse(r.stdout).steps.find((s: any) => s.id === 'check-nodes').message).toMatch(new RegExp(`^${replicas}/${replicas} VMs running, ${replicas}/${replicas} Nodes Ready`));
      expect(await vms('kv-00')).toHaveLength(replicas);
      expect((await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters')).status.replicas).toBe(replicas);
    },
    60_000,
  );
});

describe('upgrade killed', () => {
  // Step lines: 1 ▶ check-upgrade, 4 ✔ upgrade-control-plane, 9 ▶ wait-nodepools.
  it.each([
    [1, '4.12.4'],
    [4, '4.12.5'],
    [9, '4.12.6'],
  ])(
    'at its step line %i (to %s): the re-run carries on and converges, no duplicate VMs',
    async (step, release) => {
      const replicas = (await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters')).spec.replicas;
      await killAt(env, ['upgrade', 'kv-00', '--release', release], step);
      const r = await env.cli(['upgrade', 'kv-00', '--release', release, '-o', 'json']);
      expect(r.code, r.stderr.slice(-1500)).toBe(0);
      const hc = await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
      expect(hc.status.version.history[0]).toMatchObject({ version: release, state: 'Completed' });
      const np = await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters');
      expect(np.status.version).toBe(release);
      const after = await vms('kv-00');
      expect(after).toHaveLength(replicas);
      expect(after.every((v: any) => v.metadata.annotations['hypershift.openshift.io/release-image'].includes(`:${release}-`))).toBe(true);
    },
    60_000,
  );
});
