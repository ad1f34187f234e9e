// Watch each chosen NodePool until all its nodes run the new release and it is Ready (they roll at the same
// time on the server; waiting for them one after another costs nothing extra).
import { npRefOf, type NodePool } from '../nodepool/context.js';
import { nodePoolAt, nodePoolsChosen, whyNoNodePools, type UpgradeStep } from './context.js';

export const waitNodePools: UpgradeStep = {
  id: 'wait-nodepools',
  title: 'Wait for the node pools to replace their nodes',
  needs: ['upgrade-nodepools'],
  enabled: nodePoolsChosen,
  notNeeded: whyNoNodePools,
  async skip(ctx) {
    const pools = ctx.state.pools ?? [];
    const at = nodePoolAt(ctx.state.target!.version, ctx.state.target!.image);
    for (const name of pools) {
      const check = at(await ctx.kube.get<NodePool>(npRefOf(name, ctx.opts.namespace)));
      if (!('done' in check && check.done)) return false;
    }
    return `${pools.join(', ')} run ${ctx.state.target!.version ?? ctx.state.target!.image}`;
  },
  async run(ctx) {
    const o = ctx.opts;
    const done: string[] = [];
    for (const name of ctx.state.pools ?? []) {
      const np = await ctx.kube.waitFor<NodePool>(npRefOf(name, o.namespace), nodePoolAt(ctx.state.target!.version, ctx.state.target!.image), {
        timeout: o.timeoutMs,
        signal: ctx.signal,
        report: ctx.report,
        hint: `see why with \`hcp-kv diagnose ${o.name}\``,
      });
      done.push(`${name} ${np?.status?.version ?? ''} (${np?.status?.replicas ?? 0} nodes)`);
    }
    return done.join(', ') || 'no node pools';
  },
};
