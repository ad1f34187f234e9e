// scale and delete: the hosted cluster and the node pool exist (exit 2 naming those that do otherwise). A pool
// (or hosted cluster) being deleted is refused by scale before any write; delete notes since when it is being
// deleted and then only waits for it, within the announced deadline.
import { checkCapacity } from '../../capacity/check.js';
import { refuseTerminating } from '../../kube/terminating.js';
import { vmNeed } from './capacity-need.js';
import { hcRefOf, requireCluster, requireNodePool, type NodePoolStep } from './context.js';

export const checkNodePool: NodePoolStep = {
  id: 'check-nodepool',
  title: 'Check the hosted cluster and the node pool',
  async run(ctx) {
    const o = ctx.opts;
    const scaling = o.replicas !== undefined;
    if (o.clusterName) await requireCluster(ctx.kube, o.clusterName, o.namespace);
    const np = await requireNodePool(ctx.kube, o.name, o.namespace, o.clusterName);
    ctx.state.clusterName = o.clusterName ?? np.spec?.clusterName;
    const ts = np.metadata.deletionTimestamp;
    if (scaling) {
      refuseTerminating(np);
      if (ctx.state.clusterName) refuseTerminating(await ctx.kube.get(hcRefOf(ctx.state.clusterName, o.namespace)));
      // Scaling up adds VMs: they must fit (scaling down and delete free room).
      const more = (o.replicas ?? 0) - (np.spec?.replicas ?? 0);
      if (more > 0 && !o.skipCapacityCheck) ctx.report(await checkCapacity(ctx.kube, vmNeed(more, np.spec?.platform?.kubevirt ?? {}), ctx.signal));
    } else if (ts) {
      ctx.state.deletingSince = ts;
      const finalizers = np.metadata.finalizers?.length ? ` (finalizers: ${np.metadata.finalizers.join(', ')})` : '';
      return `NodePool ${o.namespace}/${o.name} of ${ctx.state.clusterName} is already being deleted since ${ts}${finalizers}`;
    }
    return `NodePool ${o.namespace}/${o.name} of ${ctx.state.clusterName}: ${np.status?.replicas ?? 0}/${np.spec?.replicas ?? 0} nodes ready`;
  },
};
