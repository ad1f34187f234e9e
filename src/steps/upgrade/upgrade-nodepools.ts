// Point the chosen NodePools at the target release; with upgradeType Replace HyperShift replaces the VMs one
// by one.
import { npRefOf, type NodePool } from '../nodepool/context.js';
import type { UpgradeStep } from './context.js';

export const upgradeNodePools: UpgradeStep = {
  id: 'upgrade-nodepools',
  title: 'Set the node pools release',
  needs: ['wait-control-plane'],
  enabled: (ctx) => ctx.opts.nodePools !== 'none',
  async run(ctx) {
    const o = ctx.opts;
    const changed: string[] = [];
    for (const name of ctx.state.pools ?? []) {
      const np = await ctx.kube.get<NodePool>(npRefOf(name, o.namespace));
      if (!np || np.spec?.release?.image === ctx.state.target!.image) continue;
      await ctx.kube.patch(npRefOf(name, o.namespace), { spec: { release: { image: ctx.state.target!.image } } }, 'merge', { signal: ctx.signal });
      changed.push(name);
    }
    return changed.length ? `${changed.join(', ')} → ${ctx.state.target!.version ?? ctx.state.target!.image}` : 'already set';
  },
};
