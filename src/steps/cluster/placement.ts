// create-cluster's placement defaults and checks. Defaults come from what bootstrap recorded in
// hcp-kv/hcp-kv-settings (a flag given on the command line wins). Then, read-only: the control-plane pods
// (HyperShift gives them the control-plane toleration, plus the HostedCluster's) and the VMs must each have a
// Ready node their selector matches and whose taints they tolerate; otherwise exit 2 naming the flag.
import { usageError } from '../../errors.js';
import type { KubeObject } from '../../kube/types.js';
import { admits, CONTROL_PLANE_TOLERATIONS, matchesSelector, parseSettings, selectorText, SETTINGS_REF, type NodeLike } from '../../manifests/placement.js';
import type { ClusterContext } from './context.js';

type Node = KubeObject & NodeLike & { status?: { conditions?: Array<{ type: string; status: string }> } };

/** Fills what the user left out from the recorded settings; returns what was taken from there. */
export async function applyRecordedDefaults(ctx: ClusterContext): Promise<string[]> {
  const o = ctx.opts;
  const cm = await ctx.kube.get<KubeObject & { data?: Record<string, string> }>(SETTINGS_REF);
  if (!cm) return [];
  const s = parseSettings(cm.data);
  const used: string[] = [];
  if (!o.nodeSelector && s.controlPlaneNodeSelector) {
    o.nodeSelector = s.controlPlaneNodeSelector;
    used.push('node selector');
  }
  if (!o.tolerations.length && s.controlPlaneTolerations?.length) {
    o.tolerations = s.controlPlaneTolerations;
    used.push('tolerations');
  }
  const kv = o.nodePool.platform.kubevirt;
  if (!kv.nodeSelector && s.vmNodeSelector && Object.keys(s.vmNodeSelector).length) {
    kv.nodeSelector = s.vmNodeSelector;
    used.push('VM node selector');
  }
  if (!o.etcdStorageClass && s.etcdStorageClass) {
    o.etcdStorageClass = s.etcdStorageClass;
    used.push(`etcd StorageClass ${s.etcdStorageClass}`);
  }
  if (used.length) ctx.report(`from ${SETTINGS_REF.namespace}/${SETTINGS_REF.name}: ${used.join(', ')}`);
  return used;
}

/** Throws a usage error when the control plane or the VMs would have no node to run on. */
export async function checkPlacementOfCluster(ctx: ClusterContext, recorded: string[]): Promise<void> {
  const o = ctx.opts;
  const nodes = (await ctx.kube.list<Node>('v1', 'Node')).filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const source = (what: string, flag: string) => (recorded.includes(what) ? `the recorded ${what} (${SETTINGS_REF.namespace}/${SETTINGS_REF.name})` : `--${flag}`);
  const cpTolerations = [...CONTROL_PLANE_TOLERATIONS, ...o.tolerations];
  if (o.nodeSelector && !nodes.some((n) => matchesSelector(n, o.nodeSelector!) && admits(n, cpTolerations))) {
    throw usageError(`${source('node selector', 'node-selector')} ${selectorText(o.nodeSelector)} matches no Ready node the control-plane pods tolerate`, 'check the node labels and taints (`oc get nodes --show-labels`, `oc describe node`); add --toleration for a custom taint');
  }
  const vmSelector = o.nodePool.platform.kubevirt.nodeSelector;
  if (vmSelector && !nodes.some((n) => matchesSelector(n, vmSelector) && admits(n, []))) {
    throw usageError(`${source('VM node selector', 'vm-node-selector')} ${selectorText(vmSelector)} matches no Ready node schedulable for VMs`, 'VMs do not tolerate taints (e.g. the control-plane taint): choose untainted worker nodes, see `oc get nodes --show-labels`');
  }
}
