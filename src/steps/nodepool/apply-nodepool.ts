// nodepool create: create the NodePool create-only (POST). When it exists — a re-run, or a run racing this one —
// it is adopted only if it is the very pool requested (same cluster, replicas and settings); any difference is
// refused naming it, and the existing pool is never changed (the server decides who created it: 409).
import { usageError } from '../../errors.js';
import { refuseTerminating } from '../../kube/terminating.js';
import { nodePoolManifest } from '../../manifests/nodepool.js';
import { nodePoolDifferences, type NodePool, type NodePoolStep } from './context.js';

export const applyNodePool: NodePoolStep = {
  id: 'apply-nodepool',
  title: 'Create the node pool',
  needs: ['check-new-nodepool'],
  async run(ctx) {
    const o = ctx.opts;
    const desired = nodePoolManifest({ ...o.spec!, releaseImage: ctx.state.releaseImage ?? o.spec!.releaseImage });
    const r = await ctx.kube.create<NodePool>(desired, { signal: ctx.signal });
    if (r.created) return `NodePool ${o.namespace}/${o.name} created`;
    refuseTerminating(r.object);
    const diff = nodePoolDifferences(r.object, desired);
    if (diff.length) {
      const owner = r.object.spec?.clusterName !== o.spec!.clusterName ? ` of hosted cluster ${r.object.spec?.clusterName}` : '';
      throw usageError(
        `node pool ${o.namespace}/${o.name}${owner} already exists (created by another run meanwhile) with a different configuration: ${diff.join('; ')}; nothing was changed`,
        `choose another name, or change its size with \`hcp-kv nodepool scale ${o.name} --replicas N\``,
      );
    }
    return `NodePool ${o.namespace}/${o.name} already exists with this configuration, unchanged`;
  },
};
