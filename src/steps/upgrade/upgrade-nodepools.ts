// Point the chosen NodePools at the target release; with upgradeType Replace HyperShift replaces the VMs one
// by one.
import { npRefOf, type NodePool } from '../nodepool/context.js';
import { nodePoolsChosen, whyNoNodePools, type UpgradeStep } from './context.js';

export const upgradeNodePools: UpgradeStep = {
  id: 'upgrade-nodepools',
  title: 'Set the node pools release',
  needs: ['wait-control-plane'],
  enabled: nodePoolsChosen,
  notNeeded: whyNoNodePools,
  async skip(ctx) {
    const pools = ctx.state.pools ?? [];
    for (const name of pools) {
      if ((await ctx.kube.get<NodePool>(npRefOf(name, ctx.opts.namespace)))?.spec?.release?.image !== ctx.state.target!.image) return false;
    }
    return `${pools.join(', ')} set to ${ctx.state.target!.version ?? ctx.state.target!.image}`;
  },
  async run(ctx) {
    const o = ctx.opts;
    const changed: string[] = [];
    for (const name of ctx.state.pools ?? []) {
      const np = await ctx.kube.get<NodePool>(npRefOf(name, o.namespace));
      if (!np || np.spec?.release?.image === ctx.state.target!.image) continue;
      await ctx.kube.patch(npRefOf(name, o.namespace), { spec: { release: { image: ctx.state.target!.image } } }, 'merge', { signal: ctx.signal });
      changed.push(name);
    }
    return changed.length ? `${changed.join(', ')} → ${ctx.state.target!.version ?? ctx.state.target!.image}` : 'no node pool needed a change';
  },
};
