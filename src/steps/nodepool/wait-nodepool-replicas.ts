// Watch the NodePool until it has as many Ready nodes as it wants, reporting n/N as they come and go.
import { npRefOf, replicasReady, type NodePool, type NodePoolStep, type NodePoolStepId } from './context.js';

/** The same wait after scale-nodepool or apply-nodepool. */
export function waitNodePoolReplicas(needs: readonly NodePoolStepId[]): NodePoolStep {
  return {
    id: 'wait-nodepool-replicas',
    title: 'Wait until the node pool has its nodes',
    needs,
    async skip(ctx) {
      const np = await ctx.kube.get<NodePool>(npRefOf(ctx.opts.name, ctx.opts.namespace));
      const check = replicasReady(np);
      return 'done' in check && check.done ? `${np!.status?.replicas ?? 0} of ${np!.spec?.replicas ?? 0} nodes ready` : false;
    },
    async run(ctx) {
      const np = await ctx.kube.waitFor<NodePool>(npRefOf(ctx.opts.name, ctx.opts.namespace), replicasReady, {
        timeout: ctx.opts.timeoutMs,
        signal: ctx.signal,
        report: ctx.report,
        hint: `see why with \`hcp-kv diagnose ${ctx.state.clusterName ?? ctx.opts.clusterName ?? '<cluster>'}\` (VMs too large for any node, a node selector nothing matches, no default StorageClass)`,
      });
      return `${np?.status?.replicas ?? 0}/${np?.spec?.replicas ?? 0} nodes ready`;
    },
  };
}
