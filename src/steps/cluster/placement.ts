// create-cluster's placement defaults and checks. Defaults come from what bootstrap recorded in
// hcp-kv/hcp-kv-settings (a flag given on the command line wins). Then, read-only: the control-plane pods
// (HyperShift gives them the control-plane toleration, plus the HostedCluster's) and the VMs must each have a
// Ready node their selector matches and whose taints they tolerate; otherwise exit 2 naming the flag.
import { usageError } from '../../errors.js';
import type { KubeObject } from '../../kube/types.js';
import { admits, CONTROL_PLANE_TOLERATIONS, matchesSelector, parseSettings, selectorText, SETTINGS_REF, type NodeLike } from '../../manifests/placement.js';
import type { ClusterRequest } from '../../config/cluster.js';
import type { ClusterContext } from './context.js';

type Node = KubeObject & NodeLike & { status?: { conditions?: Array<{ type: string; status: string }> } };

/** The request with what the user left out taken from the recorded settings (a new value; the options stay as
 * given), and what was taken from there. */
export async function withRecordedDefaults(ctx: ClusterContext, given: ClusterRequest): Promise<{ request: ClusterRequest; recorded: string[] }> {
  const cm = await ctx.kube.get<KubeObject & { data?: Record<string, string> }>(SETTINGS_REF);
  if (!cm) return { request: given, recorded: [] };
  const s = parseSettings(cm.data);
  const used: string[] = [];
  const pick = <T>(mine: T | undefined, recorded: T | undefined, what: string, take: boolean): T | undefined => {
    if (!take) return mine;
    used.push(what);
    return recorded;
  };
  const nodeSelector = pick(given.nodeSelector, s.controlPlaneNodeSelector, 'node selector', !given.nodeSelector && Boolean(s.controlPlaneNodeSelector));
  const tolerations = pick(given.tolerations, s.controlPlaneTolerations, 'tolerations', !given.tolerations.length && Boolean(s.controlPlaneTolerations?.length)) ?? given.tolerations;
  const kv = given.nodePool.platform.kubevirt;
  const vmNodeSelector = pick(kv.nodeSelector, s.vmNodeSelector, 'VM node selector', !kv.nodeSelector && Boolean(s.vmNodeSelector && Object.keys(s.vmNodeSelector).length));
  const etcdStorageClass = pick(given.etcdStorageClass, s.etcdStorageClass, `etcd StorageClass ${s.etcdStorageClass}`, !given.etcdStorageClass && Boolean(s.etcdStorageClass));
  if (used.length) ctx.report(`from ${SETTINGS_REF.namespace}/${SETTINGS_REF.name}: ${used.join(', ')}`);
  const nodePool = vmNodeSelector === kv.nodeSelector ? given.nodePool : { ...given.nodePool, platform: { ...given.nodePool.platform, kubevirt: { ...kv, nodeSelector: vmNodeSelector } } };
  return { request: { ...given, nodeSelector, tolerations, etcdStorageClass, nodePool }, recorded: used };
}

/** Throws a usage error when the control plane or the VMs would have no node to run on. */
export async function checkPlacementOfCluster(ctx: ClusterContext, o: Pick<ClusterRequest, 'nodeSelector' | 'tolerations' | 'nodePool'>, recorded: readonly string[]): Promise<void> {
  const nodes = (await ctx.kube.list<Node>('v1', 'Node')).filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const source = (what: string, flag: string) => (recorded.includes(what) ? `the recorded ${what} (${SETTINGS_REF.namespace}/${SETTINGS_REF.name})` : `--${flag}`);
  const cpTolerations = [...CONTROL_PLANE_TOLERATIONS, ...o.tolerations];
  if (o.nodeSelector && !nodes.some((n) => matchesSelector(n, o.nodeSelector!) && admits(n, cpTolerations))) {
    throw usageError(
      `${source('node selector', 'node-selector')} ${selectorText(o.nodeSelector)} matches no Ready node the control-plane pods tolerate`,
      'check the node labels and taints (`oc get nodes --show-labels`, `oc describe node`); add --toleration for a custom taint',
    );
  }
  const vmSelector = o.nodePool.platform.kubevirt.nodeSelector;
  if (vmSelector && !nodes.some((n) => matchesSelector(n, vmSelector) && admits(n, []))) {
    throw usageError(
      `${source('VM node selector', 'vm-node-selector')} ${selectorText(vmSelector)} matches no Ready node schedulable for VMs`,
      'VMs do not tolerate taints (e.g. the control-plane taint): choose untainted worker nodes, see `oc get nodes --show-labels`',
    );
  }
}
