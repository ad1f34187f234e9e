// Issue 17 item 2: create-cluster on an existing cluster means resume, never change. A re-run whose release
// differs is refused before any write with the upgrade command (and what upgrade would say); a re-run after
// `nodepool scale` leaves the pool's replicas, settings and VMs alone and names the command that changes them;
// the kubeconfig file is left when it is already the cluster's; destroy-cluster leaves a file it did not write.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const IMG = (v: string) => `quay.io/openshift-release-dev/ocp-release:${v}-x86_64`;

describe('create-cluster on an existing cluster', () => {
  let env: SimEnv;
  const ps = 'ps.json';
  const liveVms = async (cluster: string) =>
    (await call({ ...env.sim.api, token: env.sim.api.systemToken }, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', `clusters-${cluster}`))).body.items.filter((v: any) => !v.metadata.deletionTimestamp);

  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    writeFileSync(join(env.dir, ps), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    const r = await env.cli(['create-cluster', 'rr', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps]);
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
  }, 120_000);
  afterAll(() => env.stop());

  it('after an upgrade, a re-run with another release is refused before any write, naming `hcp-kv upgrade` and its rules', async () => {
    const up = await env.cli(['upgrade', 'rr', '--release', '4.12.5']);
    expect(up.code, up.stderr.slice(-1500)).toBe(0);
    const hcBefore = await get(env.sim.api, HS, 'hostedclusters', 'rr', 'clusters');
    expect(hcBefore.spec.release.image).toBe(IMG('4.12.5'));

    env.sim.api.resetStats();
    const older = await env.cli(['create-cluster', 'rr', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps]);
    expect(older.code, older.stderr.slice(-1500)).toBe(2);
    expect(older.stderr).toMatch(/HostedCluster clusters\/rr exists with release 4\.12\.5 .*this run asks for 4\.12\.3: create-cluster does not change an existing cluster's release, nothing was changed/);
    expect(older.stderr).toMatch(/`hcp-kv upgrade rr --release 4\.12\.3` .*refuses 4\.12\.5 → 4\.12\.3: 4\.12\.3 is older than the current version 4\.12\.5: downgrades are not supported/);
    const newer = await env.cli(['create-cluster', 'rr', '--replicas', '1', '--release', '4.12.12', '--pull-secret', ps]);
    expect(newer.code, newer.stderr.slice(-1500)).toBe(2);
    expect(newer.stderr).toMatch(/`hcp-kv upgrade rr --release 4\.12\.12` \(upgrade moves forward only, .*it accepts 4\.12\.5 → 4\.12\.12\)/);
    expect(env.sim.api.stats().mutating, 'a refused re-run wrote something').toBe(0);
    const hcAfter = await get(env.sim.api, HS, 'hostedclusters', 'rr', 'clusters');
    expect(hcAfter.spec.release.image).toBe(IMG('4.12.5'));
    expect(hcAfter.metadata.generation).toBe(hcBefore.metadata.generation);

    // Without --release (or with the one it runs) the cluster is resumed as it is.
    const same = await env.cli(['create-cluster', 'rr', '--replicas', '1', '--pull-secret', ps, '-o', 'json']);
    expect(same.code, same.stderr.slice(-1500)).toBe(0);
    expect(same.stderr).toMatch(/release 4\.12\.5: the existing cluster's \(create-cluster keeps it\)/);
    expect(same.stderr).toMatch(/HostedCluster clusters\/rr already exists, unchanged/);
    expect((await get(env.sim.api, HS, 'hostedclusters', 'rr', 'clusters')).metadata.generation).toBe(hcBefore.metadata.generation);
  }, 120_000);

  it('after nodepool scale, a re-run leaves the pool (replicas, settings, VMs) alone and names `hcp-kv nodepool scale`', async () => {
    const scaled = await env.cli(['nodepool', 'scale', 'rr', '--replicas', '3']);
    expect(scaled.code, scaled.stderr.slice(-1500)).toBe(0);
    const before = await get(env.sim.api, HS, 'nodepools', 'rr', 'clusters');
    expect(before.spec.replicas).toBe(3);
    expect(await liveVms('rr')).toHaveLength(3);

    // The default --replicas is 2; --memory differs too.
    const again = await env.cli(['create-cluster', 'rr', '--release', '4.12.5', '--memory', '9Gi', '--pull-secret', ps]);
    expect(again.code, again.stderr.slice(-1500)).toBe(0);
    expect(again.stderr).toMatch(
      /NodePool clusters\/rr exists with 3 replicas; create-cluster does not change it \(differs: spec\.replicas \(live 3, requested 2\); spec\.platform\.kubevirt\.compute .*\) — use `hcp-kv nodepool scale rr --replicas N`/,
    );
    expect(again.stderr).toMatch(/NodePool Ready/);
    const after = await get(env.sim.api, HS, 'nodepools', 'rr', 'clusters');
    expect(after.spec.replicas).toBe(3);
    expect(after.spec.platform.kubevirt.compute).toEqual(before.spec.platform.kubevirt.compute);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(await liveVms('rr')).toHaveLength(3);
  }, 120_000);

  it("the kubeconfig file: kept when it is the cluster's, refused when it holds something else", async () => {
    const file = join(env.dir, 'rr-kubeconfig');
    const text = readFileSync(file, 'utf8');
    const kept = await env.cli(['create-cluster', 'rr', '--pull-secret', ps]);
    expect(kept.code, kept.stderr.slice(-1500)).toBe(0);
    expect(kept.stderr).toMatch(/rr-kubeconfig is this cluster's admin kubeconfig: kept/);
    expect(kept.stderr).toMatch(/rr-kubeconfig unchanged \(already this cluster's admin kubeconfig\)/);
    writeFileSync(join(env.dir, 'other'), 'not a kubeconfig\n');
    const other = await env.cli(['create-cluster', 'rr', '--pull-secret', ps, '--kubeconfig-out', 'other']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/other already exists and is not clusters\/rr's current admin kubeconfig/);
    expect(readFileSync(join(env.dir, 'other'), 'utf8')).toBe('not a kubeconfig\n');
    expect(readFileSync(file, 'utf8')).toBe(text);
  }, 120_000);

  it('destroy-cluster leaves a kubeconfig file whose content changed, and says why', async () => {
    const file = join(env.dir, 'rr-kubeconfig');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# edited\n`);
    const d = await env.cli(['destroy-cluster', 'rr', '--yes']);
    expect(d.code, d.stderr.slice(-1500)).toBe(0);
    expect(d.stderr).toMatch(/left rr-kubeconfig: its content is not clusters\/rr's admin kubeconfig/);
    expect(existsSync(file)).toBe(true);
  }, 120_000);
});
