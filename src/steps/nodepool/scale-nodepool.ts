// Set spec.replicas; HyperShift adds or removes VMs (and their Nodes) to match. Read-modify-write with the
// resourceVersion read as precondition: when the pool changed in between (409 Conflict) it is read again and
// checked again (still there, not being deleted, still of the same cluster) before the next attempt.
import { HcpError } from '../../errors.js';
import { refuseTerminating } from '../../kube/terminating.js';
import { isConflict } from '../../kube/types.js';
import { npRefOf, requireNodePool, type NodePool, type NodePoolStep } from './context.js';

const ATTEMPTS = 5;

export const scaleNodePool: NodePoolStep = {
  id: 'scale-nodepool',
  title: 'Set the node pool replicas',
  needs: ['check-nodepool'],
  async skip(ctx) {
    const np = await ctx.kube.get<NodePool>(npRefOf(ctx.opts.name, ctx.opts.namespace));
    refuseTerminating(np);
    return np?.spec?.replicas === ctx.opts.replicas ? `replicas ${ctx.opts.replicas}, ${np?.status?.replicas ?? 0} of ${ctx.opts.replicas} nodes ready` : false;
  },
  async run(ctx) {
    const o = ctx.opts;
    const ref = npRefOf(o.name, o.namespace);
    for (let attempt = 1; ; attempt++) {
      const np = await requireNodePool(ctx.kube, o.name, o.namespace, ctx.state.clusterName);
      refuseTerminating(np);
      const before = np.spec?.replicas;
      if (before === o.replicas) return `replicas already ${o.replicas} (set by another run meanwhile)`;
      try {
        // metadata.resourceVersion in a merge patch is a precondition: 409 when the object changed since it was read.
        await ctx.kube.patch(ref, { metadata: { resourceVersion: np.metadata.resourceVersion }, spec: { replicas: o.replicas } }, 'merge', { signal: ctx.signal });
        return `replicas ${before ?? 0} → ${o.replicas}`;
      } catch (e) {
        if (!isConflict(e)) throw e;
        if (attempt >= ATTEMPTS)
          throw new HcpError(`NodePool ${o.namespace}/${o.name} kept changing while setting its replicas (${ATTEMPTS} conflicts); nothing was changed by this run`, {
            hint: 'another client is writing it; check `oc get np -n ' + o.namespace + ' ' + o.name + ' -o yaml` and run the command again',
            cause: e,
          });
        ctx.report(`NodePool ${o.namespace}/${o.name} changed since it was read (409 Conflict): reading it again`);
      }
    }
  },
};
