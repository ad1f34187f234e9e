// Storage per role: bootstrap --storage lvms (LVM Storage operator, LVMCluster, lvms-vg1) records lvms-vg1 as
// etcd's class; kv-00's etcd volume is then on it (read through the API). The LVMCluster validates against the
// real upstream CRD; doctor's etcd row warns on the classes the docs advise against.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { etcdStorageVerdict } from '../../src/preflight/etcd-storage-check.js';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { hasUpstreamCrd, validateAgainstCrd } from '../helpers/crd-schema.js';
import { runCli } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { create, get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const docsOf = (text: string) =>
  text
    .split(/^---$/m)
    .map((d) => load(d))
    .filter(Boolean) as Array<{ apiVersion: string; kind: string; [k: string]: unknown }>;

describe('render bootstrap --storage lvms', () => {
  it('installs lvms-operator and an LVMCluster valid against the upstream CRD, no ODF', async () => {
    const r = await runCli(['bootstrap', '--dry-run', '--metallb-addresses', POOL, '--storage', 'lvms', '--control-plane-nodes', 'a=b']);
    expect(r.code, r.stderr).toBe(0);
    const docs = docsOf(r.stdout);
    const lvm = docs.find((d) => d.kind === 'LVMCluster')!;
    expect(lvm).toBeDefined();
    expect(hasUpstreamCrd(lvm)).toBe(true);
    expect(validateAgainstCrd(lvm)).toEqual([]);
    expect(docs.filter((d) => d.kind === 'Subscription').map((d: any) => d.spec.name)).toEqual(['lvms-operator', 'kubevirt-hyperconverged', 'metallb-operator', 'multicluster-engine']);
    expect(docs.some((d) => d.kind === 'StorageCluster')).toBe(false);
    const cm: any = docs.find((d) => d.kind === 'ConfigMap');
    expect(cm.data.etcdStorageClass).toBe('lvms-vg1');
    for (const d of docs.filter((x) => hasUpstreamCrd(x))) expect(validateAgainstCrd(d), d.kind).toEqual([]);
    expect(CRDS_DIR).toMatch(/\/crds\/$/);
  });
});

describe('doctor etcd storage verdict', () => {
  const sc = (name: string, provisioner: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner });
  it.each([
    ['lvms-vg1', 'topolvm.io', 'ok', /low-latency local storage/],
    ['ocs-storagecluster-ceph-rbd', 'openshift-storage.rbd.csi.ceph.com', 'ok', /LVM Storage is preferred/],
    ['ocs-storagecluster-cephfs', 'openshift-storage.cephfs.csi.ceph.com', 'warn', /CephFS, a network file system/],
    ['nfs-client', 'k8s-sigs.io/nfs-subdir-external-provisioner', 'warn', /NFS, a network file system/],
    ['nfs', 'nfs.csi.k8s.io', 'warn', /NFS/],
    ['openshift-storage.noobaa.io', 'openshift-storage.noobaa.io/obc', 'warn', /object store/],
    ['lvset', 'kubernetes.io/no-provisioner', 'warn', /without a provisioner/],
  ])('%s (%s) → %s', (name, provisioner, status, detail) => {
    const v = etcdStorageVerdict(name, sc(name, provisioner), 'the default class');
    expect(v.status).toBe(status);
    expect(v.detail).toMatch(detail);
  });
  it('a recorded class that does not exist is missing', () => {
    expect(etcdStorageVerdict('gone', undefined, 'recorded').status).toBe('missing');
    expect(etcdStorageVerdict(undefined, undefined, 'the default class').status).toBe('missing');
  });
});

describe('LVMS bootstrap on the embedded cluster', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
  }, 30_000);
  afterAll(() => env.stop());

  it('bootstrap --storage lvms, then kv-00 with etcd on lvms-vg1; doctor says so', async () => {
    const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--storage', 'lvms', '-o', 'json', '--timeout', '60s']);
    expect(boot.code, boot.stderr).toBe(0);
    const steps = Object.fromEntries(JSON.parse(boot.stdout).steps.map((s: any) => [s.id, s.status]));
    expect(steps).toMatchObject({ 'install-lvms': 'done', 'lvm-cluster': 'done', 'record-settings': 'done', 'install-odf': 'disabled', storage: 'disabled' });
    expect((await get(env.sim.api, 'lvm.topolvm.io/v1alpha1', 'lvmclusters', 'lvmcluster', 'openshift-storage')).status.state).toBe('Ready');
    const sc = await get(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', 'lvms-vg1');
    expect(sc.provisioner).toBe('topolvm.io');
    expect(sc.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');

    const doctor = await env.cli(['doctor', '-o', 'json']);
    expect(doctor.code, doctor.stdout).toBe(0);
    const row = JSON.parse(doctor.stdout).checks.find((c: any) => c.check === 'etcd-storage');
    expect(row).toMatchObject({ status: 'ok' });
    expect(row.detail).toMatch(/etcd on lvms-vg1 \(recorded in hcp-kv\/hcp-kv-settings, topolvm.io\)/);

    const ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    const r = await env.cli(['create-cluster', 'kv-00', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps]);
    expect(r.code, r.stderr).toBe(0);
    const hc = await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-00', 'clusters');
    expect(hc.spec.etcd.managed.storage.persistentVolume.storageClassName).toBe('lvms-vg1');
    const pvcs = (await call(env.sim.api, 'GET', pathOf('v1', 'persistentvolumeclaims', 'clusters-kv-00'))).body.items;
    const etcd = pvcs.find((p: any) => p.metadata.name === 'data-etcd-0');
    expect(etcd.spec.storageClassName).toBe('lvms-vg1');
    expect(etcd.status.phase).toBe('Bound');
    const status = await env.cli(['status', 'kv-00']);
    expect(status.stdout).toMatch(/data-etcd-0\s+lvms-vg1\s+Bound/);

    // A class the docs advise against, recorded as etcd's: doctor warns, and still says the cluster is ready.
    await create(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', { kind: 'StorageClass', metadata: { name: 'nfs-client' }, provisioner: 'k8s-sigs.io/nfs-subdir-external-provisioner' });
    const again = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--storage', 'lvms', '--etcd-storage-class', 'nfs-client', '--only', 'record-settings']);
    expect(again.code, again.stderr).toBe(0);
    const warned = await env.cli(['doctor', '-o', 'json']);
    expect(warned.code, warned.stdout).toBe(0);
    const w = JSON.parse(warned.stdout).checks.find((c: any) => c.check === 'etcd-storage');
    expect(w.status).toBe('warn');
    expect(w.detail).toMatch(/etcd on nfs-client .*NFS, a network file system/);
    expect(w.hint).toMatch(/--storage lvms/);
  }, 120_000);
});
