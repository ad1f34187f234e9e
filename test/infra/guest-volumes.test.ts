// Persistent storage for the hosted cluster's pods (simulated kubevirt-csi): with --infra-storage-class-mapping
// the guest gets the mapped StorageClass; a PVC created in the guest is backed by a DataVolume and PVC in the
// control-plane namespace on the infra class, bound; a pod using it runs and the volume is hot-plugged into its
// node's VMI; status lists the guest PVC and what backs it. A mapping to a class that does not exist is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('guest persistent volumes through kubevirt-csi', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
    expect(boot.code, boot.stderr).toBe(0);
  }, 60_000);
  afterAll(() => env.stop());

  it('a guest PVC of the mapped class is bound, backed on the infra side, and a pod using it runs', async () => {
    const r = await env.cli([
      'create-cluster',
      'kv-00',
      '--replicas',
      '1',
      '--release',
      '4.12.3',
      '--pull-secret',
      ps,
      '--infra-storage-class-mapping',
      'ocs-storagecluster-ceph-rbd/guest-rbd',
      '--infra-volumesnapshot-class-mapping',
      'ocs-storagecluster-rbdplugin-snapclass/guest-snap',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const guest = SimClient.fromKubeconfig(readFileSync(join(env.dir, 'kv-00-kubeconfig'), 'utf8'));
    try {
      const sc = await until('guest StorageClass', () => guest.get('storage.k8s.io/v1', 'StorageClass', 'guest-rbd'));
      expect(sc).toMatchObject({ provisioner: 'csi.kubevirt.io', parameters: { infraStorageClassName: 'ocs-storagecluster-ceph-rbd' } });
      await guest.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } });
      const pvc = await guest.create<any>({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', namespace: 'app' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'guest-rbd' },
      });
      await guest.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db', namespace: 'app' }, spec: { containers: [{ name: 'db', image: 'postgres' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } });
      const bound = await until('guest PVC bound', async () => {
        const p = await guest.get('v1', 'PersistentVolumeClaim', 'data', 'app');
        return p?.status?.phase === 'Bound' ? p : undefined;
      });
      const handle = `pvc-${pvc.metadata.uid}`;
      expect(bound.spec.volumeName).toBe(handle);
      const pv = await guest.get('v1', 'PersistentVolume', handle);
      expect(pv!.spec.csi).toMatchObject({ driver: 'csi.kubevirt.io', volumeHandle: handle });
      // Backed in the control-plane namespace of the management cluster, on the infra class.
      const infraPvc = await get(env.sim.api, 'v1', 'persistentvolumeclaims', handle, 'clusters-kv-00');
      expect(infraPvc.spec).toMatchObject({ storageClassName: 'ocs-storagecluster-ceph-rbd', resources: { requests: { storage: '5Gi' } } });
      expect(infraPvc.status.phase).toBe('Bound');
      expect((await get(env.sim.api, 'cdi.kubevirt.io/v1beta1', 'datavolumes', handle, 'clusters-kv-00')).status.phase).toBe('Succeeded');
      const pod = await until('guest pod running', async () => {
        const p = await guest.get('v1', 'Pod', 'db', 'app');
        return p?.status?.phase === 'Running' ? p : undefined;
      });
      const vmi = await get(env.sim.api, 'kubevirt.io/v1', 'virtualmachineinstances', pod.spec.nodeName, 'clusters-kv-00');
      expect(vmi.status.volumeStatus.map((v: any) => v.name)).toContain(handle);

      const status = JSON.parse((await env.cli(['status', 'kv-00', '-o', 'json'])).stdout);
      expect(status.guestVolumes).toContainEqual({ namespace: 'app', name: 'data', storageClass: 'guest-rbd', phase: 'Bound', backedBy: `clusters-kv-00/${handle}`, infraStorageClass: 'ocs-storagecluster-ceph-rbd', infraPhase: 'Bound' });
      const text = (await env.cli(['status', 'kv-00'])).stdout;
      expect(text).toMatch(new RegExp(`app\\s+data\\s+guest-rbd\\s+Bound\\s+clusters-kv-00/${handle}\\s+ocs-storagecluster-ceph-rbd\\s+Bound`));
    } finally {
      guest.close();
    }
  }, 120_000);

  it('a mapping to an infra class that does not exist is refused before anything is sent', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['create-cluster', 'kv-01', '--release', '4.12.3', '--pull-secret', ps, '--infra-storage-class-mapping', 'no-such-class/guest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--infra-storage-class-mapping no-such-class\/guest: StorageClass no-such-class does not exist on the infrastructure cluster/);
    expect(env.sim.api.stats().mutating).toBe(0);
    const pvcs = (await call(env.sim.api, 'GET', pathOf('v1', 'persistentvolumeclaims', 'clusters-kv-01'))).body.items ?? [];
    expect(pvcs).toEqual([]);
  });
});
