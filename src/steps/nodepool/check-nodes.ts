// After a node-pool wait: the VMs in the control-plane namespace and the hosted cluster's Nodes match the
// NodePool (one read of each; the wait before it watched the NodePool).
import { HcpError } from '../../errors.js';
import { controlPlaneNamespace } from '../../manifests/hypershift.js';
import { NODE_POOL_LABEL, npRefOf, POOL_LABEL, withGuest, type NodePool, type NodePoolStep } from './context.js';

type Vm = { metadata: { name: string; deletionTimestamp?: string }; status?: { ready?: boolean } };
type Node = { metadata: { name: string }; status?: { conditions?: Array<{ type: string; status: string }>; nodeInfo?: { kubeletVersion?: string } } };

export const checkNodes: NodePoolStep = {
  id: 'check-nodes',
  title: "Check the VMs and the hosted cluster's Nodes",
  needs: ['wait-nodepool-replicas'],
  async run(ctx) {
    const o = ctx.opts;
    const np = await ctx.kube.get<NodePool>(npRefOf(o.name, o.namespace));
    const want = np?.spec?.replicas ?? 0;
    const cluster = ctx.state.clusterName ?? o.clusterName ?? np?.spec?.clusterName ?? '';
    const vms = (await ctx.kube.list('kubevirt.io/v1', 'VirtualMachine', { namespace: controlPlaneNamespace(o.namespace, cluster), labelSelector: `${POOL_LABEL}=${o.name}` })) as unknown as Vm[];
    const running = vms.filter((v) => !v.metadata.deletionTimestamp && v.status?.ready);
    const nodes = (await withGuest(ctx.kube, { name: cluster, namespace: o.namespace }, (g) => g.list('v1', 'Node', { labelSelector: `${NODE_POOL_LABEL}=${o.name}` }))) as unknown as Node[];
    const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    if (vms.length !== want || running.length !== want || ready.length !== want || nodes.length !== want) {
      throw new HcpError(`node pool ${o.namespace}/${o.name} wants ${want} nodes but has ${running.length} running VMs (${vms.length} in all) and ${ready.length} Ready Nodes (${nodes.length} in all)`, {
        hint: `run it again to keep waiting, or see why with \`hcp-kv diagnose ${cluster}\``,
      });
    }
    const versions = [...new Set(ready.map((n) => n.status?.nodeInfo?.kubeletVersion).filter(Boolean))];
    return `${running.length}/${want} VMs running, ${ready.length}/${want} Nodes Ready${versions.length ? ` (${versions.join(', ')})` : ''}`;
  },
};
