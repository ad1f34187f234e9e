// The prerequisites the HyperShift operator does not check (openshift/openshift-docs
// modules/hcp-virt-prereqs.adoc@25c2bf2ad6155c6b1ebad90c1fc0308d1e5edb06), each failing and passing on the
// embedded cluster: the network type and OpenShift Virtualization's version refuse (exit 2, nothing written);
// the MTU and the live-migration capability of the VMs' storage warn.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { create, pathOf, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';

async function setup(o: Parameters<typeof simEnv>[0]): Promise<{ env: SimEnv; ps: string }> {
  const env = await simEnv({ profile: 'instant', ...o });
  const ps = join(env.dir, 'ps.json');
  writeFileSync(ps, JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('u:p').toString('base64') } } }));
  const b = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  expect(b.code, b.stderr).toBe(0);
  return { env, ps };
}

// The real Network CRD (networks.config.openshift.io) has no status subresource: status is written
// through the object itself, as the cluster network operator does.
const networkStatus = (env: SimEnv, status: Record<string, unknown>) => call(env.sim.api, 'PATCH', pathOf('config.openshift.io/v1', 'networks', undefined, 'cluster'), { status }, { contentType: 'application/merge-patch+json' });
const hostedClusters = async (env: SimEnv) => (await call(env.sim.api, 'GET', pathOf(HS, 'hostedclusters', 'clusters'))).body.items.map((h: { metadata: { name: string } }) => h.metadata.name);

describe('prerequisites on the default embedded cluster', () => {
  let env: SimEnv;
  let ps: string;
  const createCluster = (name: string, extra: string[] = []) => env.cli(['create-cluster', name, '--replicas', '0', '--no-wait', '--pull-secret', ps, ...extra]);

  beforeAll(async () => ({ env, ps } = await setup({})), 120_000);
  afterAll(() => env?.stop());

  it('refuses a management cluster whose network is not OVN-Kubernetes, and takes it once it is', async () => {
    expect((await networkStatus(env, { networkType: 'OpenShiftSDN' })).status).toBe(200);
    const refused = await createCluster('kv-sdn');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/network type is OpenShiftSDN; hosted clusters on OpenShift Virtualization need OVNKubernetes \(docs: hosted control planes on OpenShift Virtualization, prerequisites\)/);
    expect(await hostedClusters(env)).toEqual([]);
    await networkStatus(env, { networkType: 'OVNKubernetes' });
    const ok = await createCluster('kv-ovn');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).not.toMatch(/warning/);
  }, 60_000);

  it('doctor reports the prerequisites and the capacity: a warning stays ready, a refusal does not', async () => {
    const doctor = async () => JSON.parse((await env.cli(['doctor', '-o', 'json'])).stdout);
    const ready = await doctor();
    expect(ready.ready).toBe(true);
    const row = (d: { checks: Array<{ check: string }> }, id: string) => d.checks.find((c) => c.check === id);
    expect(row(ready, 'network-type')).toMatchObject({ status: 'ok', detail: 'network type OVNKubernetes' });
    expect(row(ready, 'mtu')).toMatchObject({ status: 'ok', detail: 'cluster network MTU 8900' });
    expect(row(ready, 'live-migration')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/ocs-storagecluster-ceph-rbd offers ReadWriteMany Block/) });
    expect(row(ready, 'capacity')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^\d+ more hosted control planes fit by requests/) });
    expect(ready.capacity.controlPlanes.requestBased.count).toBeGreaterThan(0);
    await networkStatus(env, { clusterNetworkMTU: 1400 });
    try {
      const low = await doctor();
      expect(low.ready).toBe(true);
      expect(row(low, 'mtu')).toMatchObject({ status: 'warn' });
      await networkStatus(env, { networkType: 'OpenShiftSDN' });
      const sdn = await doctor();
      expect(sdn.ready).toBe(false);
      expect(row(sdn, 'network-type')).toMatchObject({ status: 'failed', hint: expect.stringMatching(/OVN-Kubernetes/) });
      const text = await env.cli(['doctor']);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/CAPACITY AND PREREQUISITES/i);
    } finally {
      await networkStatus(env, { clusterNetworkMTU: 8900, networkType: 'OVNKubernetes' });
    }
  }, 60_000);

  it('warns below an MTU of 8800, and about multiqueue there', async () => {
    await networkStatus(env, { clusterNetworkMTU: 1400 });
    try {
      const r = await createCluster('kv-mtu', ['--network-multiqueue', 'Enable']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/warning: cluster network MTU 1400 is below 8800: guest network latency and throughput suffer, and multiqueue \(on\) is advised only from 9000/);
      expect(r.stderr).toMatch(/pass --network-multiqueue Disable/);
    } finally {
      await networkStatus(env, { clusterNetworkMTU: 8900 });
    }
  }, 60_000);

  it("warns when the VMs' storage class offers no ReadWriteMany (no live migration), from CDI's StorageProfile", async () => {
    // ODF's RBD class offers RWX Block (CDI's capability table): no warning for the default class.
    const profile = await waitUntil(env.sim.api, 'cdi.kubevirt.io/v1beta1', 'storageprofiles', 'ocs-storagecluster-ceph-rbd', undefined, (p) => Boolean(p.status?.claimPropertySets));
    expect(profile.status.claimPropertySets[0]).toEqual({ accessModes: ['ReadWriteMany'], volumeMode: 'Block' });
    await createClass(env, 'hostpath', 'kubevirt.io.hostpath-provisioner');
    await waitUntil(env.sim.api, 'cdi.kubevirt.io/v1beta1', 'storageprofiles', 'hostpath', undefined, (p) => Boolean(p.status?.claimPropertySets));
    const r = await createCluster('kv-rwo', ['--root-volume-storage-class', 'hostpath']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: StorageClass hostpath of the VMs' root volumes offers no ReadWriteMany access: the VMs cannot live-migrate \(KubeVirtNodesLiveMigratable=False\)/);
  }, 60_000);
});

async function createClass(env: SimEnv, name: string, provisioner: string): Promise<void> {
  await create(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner });
}

describe('MetalLB addresses for the API server LoadBalancer', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => ({ env, ps } = await setup({})), 120_000);
  afterAll(() => env?.stop());

  it('refuses a new cluster when every address of the pools is held, and takes it once one is free', async () => {
    const first = await env.cli(['create-cluster', 'kv-a', '--replicas', '0', '--pull-secret', ps]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/MetalLB address\(es\) free/);
    const services = (await call(env.sim.api, 'GET', pathOf('v1', 'services'))).body.items;
    const held: string[] = services.flatMap((s: any) => (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip));
    expect(held.length).toBeGreaterThan(0);
    const pool = pathOf('metallb.io/v1beta1', 'ipaddresspools', 'metallb-system', 'hcp-kv');
    const patch = (addresses: string[]) => call(env.sim.api, 'PATCH', pool, { spec: { addresses } }, { contentType: 'application/merge-patch+json' });
    expect((await patch(held.map((ip) => `${ip}-${ip}`))).status).toBe(200);
    const refused = await env.cli(['create-cluster', 'kv-b', '--replicas', '0', '--no-wait', '--pull-secret', ps]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`MetalLB has no free address for the hosted cluster's API server LoadBalancer: all ${held.length} addresses of hcp-kv \\(`));
    expect(await hostedClusters(env)).toEqual(['kv-a']);
    await patch([POOL]);
    const ok = await env.cli(['create-cluster', 'kv-b', '--replicas', '0', '--no-wait', '--pull-secret', ps]);
    expect(ok.code, ok.stderr).toBe(0);
  }, 90_000);
});

describe('OpenShift Virtualization too old for the hosted release', () => {
  let env: SimEnv;
  let ps: string;
  // MCE 2.4 supports hosted 4.14, 4.13 and 4.12; the cluster (and so OpenShift Virtualization) is 4.12.
  beforeAll(async () => ({ env, ps } = await setup({ mceVersion: '2.4.0' })), 120_000);
  afterAll(() => env?.stop());

  it('refuses a 4.14 hosted cluster on OpenShift Virtualization 4.12, and takes a 4.13 one', async () => {
    const refused = await env.cli(['create-cluster', 'kv-414', '--replicas', '0', '--no-wait', '--release', '4.14', '--pull-secret', ps]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/OpenShift Virtualization 4\.12\.0 cannot host OpenShift 4\.14\.\d+ workers: hosted clusters 4\.14 and later need OpenShift Virtualization 4\.14 or later/);
    expect(await hostedClusters(env)).toEqual([]);
    const ok = await env.cli(['create-cluster', 'kv-413', '--replicas', '0', '--no-wait', '--release', '4.13', '--pull-secret', ps]);
    expect(ok.code, ok.stderr).toBe(0);
  }, 60_000);

  it('refuses upgrading that cluster to 4.14 while OpenShift Virtualization is 4.12 (nothing changed)', async () => {
    const hc = await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-413', 'clusters', (h) => (h.status?.version?.history ?? []).some((e: any) => e.state === 'Completed'), 60_000);
    const refused = await env.cli(['upgrade', 'kv-413', '--release', '4.14']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/OpenShift Virtualization 4\.12\.0 cannot host OpenShift 4\.14\.\d+ workers/);
    const after = await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-413', 'clusters', () => true);
    expect(after.spec.release.image).toBe(hc.spec.release.image);
  }, 90_000);
});
