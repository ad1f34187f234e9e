// Before the delete, as upstream `hcp destroy cluster --destroy-cloud-resources` does: ask HyperShift to remove
// what the cluster created on the infrastructure (load balancers, volumes) with it.
import type { KubeObject } from '../../kube/types.js';
import type { Step } from '../../run/step.js';
import { hcRef } from '../cluster/context.js';
import { CLEANUP_ANNOTATION, type ForceDestroyOptions } from './context.js';

export const markCleanup: Step<ForceDestroyOptions> = {
  id: 'mark-cleanup',
  title: 'Mark the cloud resources for cleanup',
  enabled: (ctx) => ctx.opts.destroyCloudResources,
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
