// Local Storage and ODF: a LocalVolumeSet gives the `lvset` StorageClass; a StorageCluster goes Progressing →
// Ready and brings the four ODF StorageClasses (none of them default: choosing one is the admin's job).
import type { Obj } from './client.js';
import { condition, now, type Controller, type SimContext } from './runtime.js';

const ODF_CLASSES: Array<[string, string]> = [
  ['ocs-storagecluster-ceph-rbd', 'openshift-storage.rbd.csi.ceph.com'],
  ['ocs-storagecluster-cephfs', 'openshift-storage.cephfs.csi.ceph.com'],
  ['ocs-storagecluster-ceph-rgw', 'openshift-storage.ceph.rook.io/bucket'],
  ['openshift-storage.noobaa.io', 'openshift-storage.noobaa.io/obc'],
];

function storageClass(name: string, provisioner: string, extra: Obj = {}): Obj {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowVolumeExpansion: true, ...extra };
}

async function localVolumeSet(ctx: SimContext, lvs: Obj): Promise<void> {
  await ctx.delay('localVolumeSet');
  const scName = lvs.spec?.storageClassName ?? lvs.metadata.name;
  await ctx.client.ensure(storageClass(scName, 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: false }));
  await ctx.client.patchStatus(lvs, { totalProvisionedDeviceCount: 3, observedGeneration: lvs.metadata.generation, conditions: [condition('Available', true, 'LocalVolumeSetAvailable', 'DaemonSets available')] });
}

async function storageCluster(ctx: SimContext, sc: Obj): Promise<void> {
  await ctx.client.patchStatus(sc, { phase: 'Progressing', conditions: [condition('Progressing', true, 'Init', 'Initializing StorageCluster'), condition('Available', false, 'Init', 'Initializing StorageCluster')] });
  await ctx.delay('storageCluster');
  for (const [name, provisioner] of ODF_CLASSES) await ctx.client.ensure(storageClass(name, provisioner));
  await ctx.client.patchStatus(sc, {
    phase: 'Ready',
    version: ctx.versions.ocp,
    conditions: [
      condition('Progressing', false, 'ReconcileComplete', 'Reconcile completed successfully'),
      condition('Available', true, 'ReconcileComplete', 'Reconcile completed successfully'),
      condition('Degraded', false, 'ReconcileComplete', 'Reconcile completed successfully'),
    ],
  });
  ctx.log('storage', `StorageCluster ${sc.metadata.namespace}/${sc.metadata.name} Ready`);
}

/** LVMS: the LVMCluster goes Progressing → Ready and brings the StorageClass lvms-<deviceClass> per device class. */
async function lvmCluster(ctx: SimContext, lvm: Obj): Promise<void> {
  await ctx.client.patchStatus(lvm, { state: 'Progressing', ready: false });
  await ctx.delay('lvmCluster');
  const classes: Obj[] = lvm.spec?.storage?.deviceClasses ?? [];
  for (const dc of classes)
    await ctx.client.ensure(storageClass(`lvms-${dc.name}`, 'topolvm.io', { volumeBindingMode: 'WaitForFirstConsumer', parameters: { 'csi.storage.k8s.io/fstype': dc.fstype ?? 'xfs', 'topolvm.io/device-class': dc.name } }));
  await ctx.client.patchStatus(lvm, {
    state: 'Ready',
    ready: true,
    deviceClassStatuses: classes.map((dc) => ({ name: dc.name, nodeStatus: [] })),
    conditions: [condition('ResourcesAvailable', true, 'ResourcesAvailable', 'Reconciliation is complete and all the resources are available'), condition('VolumeGroupsReady', true, 'VGsReady', 'All the VGs are ready')],
  });
  ctx.log('storage', `LVMCluster ${lvm.metadata.namespace}/${lvm.metadata.name} Ready`);
}

export const storage: Controller = {
  name: 'storage',
  async start(ctx) {
    const seen = new Set<string>();
    const once = (obj: Obj, f: (ctx: SimContext, o: Obj) => Promise<void>) => {
      const key = `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`;
      if (seen.has(key) || obj.metadata.deletionTimestamp) return;
      seen.add(key);
      ctx.spawn('storage', () => f(ctx, obj));
    };
    ctx.spawn('storage', () => ctx.client.watch('local.storage.openshift.io/v1alpha1', 'LocalVolumeSet', { signal: ctx.signal }, (t, o) => (t === 'DELETED' ? undefined : o.status?.conditions ? undefined : once(o, localVolumeSet))));
    ctx.spawn('storage', () => ctx.client.watch('lvm.topolvm.io/v1alpha1', 'LVMCluster', { signal: ctx.signal }, (t, o) => (t === 'DELETED' || o.status?.state === 'Ready' ? undefined : once(o, lvmCluster))));
    ctx.spawn('storage', () => ctx.client.watch('ocs.openshift.io/v1', 'StorageCluster', { signal: ctx.signal }, (t, o) => (t === 'DELETED' || o.status?.phase === 'Ready' ? undefined : once(o, storageCluster))));
  },
};

export { now };
