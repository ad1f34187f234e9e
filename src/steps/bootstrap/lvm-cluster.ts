// LVM Storage on local disks: an LVMCluster with one thin-provisioned device class (vg1) → state Ready and its
// StorageClass lvms-vg1, the low-latency class the docs prefer for etcd (configuring-storage.md).
import type { KubeObject } from '../../kube/types.js';
import { lvmCluster } from '../../manifests/storage.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const REF = { apiVersion: 'lvm.topolvm.io/v1alpha1', kind: 'LVMCluster', name: 'lvmcluster', namespace: 'openshift-storage' };
type LvmCluster = KubeObject & { status?: { state?: string; ready?: boolean; conditions?: Array<{ type: string; status: string; message?: string }> } };

export const lvmClusterStep: BootstrapStep = {
  id: 'lvm-cluster',
  title: 'Create the LVM Storage cluster on local disks',
  needs: ['install-lvms'],
  enabled: (ctx) => ctx.opts.storage === 'lvms',
  async skip(ctx) {
    const lvm = await ctx.kube.get<LvmCluster>(REF);
    return lvm?.status?.state === 'Ready' ? 'LVMCluster lvmcluster is Ready' : false;
  },
  async run(ctx) {
    await applyAll(ctx, [lvmCluster()]);
    if (isServerDryRun(ctx)) return '[dry run] LVMCluster validated';
    await waitFor<LvmCluster>(
      ctx,
      REF,
      (o) => {
        const state = o?.status?.state;
        if (state === 'Failed' || state === 'Degraded') return { failed: `LVMCluster lvmcluster is ${state}: ${o?.status?.conditions?.find((c) => c.status === 'False')?.message ?? 'see its conditions'}` };
        return state === 'Ready' ? { done: true } : { done: false, reason: `state ${state ?? 'not reported yet'}` };
      },
      'LVMS needs free, unpartitioned disks on the nodes; check `oc get lvmcluster -n openshift-storage -o yaml`',
    );
    return 'LVMCluster Ready, StorageClass lvms-vg1';
  },
};
