// nodepool create: server-side apply the NodePool (a re-run after an interruption changes nothing).
import { nodePoolManifest } from '../../manifests/nodepool.js';
import type { NodePoolStep } from './context.js';

export const applyNodePool: NodePoolStep = {
  id: 'apply-nodepool',
  title: 'Create the node pool',
  needs: ['check-new-nodepool'],
  async run(ctx) {
    const [r] = await ctx.kube.apply([nodePoolManifest({ ...ctx.opts.spec!, releaseImage: ctx.state.releaseImage ?? ctx.opts.spec!.releaseImage })], { signal: ctx.signal, report: ctx.report });
    return `NodePool ${ctx.opts.namespace}/${ctx.opts.name} ${r?.action ?? 'applied'}`;
  },
};
