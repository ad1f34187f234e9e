// scale and delete: the hosted cluster and the node pool exist (exit 2 naming those that do otherwise).
import { checkCapacity } from '../../capacity/check.js';
import { vmNeed } from './capacity-need.js';
import { requireCluster, requireNodePool, type NodePoolStep } from './context.js';

export const checkNodePool: NodePoolStep = {
  id: 'check-nodepool',
  title: 'Check the hosted cluster and the node pool',
  async run(ctx) {
    const o = ctx.opts;
    if (o.clusterName) await requireCluster(ctx.kube, o.clusterName, o.namespace);
    const np = await requireNodePool(ctx.kube, o.name, o.namespace, o.clusterName);
    ctx.state.clusterName = o.clusterName ?? np.spec?.clusterName;
    // Scaling up adds VMs: they must fit (scaling down and delete free room).
    const more = (o.replicas ?? 0) - (np.spec?.replicas ?? 0);
    if (more > 0 && !o.skipCapacityCheck) ctx.report(await checkCapacity(ctx.kube, vmNeed(more, np.spec?.platform?.kubevirt ?? {}), ctx.signal));
    return `NodePool ${o.namespace}/${o.name} of ${ctx.state.clusterName}: ${np.status?.replicas ?? 0}/${np.spec?.replicas ?? 0} nodes ready`;
  },
};
