// ODF on local disks: LocalVolumeSet (gives StorageClass lvset) and StorageCluster → phase Ready.
import { phaseCheck } from '../../kube/conditions.js';
import type { KubeObject } from '../../kube/types.js';
import { localVolumeSet, storageCluster } from '../../manifests/storage.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const REF = { apiVersion: 'ocs.openshift.io/v1', kind: 'StorageCluster', name: 'ocs-storagecluster', namespace: 'openshift-storage' };

export const storage: BootstrapStep = {
  id: 'storage',
  title: 'Create the ODF storage cluster on local disks',
  needs: ['install-local-storage', 'install-odf'],
  enabled: (ctx) => ctx.opts.storage === 'odf-local',
  notNeeded: (ctx) => `--storage ${ctx.opts.storage} uses StorageClass ${ctx.opts.storageClass}`,
  async skip(ctx) {
    const sc = await ctx.kube.get<KubeObject & { status?: { phase?: string } }>(REF);
    return sc?.status?.phase === 'Ready' ? 'StorageCluster ocs-storagecluster is Ready' : false;
  },
  async run(ctx) {
    await applyAll(ctx, [localVolumeSet(), storageCluster()]);
    if (isServerDryRun(ctx)) return '[dry run] LocalVolumeSet and StorageCluster validated';
    await waitFor(ctx, REF, phaseCheck('Ready', ['Error', 'Failed']), 'ODF takes ~10 minutes on real hardware; check `oc get storagecluster -n openshift-storage`');
    return 'StorageCluster Ready';
  },
};
