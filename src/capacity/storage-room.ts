// How many more volumes of a size a StorageClass can hold, where the server says so — never a guess:
// - CSIStorageCapacity objects (storage.k8s.io/v1, published by the CSI external-provisioner for drivers with storage
//   capacity tracking; kubernetes/kubernetes staging/src/k8s.io/api/storage/v1/types.go: one object per class and
//   topology segment, capacity = what GetCapacity reported, maximumVolumeSize = the largest single volume);
// - else, for LVM Storage (TopoLVM, provisioner topolvm.io), the Node annotations capacity.topolvm.io/<device class>
//   that topolvm-node writes with the free bytes of each node's volume group or thin pool (thin: the pool times its
//   overprovision ratio, less what is provisioned) — topolvm/topolvm docs/topolvm-node.md@86887eedc6f84de7b57e1e47faa417d967f1dea0
//   "Operations to Node Resources". LVMCluster's status carries no sizes (openshift/lvm-operator
//   config/crd/bases/lvm.topolvm.io_lvmclusters.yaml@de3cc31a2b474487952c3ae03ad3725107b69355), so it is not read;
// - else (ODF, NFS, any class whose driver reports nothing) the room is "unknown".
// A volume lives in one segment (one node for local storage): volumes of a segment are counted whole, then summed.
import type { Kube, KubeObject } from '../kube/types.js';
import { quantity } from './read.js';

type StorageClass = KubeObject & { provisioner?: string; parameters?: Record<string, string> };
type Capacity = KubeObject & { storageClassName?: string; capacity?: string; maximumVolumeSize?: string; nodeTopology?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } };

export interface Segment {
  /** The node or topology the free bytes are in; '' when every node reaches them (network storage). */
  where: string;
  free: number; // bytes
  /** The largest single volume it can take, when the driver says. */
  maxVolume?: number;
}

export interface StorageRoom {
  className: string;
  /** Where the figures come from; 'unknown' when the server reports nothing for the class. */
  source: 'CSIStorageCapacity' | 'TopoLVM node annotations' | 'unknown' | 'no such class';
  segments?: Segment[];
}

export const freeBytes = (room: StorageRoom) => room.segments?.reduce((a, s) => a + s.free, 0);

// nodeTopology unset: no node reaches the storage (skipped); empty: every node does (CSIStorageCapacity API docs).
const topologyText = (c: Capacity) => [...Object.entries(c.nodeTopology?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`), ...(c.nodeTopology?.matchExpressions?.length ? [c.metadata.name] : [])].join(',');

async function csiCapacities(kube: Kube, className: string): Promise<Segment[] | undefined> {
  if (!(await kube.hasKind('storage.k8s.io/v1', 'CSIStorageCapacity'))) return undefined;
  const mine = (await kube.list<Capacity>('storage.k8s.io/v1', 'CSIStorageCapacity')).filter((c) => c.storageClassName === className && c.nodeTopology);
  if (!mine.length) return undefined;
  return mine.map((c) => ({ where: topologyText(c), free: quantity(c.capacity), ...(c.maximumVolumeSize ? { maxVolume: quantity(c.maximumVolumeSize) } : {}) }));
}

async function topolvmAnnotations(kube: Kube, sc: StorageClass): Promise<Segment[] | undefined> {
  if (sc.provisioner !== 'topolvm.io') return undefined;
  const key = `capacity.topolvm.io/${sc.parameters?.['topolvm.io/device-class'] ?? '00default'}`;
  const nodes = (await kube.list('v1', 'Node')).filter((n) => n.metadata.annotations?.[key] !== undefined);
  if (!nodes.length) return undefined;
  return nodes.map((n) => ({ where: n.metadata.name, free: Number(n.metadata.annotations![key]) || 0 }));
}

export async function readStorageRoom(kube: Kube, className: string): Promise<StorageRoom> {
  const sc = await kube.get<StorageClass>({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: className });
  if (!sc) return { className, source: 'no such class' };
  const csi = await csiCapacities(kube, className);
  if (csi) return { className, source: 'CSIStorageCapacity', segments: csi };
  const lvm = await topolvmAnnotations(kube, sc);
  if (lvm) return { className, source: 'TopoLVM node annotations', segments: lvm };
  return { className, source: 'unknown' };
}
