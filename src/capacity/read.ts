// Reads what the sizing needs from the management cluster: Ready nodes (allocatable CPU, memory, pods), the pods
// placed on them (their requests), the hosted control planes already there, the placement bootstrap recorded
// (hcp-kv/hcp-kv-settings) and the addon's baseline override. Read-only.
//
// Free room for control planes: allocatable, minus the requests of the pods on the node that are not hosted
// control-plane pods, minus the baseline of every hosted control plane already on the cluster (spread over the
// control-plane nodes, as its pods are). Existing control planes count at the baseline, not at their pods'
// requests: the baseline is what the guidance plans with, and a control plane still starting has not created
// its 75 pods yet. Free room for VMs: allocatable minus every pod's requests on the node.
import { parseQuantity } from '../config/kube-values.js';
import { HcpError } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import type { Toleration } from '../manifests/hypershift.js';
import { admits, CONTROL_PLANE_TOLERATIONS, matchesSelector, parseSettings, SETTINGS_REF, type NodeLike } from '../manifests/placement.js';
import { BASELINE_REF, baselineFromConfigMap } from './baseline.js';
import type { NodeRoom, SizingBaseline } from './sizing.js';

const GiB = 2 ** 30;
/** The label HyperShift puts on every pod of a hosted control plane (support/config in openshift/hypershift). */
const CONTROL_PLANE_COMPONENT = 'hypershift.openshift.io/control-plane-component';

type ResourceList = Record<string, string | undefined>;
type Node = KubeObject & NodeLike & { status?: { allocatable?: ResourceList; conditions?: Array<{ type: string; status: string }> } };
type Pod = KubeObject & { spec?: { nodeName?: string; containers?: Array<{ resources?: { requests?: ResourceList } }> }; status?: { phase?: string } };

export interface ClusterRoom {
  baseline: SizingBaseline;
  baselineOverridden: boolean;
  /** Nodes hosted control planes may use (free room after existing pods and control planes). */
  controlPlaneNodes: NodeRoom[];
  /** Nodes worker VMs may use (free room after existing pods). */
  vmNodes: NodeRoom[];
  hostedClusters: number;
  /** Where the node sets come from: the recorded placement or every schedulable node. */
  placement: 'recorded' | 'shared';
}

/** A quantity as a number of its base unit (cores, bytes, pods); 0 when absent or unparseable. */
export function quantity(text: string | undefined): number {
  const q = text === undefined ? undefined : parseQuantity(text);
  return q ? Number(q.nanos) / 1e9 : 0;
}

const ready = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const active = (p: Pod) => Boolean(p.spec?.nodeName) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

function requests(p: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of p.spec?.containers ?? []) {
    cpu += quantity(c.resources?.requests?.cpu);
    memory += quantity(c.resources?.requests?.memory);
  }
  return { cpu, memory };
}

function room(n: Node, pods: Pod[]): NodeRoom {
  const a = n.status?.allocatable ?? {};
  const r = { name: n.metadata.name, cpu: quantity(a.cpu), memory: quantity(a.memory), pods: quantity(a.pods) };
  for (const p of pods) {
    const q = requests(p);
    r.cpu -= q.cpu;
    r.memory -= q.memory;
    r.pods -= 1;
  }
  return r;
}

/** Subtracts `count` control planes at the baseline, shared evenly over the nodes. */
function withoutControlPlanes(nodes: NodeRoom[], count: number, b: SizingBaseline): NodeRoom[] {
  if (!nodes.length || !count) return nodes;
  const share = count / nodes.length;
  return nodes.map((n) => ({ ...n, cpu: n.cpu - share * b.cpuRequestPerHCP, memory: n.memory - share * b.memoryRequestPerHCP * GiB, pods: n.pods - share * b.podsPerHCP }));
}

/** Selectors given on the command line win over the recorded placement (as create-cluster's defaults do). */
export interface RoomOptions {
  controlPlaneSelector?: Record<string, string>;
  controlPlaneTolerations?: Toleration[];
  vmSelector?: Record<string, string>;
  signal?: AbortSignal;
}

/** A read these credentials may not make (403): the checks that need it are skipped, and say so. */
export function isForbidden(e: unknown): boolean {
  const cause = e instanceof HcpError ? e.cause : e;
  return cause instanceof KubeApiError && cause.code === 403;
}

export async function readClusterRoom(kube: Kube, o: RoomOptions = {}): Promise<ClusterRoom> {
  const signal = o.signal;
  const [nodes, pods, hcs, settingsCm, baselineCm] = await Promise.all([
    kube.list<Node>('v1', 'Node', { signal }),
    kube.list<Pod>('v1', 'Pod', { signal }),
    kube.list('hypershift.openshift.io/v1beta1', 'HostedCluster', { signal }),
    kube.get<KubeObject & { data?: Record<string, string> }>(SETTINGS_REF, { signal }),
    kube.get<KubeObject & { data?: Record<string, string> }>(BASELINE_REF, { signal }),
  ]);
  const baseline = baselineFromConfigMap(baselineCm?.data);
  const settings = parseSettings(settingsCm?.data);
  const byNode = new Map<string, Pod[]>();
  for (const p of pods.filter(active)) byNode.set(p.spec!.nodeName!, [...(byNode.get(p.spec!.nodeName!) ?? []), p]);
  const usable = nodes.filter(ready);
  const cpSelector = o.controlPlaneSelector ?? settings.controlPlaneNodeSelector;
  const vmSelector = o.vmSelector ?? settings.vmNodeSelector;
  const cpTolerations: Toleration[] = [...CONTROL_PLANE_TOLERATIONS, ...(o.controlPlaneTolerations ?? settings.controlPlaneTolerations ?? [])];
  const cpNodes = usable.filter((n) => admits(n, cpTolerations) && (!cpSelector || matchesSelector(n, cpSelector)));
  const vmNodes = usable.filter((n) => admits(n, []) && (!vmSelector || matchesSelector(n, vmSelector)));
  const notControlPlane = (p: Pod) => !p.metadata.labels?.[CONTROL_PLANE_COMPONENT];
  const live = hcs.filter((h) => !h.metadata.deletionTimestamp).length;
  return {
    baseline,
    baselineOverridden: Boolean(baselineCm),
    controlPlaneNodes: withoutControlPlanes(
      cpNodes.map((n) => room(n, (byNode.get(n.metadata.name) ?? []).filter(notControlPlane))),
      live,
      baseline,
    ),
    vmNodes: vmNodes.map((n) => room(n, byNode.get(n.metadata.name) ?? [])),
    hostedClusters: live,
    placement: cpSelector || vmSelector ? 'recorded' : 'shared',
  };
}
