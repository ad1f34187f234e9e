// Delete the NodePool; HyperShift removes its VMs and their Nodes, then its finalizer. A pool already being
// deleted is not deleted again: the next step waits for it.
import { npRefOf, type NodePoolStep } from './context.js';

export const deleteNodePool: NodePoolStep = {
  id: 'delete-nodepool',
  title: 'Delete the node pool',
  needs: ['check-nodepool'],
  async skip(ctx) {
    return ctx.state.deletingSince ? `already being deleted since ${ctx.state.deletingSince}` : false;
  },
  async run(ctx) {
    const gone = !(await ctx.kube.delete(npRefOf(ctx.opts.name, ctx.opts.namespace), { signal: ctx.signal }));
    return gone ? 'already gone' : 'deletion requested';
  },
};
