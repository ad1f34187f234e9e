// Delete the NodePool; HyperShift removes its VMs and their Nodes, then its finalizer.
import type { Step } from '../../run/step.js';
import { npRefOf, type NodePoolOptions } from './context.js';

export const deleteNodePool: Step<NodePoolOptions> = {
  id: 'delete-nodepool',
  title: 'Delete the node pool',
  needs: ['check-nodepool'],
  async run(ctx) {
    const gone = !(await ctx.kube.delete(npRefOf(ctx.opts.name, ctx.opts.namespace), { signal: ctx.signal }));
    return gone ? 'already gone' : 'deletion requested';
  },
};
