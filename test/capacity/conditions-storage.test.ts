// Issue 20 on the embedded cluster, each check failing and passing, with nothing written when hcp-kv refuses:
// - the KubeVirt conditions the simulated operator sets as upstream does (src/sim/controllers/kubevirt-conditions.ts)
//   — KubeVirtNodesLiveMigratable (RWO root volumes), ValidKubeVirtInfraNetworkMTU (MTU below 9000 − 200),
//   SupportedVersionSkew (a pool ahead of its control plane) — surfaced by `status` (a problem line) and
//   `diagnose` (a finding with its next step);
// - the node-pool version skew nodepool create refuses (one minor behind on odd releases, two on even);
// - etcd's class must offer ReadWriteOnce Filesystem (CDI StorageProfile);
// - storage as a capacity bound: "unknown" when the class reports nothing, else CSIStorageCapacity (published here
//   by the test, as a CSI driver's external-provisioner would) or TopoLVM's node annotations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { create, get, pathOf, waitUntil } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, removeSimEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const GiB = 2 ** 30;
const cond = (type: string, status: string) => (o: any) => (o?.status?.conditions ?? []).some((c: any) => c.type === type && c.status === status);

describe('KubeVirt conditions, version skew, etcd modes and storage room on the embedded cluster', () => {
  let env: SimEnv;
  const ps = () => `${env.dir}/ps.json`;
  const absent = async (plural: string, name: string) => expect((await call(env.sim.api, 'GET', pathOf(HS, plural, 'clusters', name))).status).toBe(404);
  const networkStatus = (status: Record<string, unknown>) => call(env.sim.api, 'PATCH', pathOf('config.openshift.io/v1', 'networks', undefined, 'cluster'), { status }, { contentType: 'application/merge-patch+json' });
  // The simulated operator looks at the infra network when it next reconciles the cluster (it does not watch the
  // Network: its watches are bounded by its connection pool); an annotation makes that happen now.
  const nudge = (name: string, n: number) => call(env.sim.api, 'PATCH', pathOf(HS, 'hostedclusters', 'clusters', name), { metadata: { annotations: { 'test.hcp-kv.io/nudge': String(n) } } }, { contentType: 'application/merge-patch+json' });
  const capacity = async (args: string[] = []) => {
    const r = await env.cli(['capacity', '-o', 'json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    env = await bootstrappedSimEnv({ profile: 'instant' });
  }, 180_000);
  afterAll(() => removeSimEnv(env));

  it('KubeVirtNodesLiveMigratable: False on the pool and the cluster with ReadWriteOnce root volumes, True on RWX', async () => {
    await create(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'hostpath' }, provisioner: 'kubevirt.io.hostpath-provisioner' });
    await waitUntil(env.sim.api, 'cdi.kubevirt.io/v1beta1', 'storageprofiles', 'hostpath', undefined, (p) => Boolean(p.status?.claimPropertySets));
    for (const [name, extra] of [
      ['kv-rwx', []],
      ['kv-rwo', ['--root-volume-storage-class', 'hostpath']],
    ] as const) {
      const r = await env.cli(['create-cluster', name, '--replicas', '1', '--no-wait', '--pull-secret', ps(), ...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
    const np = await waitUntil(env.sim.api, HS, 'nodepools', 'kv-rwo', 'clusters', cond('KubeVirtNodesLiveMigratable', 'False'), 60_000);
    expect(np.status.conditions.find((c: any) => c.type === 'KubeVirtNodesLiveMigratable').message).toMatch(
      /^1 of 1 machines are not live migratable\nMachine kv-rwo-\w+: DisksNotLiveMigratable: cannot migrate VMI: PVC kv-rwo-\w+-rootvolume is not shared/,
    );
    await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-rwo', 'clusters', cond('KubeVirtNodesLiveMigratable', 'False'), 60_000);
    await waitUntil(env.sim.api, HS, 'nodepools', 'kv-rwx', 'clusters', cond('KubeVirtNodesLiveMigratable', 'True'), 60_000);
    await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-rwx', 'clusters', cond('KubeVirtNodesLiveMigratable', 'True'), 60_000);

    const status = await env.cli(['status', 'kv-rwo']);
    expect(status.stdout).toMatch(/✖ KubeVirtNodesLiveMigratable is False: Non-live-migratable node\(s\) have been found on the following NodePool\(s\) attached to this Hosted Cluster: kv-rwo/);
    expect(status.stdout).toMatch(/✖ NodePool kv-rwo: KubeVirtNodesLiveMigratable is False: 1 of 1 machines are not live migratable/);
    const d = JSON.parse((await env.cli(['diagnose', 'kv-rwo', '-o', 'json'])).stdout);
    expect(d.findings.map((f: any) => f.id)).toContain('not-live-migratable');
    const ok = JSON.parse((await env.cli(['diagnose', 'kv-rwx', '-o', 'json'])).stdout);
    expect(ok.findings.map((f: any) => f.id)).not.toContain('not-live-migratable');
  }, 180_000);

  it('ValidKubeVirtInfraNetworkMTU: False below 9000 − 200 once the guest runs, True again when raised', async () => {
    await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-rwx', 'clusters', cond('ValidKubeVirtInfraNetworkMTU', 'True'), 60_000);
    expect((await networkStatus({ clusterNetworkMTU: 1400 })).status).toBe(200);
    await nudge('kv-rwx', 1);
    try {
      const hc = await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-rwx', 'clusters', cond('ValidKubeVirtInfraNetworkMTU', 'False'), 60_000);
      expect(hc.status.conditions.find((c: any) => c.type === 'ValidKubeVirtInfraNetworkMTU')).toMatchObject({ reason: 'KubeVirtSuboptimalMTUDetected', message: expect.stringMatching(/^A suboptimal MTU size has been detected/) });
      expect((await env.cli(['status', 'kv-rwx'])).stdout).toMatch(/✖ ValidKubeVirtInfraNetworkMTU is False: A suboptimal MTU size/);
      const d = JSON.parse((await env.cli(['diagnose', 'kv-rwx', '-o', 'json'])).stdout);
      expect(d.findings.find((f: any) => f.id === 'infra-mtu')).toMatchObject({ next: expect.stringMatching(/MTU of the infrastructure cluster network to 9000/) });
    } finally {
      await networkStatus({ clusterNetworkMTU: 8900 });
      await nudge('kv-rwx', 2);
    }
    await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-rwx', 'clusters', cond('ValidKubeVirtInfraNetworkMTU', 'True'), 60_000);
    expect((await env.cli(['status', 'kv-rwx'])).stdout).not.toMatch(/ValidKubeVirtInfraNetworkMTU is False/);
  }, 120_000);

  it('version skew: nodepool create refuses a pool two minors behind an odd release (nothing written), takes one; a pool ahead shows SupportedVersionSkew False', async () => {
    const cluster = await env.cli(['create-cluster', 'kv-odd', '--release', '4.11', '--replicas', '0', '--no-wait', '--pull-secret', ps()]);
    expect(cluster.code, cluster.stderr).toBe(0);
    const refused = await env.cli(['nodepool', 'create', 'np-old', '--cluster-name', 'kv-odd', '--release', '4.9.2', '--replicas', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/node pool release 4\.9\.2 is more than one minor version older than the control plane's 4\.11\.\d+ \(on 4\.11, an odd release, node pools may be at most one minor behind\)/);
    await absent('nodepools', 'np-old');
    const ok = await env.cli(['nodepool', 'create', 'np-ok', '--cluster-name', 'kv-odd', '--release', '4.10.3', '--replicas', '0']);
    expect(ok.code, ok.stderr).toBe(0);
    const within = await waitUntil(env.sim.api, HS, 'nodepools', 'np-ok', 'clusters', cond('SupportedVersionSkew', 'True'), 60_000);
    // Written past hcp-kv (as another tool could): a pool newer than its control plane.
    const ahead = { apiVersion: HS, kind: 'NodePool', metadata: { name: 'np-ahead', namespace: 'clusters' }, spec: { ...within.spec, release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' } } };
    expect((await call(env.sim.api, 'POST', pathOf(HS, 'nodepools', 'clusters'), ahead)).status).toBe(201);
    const np = await waitUntil(env.sim.api, HS, 'nodepools', 'np-ahead', 'clusters', cond('SupportedVersionSkew', 'False'), 60_000);
    expect(np.status.conditions.find((c: any) => c.type === 'SupportedVersionSkew')).toMatchObject({
      reason: 'UnsupportedSkew',
      message: expect.stringMatching(/^NodePool version 4\.12\.3 cannot be higher than the HostedCluster version 4\.11\.\d+$/),
    });
    expect((await env.cli(['status', 'kv-odd'])).stdout).toMatch(/✖ NodePool np-ahead: SupportedVersionSkew is False: NodePool version 4\.12\.3 cannot be higher/);
    const d = JSON.parse((await env.cli(['diagnose', 'kv-odd', '-o', 'json'])).stdout);
    expect(d.findings.find((f: any) => f.id === 'version-skew')).toMatchObject({ problem: expect.stringMatching(/node pool np-ahead is outside the supported version skew/) });
  }, 120_000);

  it("refuses an etcd class that offers only Block volumes (nothing written); doctor shows the default class's row", async () => {
    await create(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'blockonly' }, provisioner: 'block.example.com' });
    const profile = await waitUntil(env.sim.api, 'cdi.kubevirt.io/v1beta1', 'storageprofiles', 'blockonly', undefined, (p) => p.status?.provisioner === 'block.example.com');
    // What an admin's StorageProfile spec gives once CDI reconciles it: Block only.
    const sets = [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }];
    expect(
      (await call(env.sim.api, 'PATCH', pathOf('cdi.kubevirt.io/v1beta1', 'storageprofiles', undefined, profile.metadata.name, 'status'), { status: { claimPropertySets: sets } }, { contentType: 'application/merge-patch+json' })).status,
    ).toBe(200);
    const refused = await env.cli(['create-cluster', 'kv-block', '--etcd-storage-class', 'blockonly', '--replicas', '0', '--no-wait', '--pull-secret', ps()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/etcd StorageClass blockonly offers only ReadWriteOnce Block \(CDI StorageProfile blockonly\): etcd's volumes ask ReadWriteOnce Filesystem/);
    await absent('hostedclusters', 'kv-block');
    const doctor = JSON.parse((await env.cli(['doctor', '-o', 'json'])).stdout);
    expect(doctor.checks.find((c: any) => c.check === 'etcd-storage-modes')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^etcd StorageClass ocs-storagecluster-ceph-rbd offers ReadWriteOnce Filesystem/) });
    const ok = await env.cli(['create-cluster', 'kv-block', '--etcd-storage-class', 'ocs-storagecluster-ceph-rbd', '--replicas', '0', '--no-wait', '--pull-secret', ps()]);
    expect(ok.code, ok.stderr).toBe(0);
  }, 120_000);

  it('storage bounds the figures where the server reports it: unknown, then CSIStorageCapacity, refusing when etcd or root volumes do not fit', async () => {
    const before = await capacity();
    expect(before.storage.etcd).toMatchObject({ storageClass: 'ocs-storagecluster-ceph-rbd', source: 'unknown', volumesPerControlPlane: 3, volumeBytes: 8 * GiB });
    expect(before.storage.etcd.count).toBeUndefined();
    expect(before.controlPlanes.requestBased.boundBy).not.toBe('storage');
    expect((await env.cli(['capacity'])).stdout).toMatch(/Storage: etcd, 3 per control plane on ocs-storagecluster-ceph-rbd \(8 GiB volumes\): unknown — the class reports no capacity/);
    const csc = (node: string, gib: number) => ({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIStorageCapacity',
      metadata: { name: `rbd-${node}`, namespace: 'default' },
      storageClassName: 'ocs-storagecluster-ceph-rbd',
      nodeTopology: { matchLabels: { 'kubernetes.io/hostname': node } },
      capacity: `${gib}Gi`,
    });
    const nodes = ['worker-0', 'worker-1', 'worker-2'];
    const publish = async (gib: number) => {
      for (const n of nodes) {
        const path = pathOf('storage.k8s.io/v1', 'csistoragecapacities', 'default', `rbd-${n}`);
        const put = await call(env.sim.api, 'PATCH', path, { capacity: `${gib}Gi` }, { contentType: 'application/merge-patch+json' });
        if (put.status === 404) await create(env.sim.api, 'storage.k8s.io/v1', 'csistoragecapacities', csc(n, gib));
      }
    };
    try {
      await publish(4);
      const none = await capacity();
      expect(none.storage.etcd).toMatchObject({ source: 'CSIStorageCapacity', count: 0, freeBytes: 12 * GiB });
      expect(none.controlPlanes.requestBased).toEqual({ count: 0, boundBy: 'storage' });
      const refused = await env.cli(['create-cluster', 'kv-s', '--replicas', '0', '--no-wait', '--pull-secret', ps()]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /no room on StorageClass ocs-storagecluster-ceph-rbd for the control plane's etcd: it asks 3 volume\(s\) of 8\.0 GiB on 3 different nodes, and 0 more control planes fit \(12\.0 GiB free per CSIStorageCapacity\)/,
      );
      await absent('hostedclusters', 'kv-s');
      expect((await call(env.sim.api, 'GET', pathOf('v1', 'secrets', 'clusters'))).body.items.filter((s: any) => s.metadata.name.startsWith('kv-s-'))).toEqual([]);

      await publish(20);
      const two = await capacity(['--root-volume-size', '16']);
      expect(two.controlPlanes.requestBased).toEqual({ count: 2, boundBy: 'storage' });
      expect(two.storage.rootVolumes).toMatchObject({ source: 'CSIStorageCapacity', count: 3, volumeBytes: 16 * GiB });
      expect(two.workers).toMatchObject({ count: 3, boundBy: 'storage' });
      const ok = await env.cli(['create-cluster', 'kv-s', '--replicas', '0', '--no-wait', '--pull-secret', ps()]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toMatch(/etcd storage on ocs-storagecluster-ceph-rbd: 2 more control planes fit/);

      const tooMany = await env.cli(['nodepool', 'create', 'np-s', '--cluster-name', 'kv-s', '--replicas', '4', '--root-volume-size', '16']);
      expect(tooMany.code).toBe(2);
      expect(tooMany.stderr).toMatch(/no room on StorageClass ocs-storagecluster-ceph-rbd for 4 root volume\(s\) of 16\.0 GiB: 3 fit \(60\.0 GiB free per CSIStorageCapacity\)/);
      await absent('nodepools', 'np-s');
    } finally {
      for (const n of nodes) await call(env.sim.api, 'DELETE', pathOf('storage.k8s.io/v1', 'csistoragecapacities', 'default', `rbd-${n}`));
    }
  }, 180_000);

  it("LVM Storage: TopoLVM's node annotations give the room of an lvms class", async () => {
    await create(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'lvms-vg1' }, provisioner: 'topolvm.io', parameters: { 'topolvm.io/device-class': 'vg1' } });
    for (const n of ['worker-0', 'worker-1', 'worker-2']) {
      const r = await call(env.sim.api, 'PATCH', pathOf('v1', 'nodes', undefined, n), { metadata: { annotations: { 'capacity.topolvm.io/vg1': String(50 * GiB) } } }, { contentType: 'application/merge-patch+json' });
      expect(r.status).toBe(200);
    }
    const c = await capacity(['--etcd-storage-class', 'lvms-vg1']);
    // 50 GiB per node holds six 8 GiB members: six control planes, one member per node each.
    expect(c.storage.etcd).toMatchObject({ storageClass: 'lvms-vg1', source: 'TopoLVM node annotations', count: 6, freeBytes: 150 * GiB });
    expect((await get(env.sim.api, 'v1', 'nodes', 'worker-0')).metadata.annotations['capacity.topolvm.io/vg1']).toBe(String(50 * GiB));
  }, 60_000);
});
