// SIGKILL at several points of `nodepool scale` and `upgrade`, then run again: it converges, with exactly the
// wanted VMs (no duplicates) and every node on the target release.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';

function killAfter(env: SimEnv, args: string[], ms: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, '--kubeconfig', env.kubeconfig, '--progress', 'none', ...args], { cwd: env.dir, stdio: 'ignore' });
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
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
  it.each([[250, 4], [700, 1], [1200, 3]])('after %i ms (to %i replicas): the re-run ends with exactly that many VMs and Nodes', async (ms, replicas) => {
    await killAfter(env, ['nodepool', 'scale', 'kv-00', '--replicas', String(replicas)], ms);
    const r = await env.cli(['nodepool', 'scale', 'kv-00', '--replicas', String(replicas), '-o', 'json']);
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
    expect(JSON.parse(r.stdout).steps.find((s: any) => s.id === 'check-nodes').message).toMatch(new RegExp(`^${replicas}/${replicas} VMs running, ${replicas}/${replicas} Nodes Ready`));
    expect(await vms('kv-00')).toHaveLength(replicas);
    expect((await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters')).status.replicas).toBe(replicas);
  }, 60_000);
});

describe('upgrade killed', () => {
  it.each([[300, '4.12.4'], [1200, '4.12.5'], [2000, '4.12.6']])('after %i ms (to %s): the re-run carries on and converges, no duplicate VMs', async (ms, release) => {
    const replicas = (await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters')).spec.replicas;
    await killAfter(env, ['upgrade', 'kv-00', '--release', release], ms);
    const r = await env.cli(['upgrade', 'kv-00', '--release', release, '-o', 'json']);
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
    const hc = await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
    expect(hc.status.version.history[0]).toMatchObject({ version: release, state: 'Completed' });
    const np = await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters');
    expect(np.status.version).toBe(release);
    const after = await vms('kv-00');
    expect(after).toHaveLength(replicas);
    expect(after.every((v: any) => v.metadata.annotations['hypershift.openshift.io/release-image'].includes(`:${release}-`))).toBe(true);
  }, 60_000);
});
