// Before the delete, as upstream `hcp destroy cluster --destroy-cloud-resources` does: ask HyperShift to remove
// what the cluster created on the infrastructure (load balancers, volumes) with it.
import type { KubeObject } from '../../kube/types.js';
import type { DestroyStep } from './context.js';
import { CLEANUP_ANNOTATION } from './finalizers.js';
import { hcRef } from './hosted-cluster.js';

export const markCleanup: DestroyStep = {
  id: 'mark-cleanup',
  title: 'Mark the cloud resources for cleanup',
  enabled: (ctx) => ctx.opts.destroyCloudResources !== false,
  async skip(ctx) {
    const hc = await ctx.kube.get<KubeObject>(hcRef(ctx.opts));
    if (!hc) return 'HostedCluster already gone';
    return hc.metadata.annotations?.[CLEANUP_ANNOTATION] === 'true' ? `${CLEANUP_ANNOTATION} already set` : false;
  },
  async run(ctx) {
    await ctx.kube.patch(hcRef(ctx.opts), { metadata: { annotations: { [CLEANUP_ANNOTATION]: 'true' } } }, 'merge', { signal: ctx.signal });
    return `${CLEANUP_ANNOTATION}=true`;
  },
};
