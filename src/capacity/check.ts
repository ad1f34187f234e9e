// Not a step: the capacity check create-cluster, nodepool create and nodepool scale make before any write.
// A request that cannot fit is refused (exit 2) with the figures, instead of leaving etcd or VMs Pending;
// --skip-capacity-check lifts it. Uses the request-based figure: requests are what the scheduler places by.
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import { checkLoadBalancerRoom } from './load-balancer.js';
import { isForbidden, readClusterRoom, type RoomOptions } from './read.js';
import { controlPlanesThatFit, vmRequest, workersThatFit, type VmShape } from './sizing.js';
import { readStorageFigures, type StorageAsk, type StorageFigure } from './storage-fit.js';

export interface CapacityNeed {
  /** New hosted control planes (1 for a new cluster, 0 otherwise). */
  controlPlanes: number;
  /** New worker VMs and their shape. */
  vms: number;
  shape: VmShape;
  /** The cluster the VMs run on (an external infrastructure cluster), when not the management cluster. */
  vmKube?: Kube;
  placement?: RoomOptions;
  /** The etcd and root volumes asked for, and their classes. */
  storage?: StorageAsk;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** Throws a usage error naming the numbers when the need does not fit; returns a one-line account when it does. */
export async function checkCapacity(kube: Kube, need: CapacityNeed, signal?: AbortSignal): Promise<string> {
  const notes: string[] = [];
  if (need.controlPlanes > 0) {
    const room = await readClusterRoom(kube, { ...need.placement, signal });
    const fit = controlPlanesThatFit(room.controlPlaneNodes, room.baseline).requestBased;
    if (fit.count < need.controlPlanes) {
      const b = room.baseline;
      throw usageError(
        `no room for another hosted control plane: ${fit.count} more fit on ${room.controlPlaneNodes.length} node(s) by requests, bounded by ${fit.boundBy} (each asks ${b.cpuRequestPerHCP} vCPU, ${b.memoryRequestPerHCP} GiB and ${b.podsPerHCP} pods; ${room.hostedClusters} hosted cluster(s) already there)`,
        'see `hcp-kv capacity`; add nodes or raise maxPods (KubeletConfig), delete a hosted cluster, or pass --skip-capacity-check',
      );
    }
    notes.push(`control plane fits (${fit.count} more by requests)`);
    notes.push(await checkEtcdStorage(kube, need));
    const addresses = await checkLoadBalancerRoom(kube, need.controlPlanes, signal);
    if (addresses) notes.push(addresses);
  }
  if (need.vms > 0) {
    const room = await readClusterRoom(need.vmKube ?? kube, { ...need.placement, signal }).catch((e: unknown) => {
      if (isForbidden(e)) return undefined;
      throw e;
    });
    // The docs' least-privilege credentials for an external infrastructure cluster may not list its nodes.
    if (!room) return [...notes, 'VM capacity not checked: these credentials may not read the nodes and pods of the cluster that runs the VMs'].join('; ');
    if (!room.vmNodes.length) {
      const selector = need.placement?.vmSelector;
      throw usageError(
        `no node may run the worker VMs: ${
          selector
            ? `the VM node selector ${Object.entries(selector)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')} matches no Ready, untainted node`
            : 'no Ready node without taints'
        }`,
        'VMs tolerate no taint: label untainted workers for them (oc label node NODE KEY=VALUE), choose another --vm-node-selector, or pass --skip-capacity-check',
      );
    }
    const fit = workersThatFit(room.vmNodes, need.shape);
    if (fit.count < need.vms) {
      const r = vmRequest(need.shape);
      throw usageError(
        `no room for ${need.vms} worker VM(s) of ${gib(need.shape.memory)} / ${need.shape.cores} cores: ${fit.count} fit on ${room.vmNodes.length} VM node(s), bounded by ${fit.boundBy} (each asks ${gib(r.memory)} with KubeVirt's overhead and ${r.cpu} vCPU)`,
        'see `hcp-kv capacity --memory M --cores N`; ask for fewer or smaller workers, add nodes, or pass --skip-capacity-check',
      );
    }
    notes.push(`${need.vms} VM(s) fit (${fit.count} would)`);
    const roots = await checkRootVolumeStorage(need.vmKube ?? kube, need);
    if (roots) notes.push(roots);
  }
  return notes.join('; ');
}

const roomText = (f: StorageFigure) => `${gib(f.freeBytes ?? 0)} free per ${f.source}`;

/** etcd's volumes must fit on its class where the server reports what the class holds; unknown is said, not refused. */
async function checkEtcdStorage(kube: Kube, need: CapacityNeed): Promise<string> {
  const { etcd } = await readStorageFigures(kube, kube, need.storage);
  if (!etcd.storageClass) return 'etcd storage not checked (no class)';
  if (etcd.count === undefined) return `etcd storage on ${etcd.storageClass}: room unknown (the class reports no capacity)`;
  if (etcd.count < need.controlPlanes) {
    const spread = etcd.volumesPerControlPlane > 1 ? ` on ${etcd.volumesPerControlPlane} different nodes` : '';
    throw usageError(
      `no room on StorageClass ${etcd.storageClass} for the control plane's etcd: it asks ${etcd.volumesPerControlPlane} volume(s) of ${gib(etcd.volumeBytes)}${spread}, and ${etcd.count} more control planes fit (${roomText(etcd)})`,
      'free or add storage on that class, pick another with --etcd-storage-class, or pass --skip-capacity-check',
    );
  }
  return `etcd storage on ${etcd.storageClass}: ${etcd.count} more control planes fit`;
}

async function checkRootVolumeStorage(vmKube: Kube, need: CapacityNeed): Promise<string | undefined> {
  const figures = await readStorageFigures(vmKube, vmKube, need.storage).catch((e: unknown) => {
    if (isForbidden(e)) return undefined;
    throw e;
  });
  const roots = figures?.rootVolumes;
  if (!roots?.storageClass || roots.count === undefined) return roots?.storageClass ? `root volumes on ${roots.storageClass}: room unknown (the class reports no capacity)` : undefined;
  if (roots.count < need.vms) {
    throw usageError(
      `no room on StorageClass ${roots.storageClass} for ${need.vms} root volume(s) of ${gib(roots.volumeBytes)}: ${roots.count} fit (${roomText(roots)})`,
      'ask for fewer workers or a smaller --root-volume-size, free or add storage on that class, pick another with --root-volume-storage-class, or pass --skip-capacity-check',
    );
  }
  return `${need.vms} root volume(s) fit on ${roots.storageClass} (${roots.count} would)`;
}
