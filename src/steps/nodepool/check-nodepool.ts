// scale and delete: the hosted cluster and the node pool exist (exit 2 naming those that do otherwise).
import type { Step } from '../../run/step.js';
import { requireCluster, requireNodePool, type NodePoolOptions } from './context.js';

export const checkNodePool: Step<NodePoolOptions> = {
  id: 'check-nodepool',
  title: 'Check the hosted cluster and the node pool',
  async run(ctx) {
    const o = ctx.opts;
    if (o.clusterName) await requireCluster(ctx.kube, o.clusterName, o.namespace);
    const np = await requireNodePool(ctx.kube, o.name, o.namespace, o.clusterName);
    o.clusterName ??= np.spec?.clusterName;
    return `NodePool ${o.namespace}/${o.name} of ${o.clusterName}: ${np.status?.replicas ?? 0}/${np.spec?.replicas ?? 0} nodes ready`;
  },
};
