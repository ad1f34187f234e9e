// destroy-cluster, first step: delete the HostedCluster (its NodePools go with it). Tolerates a cluster that is
// already gone or already being deleted by an interrupted run.
import type { KubeObject } from '../../kube/types.js';
import { type DestroyStep } from './context.js';
import { hcRef } from './hosted-cluster.js';

export const deleteHostedCluster: DestroyStep = {
  id: 'delete-hosted-cluster',
  title: 'Delete the HostedCluster',
  needs: ['mark-cleanup'],
  async run(ctx) {
    const hc = await ctx.kube.get<KubeObject & { spec?: { infraID?: string } }>(hcRef(ctx.opts));
    if (!hc) return 'already gone';
    ctx.state.infraID = hc.spec?.infraID;
    if (hc.metadata.deletionTimestamp) return 'deletion already in progress';
    await ctx.kube.delete(hcRef(ctx.opts), { signal: ctx.signal });
    return 'deletion requested';
  },
};
