// Storage as a bound on the capacity figures: each highly available hosted control plane asks for three etcd
// volumes of 8 GiB ("Three 8 GiB PVs for etcd": openshift/openshift-docs
// hosted_control_planes/hcp-prepare/hcp-sizing-guidance.adoc@b533066b33f146960dd2bb347a5f6e7d62f080f2; one per etcd
// member, openshift/hypershift control-plane-operator/controllers/hostedcontrolplane/v2/assets/etcd/statefulset.yaml@3ee9615567acffaf3e3ee25c2ca2942d650565cf),
// and each worker VM one root volume (32 GiB unless --root-volume-size). The members of one etcd spread over
// nodes, so on node-local storage (segments with a node topology) a control plane needs room on three nodes.
// Where the server does not report what a class can hold (storage-room.ts), the figure is "unknown" and bounds nothing.
import type { Kube } from '../kube/types.js';
import type { Fit } from './sizing.js';
import { etcdClassName, isDefaultClass } from './storage-profiles.js';
import { freeBytes, readStorageRoom, type Segment, type StorageRoom } from './storage-room.js';

const GiB = 2 ** 30;
export const ETCD_VOLUME_BYTES = 8 * GiB;
export const HA_ETCD_MEMBERS = 3;

export interface StorageFigure {
  storageClass?: string;
  source: StorageRoom['source'] | 'no class';
  volumeBytes: number;
  freeBytes?: number;
  /** How many more control planes (etcd) or workers (root volumes) the class holds; absent when unknown. */
  count?: number;
}

export interface StorageFigures {
  etcd: StorageFigure & { volumesPerControlPlane: number };
  rootVolumes: StorageFigure;
}

const inSegment = (s: Segment, size: number) => (size > 0 && (s.maxVolume === undefined || s.maxVolume >= size) ? Math.floor(s.free / size + 1e-9) : 0);

/** Pure: control planes of `members` volumes each; members spread over node segments, shared segments pool. */
export function controlPlanesByStorage(room: StorageRoom, size: number, members: number): number | undefined {
  if (!room.segments) return undefined;
  const shared = room.segments.filter((s) => s.where === '');
  const spread = room.segments.filter((s) => s.where !== '').map((s) => inSegment(s, size));
  const pooled = shared.reduce((a, s) => a + inSegment(s, size), 0);
  // The most k with Σ min(vᵢ, k) + pooled ≥ members·k: no node holds two members of one etcd.
  let k = 0;
  while (spread.reduce((a, v) => a + Math.min(v, k + 1), 0) + pooled >= members * (k + 1)) k++;
  return k;
}

/** Pure: worker root volumes (no spreading). */
export function workersByStorage(room: StorageRoom, size: number): number | undefined {
  return room.segments?.reduce((a, s) => a + inSegment(s, size), 0);
}

/** The figure bounded by storage when storage holds fewer. */
export function boundByStorage(f: Fit, storage: number | undefined): Fit {
  return storage !== undefined && storage < f.count ? { count: storage, boundBy: 'storage' } : f;
}

export interface StorageAsk {
  etcdStorageClass?: string;
  etcdVolumeBytes?: number;
  etcdMembers?: number;
  rootVolumeStorageClass?: string;
  rootVolumeBytes?: number;
}

async function figure(kube: Kube, className: string | undefined, size: number, count: (r: StorageRoom) => number | undefined): Promise<StorageFigure> {
  if (!className) return { source: 'no class', volumeBytes: size };
  const room = await readStorageRoom(kube, className);
  const c = count(room);
  const free = freeBytes(room);
  return { storageClass: className, source: room.source, volumeBytes: size, ...(free !== undefined ? { freeBytes: free } : {}), ...(c !== undefined ? { count: c } : {}) };
}

/** etcd on the management cluster, root volumes on the cluster that runs the VMs. */
export async function readStorageFigures(management: Kube, vmKube: Kube, a: StorageAsk = {}): Promise<StorageFigures> {
  const etcdSize = a.etcdVolumeBytes ?? ETCD_VOLUME_BYTES;
  const members = a.etcdMembers ?? HA_ETCD_MEMBERS;
  const rootSize = a.rootVolumeBytes ?? 32 * GiB;
  const rootClass = a.rootVolumeStorageClass ?? (await vmKube.list('storage.k8s.io/v1', 'StorageClass')).find(isDefaultClass)?.metadata.name;
  const [etcd, rootVolumes] = await Promise.all([
    figure(management, await etcdClassName(management, a.etcdStorageClass), etcdSize, (r) => controlPlanesByStorage(r, etcdSize, members)),
    figure(vmKube, rootClass, rootSize, (r) => workersByStorage(r, rootSize)),
  ]);
  return { etcd: { ...etcd, volumesPerControlPlane: members }, rootVolumes };
}
