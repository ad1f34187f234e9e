// The capacity report shared by `hcp-kv capacity`, doctor and the checks before create-cluster and nodepool:
// one read of the cluster, the figures, and their text form.
import { parseQuantity } from '../config/kube-values.js';
import { usageError } from '../errors.js';
import { int, must } from '../config/values/index.js';
import type { Kube } from '../kube/types.js';
import { renderTable } from '../output/table.js';
import { readClusterRoom, type ClusterRoom } from './read.js';
import { controlPlanesThatFit, vmRequest, workersThatFit, type ControlPlaneFit, type Fit, type SizingBaseline, type VmShape } from './sizing.js';
import { boundByStorage, readStorageFigures, type StorageAsk, type StorageFigure, type StorageFigures } from './storage-fit.js';

const GiB = 2 ** 30;

export interface CapacityReport {
  controlPlanes: ControlPlaneFit & { nodes: string[]; hostedClusters: number; baseline: SizingBaseline; baselineOverridden: boolean; placement: ClusterRoom['placement'] };
  workers: Fit & { shape: { memory: string; cores: number }; requestPerVm: { cpu: number; memoryBytes: number }; nodes: string[] };
  /** What the etcd and root-volume classes can still hold, where the server reports it. */
  storage?: StorageFigures;
}

/** The worker VM shape from --memory/--cores (create-cluster's defaults), refused when not a quantity or count. */
export function vmShape(f: { memory?: string; cores?: string | number }): VmShape & { memoryText: string } {
  const memoryText = f.memory ?? '8Gi';
  const q = parseQuantity(memoryText);
  if (!q || q.nanos <= 0n) throw usageError(`--memory "${memoryText}" is not a positive Kubernetes quantity`, 'write it like 8Gi or 16384Mi');
  const cores = must(int('cores', String(f.cores ?? 2), { min: 1 }));
  return { memory: Number(q.nanos / 1_000_000_000n), cores, memoryText };
}

export function sizeRoom(room: ClusterRoom, shape: VmShape & { memoryText: string }, storage?: StorageFigures): CapacityReport {
  const r = vmRequest(shape);
  const cp = controlPlanesThatFit(room.controlPlaneNodes, room.baseline);
  const etcd = storage?.etcd.count;
  return {
    controlPlanes: {
      requestBased: boundByStorage(cp.requestBased, etcd),
      lowLoad: boundByStorage(cp.lowLoad, etcd),
      mediumLoad: boundByStorage(cp.mediumLoad, etcd),
      highLoad: boundByStorage(cp.highLoad, etcd),
      nodes: room.controlPlaneNodes.map((n) => n.name),
      hostedClusters: room.hostedClusters,
      baseline: room.baseline,
      baselineOverridden: room.baselineOverridden,
      placement: room.placement,
    },
    workers: {
      ...boundByStorage(workersThatFit(room.vmNodes, shape), storage?.rootVolumes.count),
      shape: { memory: shape.memoryText, cores: shape.cores },
      requestPerVm: { cpu: r.cpu, memoryBytes: r.memory },
      nodes: room.vmNodes.map((n) => n.name),
    },
    ...(storage ? { storage } : {}),
  };
}

export async function capacityReport(kube: Kube, shape: VmShape & { memoryText: string }, signal?: AbortSignal, ask?: StorageAsk): Promise<CapacityReport> {
  const [room, storage] = await Promise.all([readClusterRoom(kube, { signal }), readStorageFigures(kube, kube, ask)]);
  return sizeRoom(room, shape, storage);
}

const gib = (bytes: number) => `${(bytes / GiB).toFixed(2).replace(/\.?0+$/, '')} GiB`;

function boundText(f: Fit, b: SizingBaseline): string {
  switch (f.boundBy) {
    case 'cpu':
      return `CPU requests (${b.cpuRequestPerHCP} vCPU each)`;
    case 'memory':
      return `memory requests (${b.memoryRequestPerHCP} GiB each)`;
    case 'pods':
      return `maxPods (${b.podsPerHCP} pods each)`;
    case 'cpu usage':
      return 'CPU use at that load';
    case 'memory usage':
      return 'memory use at that load';
    case 'storage':
      return 'etcd storage (3 volumes each)';
    default:
      return 'no node may run control planes';
  }
}

export function capacityText(r: CapacityReport): string {
  const cp = r.controlPlanes;
  const b = cp.baseline;
  const rows: Array<[string, Fit]> = [
    ['by requests', cp.requestBased],
    [`low load (${b.minimumQPSPerHCP} QPS)`, cp.lowLoad],
    [`medium load (${b.mediumQPSPerHCP} QPS)`, cp.mediumLoad],
    [`high load (${b.highQPSPerHCP} QPS)`, cp.highLoad],
  ];
  const where = cp.placement === 'recorded' ? 'the recorded control-plane nodes' : 'the nodes control planes may use';
  const lines = [
    `Hosted control planes: ${cp.hostedClusters} now; more that fit on ${where} (${cp.nodes.length}):`,
    renderTable(
      rows.map(([label, f]) => [label, String(f.count), boundText(f, b)]),
      { headers: ['sizing', 'more', 'bounded by'] },
    ).trimEnd(),
    `Worker VMs of ${r.workers.shape.memory} / ${r.workers.shape.cores} cores (each asks ${gib(r.workers.requestPerVm.memoryBytes)} with KubeVirt's overhead): ${r.workers.count} more fit on ${r.workers.nodes.length} VM node(s)${r.workers.count ? `, bounded by ${r.workers.boundBy}` : ''}`,
    ...storageLines(r.storage),
    `Baseline: ${cp.baselineOverridden ? 'overridden by ConfigMap local-cluster/hcp-sizing-baseline' : 'the sizing guidance (override with ConfigMap local-cluster/hcp-sizing-baseline)'}`,
  ];
  return `${lines.join('\n')}\n`;
}

function storageLine(what: string, f: StorageFigure, unit: string): string {
  if (!f.storageClass) return `${what}: no StorageClass (none given, recorded or default)`;
  const size = `${gib(f.volumeBytes)} volumes`;
  if (f.count === undefined) return `${what} on ${f.storageClass} (${size}): unknown — ${f.source === 'no such class' ? 'the class does not exist' : 'the class reports no capacity (no CSIStorageCapacity, no TopoLVM node annotation)'}`;
  return `${what} on ${f.storageClass} (${size}): ${f.count} more ${unit} fit in ${gib(f.freeBytes ?? 0)} free (${f.source})`;
}

function storageLines(s: StorageFigures | undefined): string[] {
  if (!s) return [];
  return [storageLine(`Storage: etcd, ${s.etcd.volumesPerControlPlane} per control plane`, s.etcd, 'control planes'), storageLine('Storage: worker root volumes', s.rootVolumes, 'workers')];
}
