// Point the chosen NodePools at the target release; with upgradeType Replace HyperShift replaces the VMs one
// by one.
import type { Step } from '../../run/step.js';
import { npRefOf, type NodePool } from '../nodepool/context.js';
import type { UpgradeOptions } from './context.js';

export const upgradeNodePools: Step<UpgradeOptions> = {
  id: 'upgrade-nodepools',
  title: 'Set the node pools release',
  needs: ['wait-control-plane'],
  enabled: (ctx) => ctx.opts.nodePools !== 'none',
  async run(ctx) {
    const o = ctx.opts;
    const changed: string[] = [];
    for (const name of o.pools ?? []) {
      const np = await ctx.kube.get<NodePool>(npRefOf(name, o.namespace));
      if (!np || np.spec?.release?.image === o.target!.image) continue;
      await ctx.kube.patch(npRefOf(name, o.namespace), { spec: { release: { image: o.target!.image } } }, 'merge', { signal: ctx.signal });
      changed.push(name);
    }
    return changed.length ? `${changed.join(', ')} → ${o.target!.version ?? o.target!.image}` : 'already set';
  },
};
