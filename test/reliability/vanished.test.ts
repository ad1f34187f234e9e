// Objects that vanish or are terminating: a wait whose object is deleted ends at once saying so (not after its
// whole timeout), and create-cluster refuses a HostedCluster that is being deleted, changing nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

describe('objects deleted under a running command', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => {
    // Slow enough that the waits are long and a teardown takes seconds.
    env = await simEnv({ profile: 'fast', timeScale: 12 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL], { timeout: 120_000 })).code).toBe(0);
  }, 150_000);
  afterAll(() => env.stop());
  const api = () => ({ ...env.sim.api, token: env.sim.api.systemToken });
  const hcPath = (name: string) => pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', name);

  it('a HostedCluster deleted while create-cluster waits for it: exit 1 at once, "is being deleted"', async () => {
    const run = env.cli(['create-cluster', 'gone-1', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--timeout', '10m', '-o', 'json'], { timeout: 60_000 });
    for (let i = 0; i < 800 && !(await get(api(), 'hypershift.openshift.io/v1beta1', 'nodepools', 'gone-1', 'clusters')); i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    const deletedAt = performance.now();
    expect((await call(api(), 'DELETE', hcPath('gone-1'))).status).toBeLessThan(300);
    const r = await run;
    expect(r.code, r.stderr.slice(-1500)).toBe(1);
    expect(performance.now() - deletedAt).toBeLessThan(15_000);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.message).toMatch(/HostedCluster clusters\/gone-1 is being deleted|HostedCluster clusters\/gone-1 was deleted/);
    expect(doc.error.hint).toBeTruthy();
  }, 90_000);

  it('create-cluster of a HostedCluster that is being deleted: exit 1, "is being deleted", nothing changed', async () => {
    const first = await env.cli(['create-cluster', 'gone-2', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--no-wait'], { timeout: 60_000 });
    expect(first.code, first.stderr).toBe(0);
    // Wait for the operator's finalizer, then delete: the HostedCluster stays, terminating, for the teardown.
    for (let i = 0; i < 400 && !(await get(api(), 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'gone-2', 'clusters'))?.metadata.finalizers?.length; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await call(api(), 'DELETE', hcPath('gone-2'))).status).toBeLessThan(300);
    expect((await get(api(), 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'gone-2', 'clusters')).metadata.deletionTimestamp).toBeTruthy();
    env.sim.api.resetStats();
    const r = await env.cli(['create-cluster', 'gone-2', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--force'], { timeout: 60_000 });
    expect(r.code, r.stderr.slice(-1500)).toBe(1);
    expect(r.stderr).toMatch(/Error: HostedCluster clusters\/gone-2 is being deleted since \S+/);
    expect(r.stderr).toMatch(/Hint: wait until it is gone \(`oc wait --for=delete hostedcluster\/gone-2 -n clusters/);
    expect(env.sim.api.stats().mutating).toBe(0);
    // The same check refuses day-2 changes to it.
    for (const args of [
      ['nodepool', 'create', 'extra', '--cluster-name', 'gone-2', '--replicas', '1'],
      ['upgrade', 'gone-2', '--release', '4.12.3'],
    ]) {
      env.sim.api.resetStats();
      const day2 = await env.cli(args, { timeout: 60_000 });
      expect(day2.code, day2.stderr.slice(-1500)).toBe(1);
      expect(day2.stderr).toMatch(/Error: HostedCluster clusters\/gone-2 is being deleted since \S+/);
      expect(env.sim.api.stats().mutating).toBe(0);
    }
  }, 90_000);
});
