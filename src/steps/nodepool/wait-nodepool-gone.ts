// Watch until the NodePool is gone, then confirm its VMs and Nodes left with it.
import { HcpError } from '../../errors.js';
import { gone } from '../../kube/conditions.js';
import { controlPlaneNamespace } from '../../manifests/hypershift.js';
import { NODE_POOL_LABEL, npRefOf, POOL_LABEL, withGuest, type NodePoolStep } from './context.js';

export const waitNodePoolGone: NodePoolStep = {
  id: 'wait-nodepool-gone',
  title: 'Wait until the node pool, its VMs and its Nodes are gone',
  needs: ['delete-nodepool'],
  async run(ctx) {
    const o = ctx.opts;
    if (ctx.state.deletingSince) ctx.report(`NodePool ${o.namespace}/${o.name} is already being deleted since ${ctx.state.deletingSince}: waiting for it to go`);
    await ctx.kube.waitFor(npRefOf(o.name, o.namespace), gone, {
      timeout: o.timeoutMs,
      signal: ctx.signal,
      report: ctx.report,
      hint: `${ctx.state.deletingSince ? `it is being deleted since ${ctx.state.deletingSince}; ` : ''}HyperShift removes its VMs first; check \`oc get vm -n ${controlPlaneNamespace(o.namespace, ctx.state.clusterName ?? '<cluster>')}\` and \`hcp-kv diagnose ${ctx.state.clusterName ?? '<cluster>'}\``,
    });
    const cluster = ctx.state.clusterName ?? o.clusterName ?? '';
    const vms = await ctx.kube.list('kubevirt.io/v1', 'VirtualMachine', { namespace: controlPlaneNamespace(o.namespace, cluster), labelSelector: `${POOL_LABEL}=${o.name}` });
    const nodes = await withGuest(ctx.kube, { name: cluster, namespace: o.namespace }, (g) => g.list('v1', 'Node', { labelSelector: `${NODE_POOL_LABEL}=${o.name}` }));
    if (vms.length || nodes.length) throw new HcpError(`NodePool ${o.namespace}/${o.name} is gone but ${vms.length} VMs and ${nodes.length} Nodes of it remain`, { hint: 'HyperShift normally removes them first; delete them by hand' });
    return 'NodePool, VMs and Nodes gone';
  },
};
