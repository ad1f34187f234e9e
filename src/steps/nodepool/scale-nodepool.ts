// Set spec.replicas; HyperShift adds or removes VMs (and their Nodes) to match.
import { npRefOf, type NodePool, type NodePoolStep } from './context.js';

export const scaleNodePool: NodePoolStep = {
  id: 'scale-nodepool',
  title: 'Set the node pool replicas',
  needs: ['check-nodepool'],
  async skip(ctx) {
    const np = await ctx.kube.get<NodePool>(npRefOf(ctx.opts.name, ctx.opts.namespace));
    return np?.spec?.replicas === ctx.opts.replicas ? `already ${ctx.opts.replicas} replicas` : false;
  },
  async run(ctx) {
    const ref = npRefOf(ctx.opts.name, ctx.opts.namespace);
    const before = (await ctx.kube.get<NodePool>(ref))?.spec?.replicas;
    await ctx.kube.patch(ref, { spec: { replicas: ctx.opts.replicas } }, 'merge', { signal: ctx.signal });
    return `replicas ${before ?? 0} → ${ctx.opts.replicas}`;
  },
};
