// destroy-cluster, first step: delete the HostedCluster (its NodePools go with it). Tolerates a cluster that is
// already gone or already being deleted by an interrupted run.
import { ExitCode, HcpError } from '../../errors.js';
import type { KubeObject } from '../../kube/types.js';
import { ownSecrets } from './delete-secrets.js';
import { type DestroyStep } from './context.js';
import { hcRef } from './hosted-cluster.js';

export const deleteHostedCluster: DestroyStep = {
  id: 'delete-hosted-cluster',
  title: 'Delete the HostedCluster',
  needs: ['mark-cleanup'],
  async skip(ctx) {
    const hc = await ctx.kube.get<KubeObject & { spec?: { infraID?: string } }>(hcRef(ctx.opts));
    if (!hc) {
      // Gone, but secrets of ours left: an interrupted destroy to finish. Nothing at all: a typo, unless told.
      const leftovers = await ownSecrets(ctx);
      if (leftovers.length || ctx.opts.ignoreNotFound) return 'the HostedCluster is gone';
      const others = (await ctx.kube.list('hypershift.openshift.io/v1beta1', 'HostedCluster', { namespace: ctx.opts.namespace, signal: ctx.signal })).map((h) => h.metadata.name);
      throw new HcpError(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} not found; ${others.length ? `HostedClusters in ${ctx.opts.namespace}: ${others.join(', ')}` : `there are no HostedClusters in ${ctx.opts.namespace}`}`, { hint: 'check the name and --namespace (`hcp-kv list -A`), or pass --ignore-not-found when a missing cluster is fine', exitCode: ExitCode.usage });
    }
    // delete-secrets finds the cluster's secrets by this label value.
    ctx.state.infraID = hc.spec?.infraID;
    return hc.metadata.deletionTimestamp ? `deletion requested at ${hc.metadata.deletionTimestamp}` : false;
  },
  async run(ctx) {
    await ctx.kube.delete(hcRef(ctx.opts), { signal: ctx.signal });
    return 'deletion requested';
  },
};
