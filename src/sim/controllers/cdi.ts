// CDI's StorageProfiles (part of OpenShift Virtualization): one per StorageClass, named after it, whose
// status.claimPropertySets say which access and volume modes the class offers — what DataVolumes and hcp-kv's
// live-migration check read. The modes come from CDI's table of well-known provisioners
// (kubevirt/containerized-data-importer pkg/storagecapabilities/storagecapabilities.go@007b952e02021628ee44da7ccdb2154c0166e8a9);
// an unknown provisioner gets an empty profile, as CDI leaves it for the admin to fill.
import type { Obj } from './client.js';
import type { Controller, SimContext } from './runtime.js';

const CDI = 'cdi.kubevirt.io/v1beta1';
const rwx = 'ReadWriteMany';
const rwo = 'ReadWriteOnce';
const rbd = [
  { accessModes: [rwx], volumeMode: 'Block' },
  { accessModes: [rwo], volumeMode: 'Block' },
  { accessModes: [rwo], volumeMode: 'Filesystem' },
];
const topolvm = [
  { accessModes: [rwo], volumeMode: 'Block' },
  { accessModes: [rwo], volumeMode: 'Filesystem' },
];

const CAPABILITIES: Record<string, Array<{ accessModes: string[]; volumeMode: string }>> = {
  'openshift-storage.rbd.csi.ceph.com': rbd,
  'rbd.csi.ceph.com': rbd,
  'openshift-storage.cephfs.csi.ceph.com': [{ accessModes: [rwx], volumeMode: 'Filesystem' }],
  'cephfs.csi.ceph.com': [{ accessModes: [rwx], volumeMode: 'Filesystem' }],
  'topolvm.io': topolvm,
  'nfs.csi.k8s.io': [{ accessModes: [rwx], volumeMode: 'Filesystem' }],
  'kubevirt.io.hostpath-provisioner': [{ accessModes: [rwo], volumeMode: 'Filesystem' }],
};
/** Object-bucket provisioners CDI does not support: no profile. */
const UNSUPPORTED = new Set(['openshift-storage.noobaa.io/obc', 'openshift-storage.ceph.rook.io/bucket']);

async function ensureProfile(ctx: SimContext, sc: Obj): Promise<void> {
  if (UNSUPPORTED.has(sc.provisioner) || !(await ctx.client.hasResource(CDI, 'StorageProfile'))) return;
  const profile = await ctx.client.ensure({ apiVersion: CDI, kind: 'StorageProfile', metadata: { name: sc.metadata.name }, spec: {} });
  const sets = CAPABILITIES[sc.provisioner];
  if (profile && !(profile as Obj).status) await ctx.client.patchStatus(profile as Obj, { provisioner: sc.provisioner, storageClass: sc.metadata.name, ...(sets ? { claimPropertySets: sets } : {}) });
}

export const cdi: Controller = {
  name: 'cdi',
  async start(ctx) {
    const syncAll = async () => {
      for (const sc of (await ctx.client.list('storage.k8s.io/v1', 'StorageClass')).items) await ensureProfile(ctx, sc);
    };
    ctx.spawn('cdi', () =>
      ctx.client.watch('operators.coreos.com/v1alpha1', 'ClusterServiceVersion', { signal: ctx.signal }, (_t, csv) => {
        if (String(csv.metadata.name).startsWith('kubevirt-hyperconverged') && csv.status?.phase === 'Succeeded') ctx.spawn('cdi', syncAll);
      }),
    );
    ctx.spawn('cdi', () =>
      ctx.client.watch('storage.k8s.io/v1', 'StorageClass', { signal: ctx.signal }, (t, sc) => {
        if (t !== 'DELETED') ctx.spawn('cdi', () => ensureProfile(ctx, sc));
      }),
    );
  },
};
