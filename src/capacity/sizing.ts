// How many more hosted control planes, and how many more worker VMs of one shape, fit on a management cluster.
// Pure: the figures come from the inputs only, so the docs' worked example is a table test.
//
// Control planes follow Red Hat's sizing guidance and the hypershift addon's arithmetic:
// - openshift/openshift-docs modules/hcp-sizing-calculation.adoc@026086bd47993f78c56b27ac2d2e1fc9e8bc4d8c (the worked
//   example: per worker, the minimum of vCPU ÷ 5, vCPU ÷ (2.9 + QPS/1000 × 9.0), GiB ÷ 18,
//   GiB ÷ (11.1 + QPS/1000 × 2.5) and maxPods ÷ 75, times the workers; 3 × 64 vCPU / 128 GiB at 1,000 QPS → 16,
//   3 × 128 vCPU / 256 GiB → 20);
// - stolostron/hypershift-addon-operator pkg/agent/hcp_capacity_calculation.go@135dd94f947a4057597c2cee29d79327dbd79fe3
//   (calculateMaxHCPs: the same minimum, request-based when no load is given, low/medium/high = 50/1,000/2,000 QPS).
// Worker VMs follow KubeVirt's virt-launcher requests: guest memory plus its overhead, CPU = cores ÷ the CPU
// allocation ratio (10 by default) — kubevirt/kubevirt pkg/virt-controller/services/template.go@a9a7c3211704f13c956b1c64c2cec706bbc8329b
// (VirtLauncherMonitorOverhead 25Mi, VirtLauncherOverhead 100Mi, VirtlogdOverhead 25Mi, VirtqemudOverhead 40Mi,
// QemuOverhead 30Mi) and GetMemoryOverhead (page tables = guest memory ÷ 512, 8Mi per vCPU, 8Mi for the IO
// thread, 32Mi of video RAM for the auto-attached graphics device).

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** The per-control-plane baseline; the addon reads overrides from ConfigMap local-cluster/hcp-sizing-baseline. */
export interface SizingBaseline {
  cpuRequestPerHCP: number; // vCPU
  memoryRequestPerHCP: number; // GiB
  podsPerHCP: number;
  idleCPUUsage: number; // vCPU
  idleMemoryUsage: number; // GiB
  incrementalCPUUsagePer1KQPS: number; // vCPU
  incrementalMemUsagePer1KQPS: number; // GiB
  minimumQPSPerHCP: number;
  mediumQPSPerHCP: number;
  highQPSPerHCP: number;
}

export const DEFAULT_BASELINE: SizingBaseline = {
  cpuRequestPerHCP: 5,
  memoryRequestPerHCP: 18,
  podsPerHCP: 75,
  idleCPUUsage: 2.9,
  idleMemoryUsage: 11.1,
  incrementalCPUUsagePer1KQPS: 9.0,
  incrementalMemUsagePer1KQPS: 2.5,
  minimumQPSPerHCP: 50,
  mediumQPSPerHCP: 1000,
  highQPSPerHCP: 2000,
};

/** Free resources of one node for the purpose at hand (allocatable minus what is already asked for). */
export interface NodeRoom {
  name: string;
  cpu: number; // vCPU
  memory: number; // bytes
  pods: number;
}

export type Bound = 'cpu' | 'memory' | 'pods' | 'cpu usage' | 'memory usage' | 'nodes' | 'storage';

export interface Fit {
  count: number;
  /** What runs out first. */
  boundBy: Bound;
}

export interface ControlPlaneFit {
  requestBased: Fit;
  lowLoad: Fit;
  mediumLoad: Fit;
  highLoad: Fit;
}

// The docs floor the product, not each node's share (5.4 × 3 = 16.2 → 16); the epsilon keeps 6.67 × 3 at 20.
const floor = (x: number) => Math.max(0, Math.floor(x + 1e-9));

function controlPlanesAt(nodes: NodeRoom[], b: SizingBaseline, qps: number | undefined): Fit {
  if (!nodes.length) return { count: 0, boundBy: 'nodes' };
  const sums = new Map<Bound, number>();
  for (const n of nodes) {
    const gib = n.memory / GiB;
    const per: Array<[Bound, number]> = [
      ['cpu', n.cpu / b.cpuRequestPerHCP],
      ['memory', gib / b.memoryRequestPerHCP],
      ['pods', n.pods / b.podsPerHCP],
    ];
    if (qps !== undefined) {
      per.push(['cpu usage', n.cpu / (b.idleCPUUsage + (qps / 1000) * b.incrementalCPUUsagePer1KQPS)]);
      per.push(['memory usage', gib / (b.idleMemoryUsage + (qps / 1000) * b.incrementalMemUsagePer1KQPS)]);
    }
    // One node's share is bounded by its scarcest resource; the cluster's bound is the one most nodes hit.
    const [bound, value] = per.reduce((a, c) => (c[1] < a[1] ? c : a));
    sums.set(bound, (sums.get(bound) ?? 0) + Math.max(0, value));
  }
  const total = [...sums.values()].reduce((a, v) => a + v, 0);
  const boundBy = [...sums].reduce((a, c) => (c[1] > a[1] ? c : a))[0];
  return { count: floor(total), boundBy };
}

/** How many more highly available hosted control planes fit on `nodes` (their free room). */
export function controlPlanesThatFit(nodes: NodeRoom[], b: SizingBaseline = DEFAULT_BASELINE): ControlPlaneFit {
  return {
    requestBased: controlPlanesAt(nodes, b, undefined),
    lowLoad: controlPlanesAt(nodes, b, b.minimumQPSPerHCP),
    mediumLoad: controlPlanesAt(nodes, b, b.mediumQPSPerHCP),
    highLoad: controlPlanesAt(nodes, b, b.highQPSPerHCP),
  };
}

export interface VmShape {
  /** Guest memory in bytes. */
  memory: number;
  cores: number;
  /** KubeVirt's CPU allocation ratio (HyperConverged spec.resourceRequirements.vmiCPUAllocationRatio, default 10). */
  cpuAllocationRatio?: number;
}

/** Bytes KubeVirt adds to a VM's memory request for virt-launcher, libvirt, QEMU, page tables and devices. */
export function vmMemoryOverhead(shape: Pick<VmShape, 'memory' | 'cores'>): number {
  const fixed = (25 + 100 + 25 + 40 + 30) * MiB;
  const pageTables = Math.ceil(shape.memory / 512);
  return fixed + pageTables + shape.cores * 8 * MiB + 8 * MiB + 32 * MiB;
}

/** What one worker VM asks its node for: memory with the overhead, CPU in vCPU, one pod. */
export function vmRequest(shape: VmShape): { cpu: number; memory: number; pods: number } {
  return { cpu: shape.cores / (shape.cpuAllocationRatio ?? 10), memory: shape.memory + vmMemoryOverhead(shape), pods: 1 };
}

/** How many more VMs of `shape` fit on `nodes`: VMs do not span nodes, so each node's whole count is summed. */
export function workersThatFit(nodes: NodeRoom[], shape: VmShape): Fit {
  if (!nodes.length) return { count: 0, boundBy: 'nodes' };
  const r = vmRequest(shape);
  let count = 0;
  const bounds = new Map<Bound, number>();
  for (const n of nodes) {
    const per: Array<[Bound, number]> = [
      ['cpu', floor(n.cpu / r.cpu)],
      ['memory', floor(n.memory / r.memory)],
      ['pods', floor(n.pods / r.pods)],
    ];
    const [bound, value] = per.reduce((a, c) => (c[1] < a[1] ? c : a));
    count += value;
    bounds.set(bound, (bounds.get(bound) ?? 0) + 1);
  }
  return { count, boundBy: [...bounds].reduce((a, c) => (c[1] > a[1] ? c : a))[0] };
}
