// Not a step: what a new hosted cluster asks of the capacity check — one control plane where its pods may go,
// and its node pool's VMs of their shape where they may go (flags first, then the recorded placement).
import { parseQuantity } from '../../config/kube-values.js';
import type { CapacityNeed } from '../../capacity/check.js';
import type { PrerequisiteInput } from '../../capacity/prerequisites.js';
import type { Kube } from '../../kube/types.js';
import type { ClusterRequest } from '../../config/cluster.js';

/** A quantity in bytes; undefined when absent (the checks then use the defaults). */
export const bytesOf = (q: string | undefined) => (q ? Number((parseQuantity(q)?.nanos ?? 0n) / 1_000_000_000n) || undefined : undefined);

export function capacityNeedOfCluster(o: Pick<ClusterRequest, 'nodePool' | 'replicas' | 'nodeSelector' | 'tolerations' | 'etcdStorageClass' | 'etcdStorageSize' | 'controllerAvailabilityPolicy'>, vmKube: Kube | undefined): CapacityNeed {
  const kv = o.nodePool.platform.kubevirt;
  const memory = bytesOf(kv.compute.memory) ?? 0;
  return {
    controlPlanes: 1,
    vms: Math.max(0, o.replicas),
    shape: { memory, cores: kv.compute.cores },
    vmKube,
    placement: { controlPlaneSelector: o.nodeSelector, controlPlaneTolerations: o.tolerations.length ? o.tolerations : undefined, vmSelector: kv.nodeSelector },
    storage: {
      etcdStorageClass: o.etcdStorageClass,
      etcdVolumeBytes: bytesOf(o.etcdStorageSize),
      etcdMembers: o.controllerAvailabilityPolicy === 'SingleReplica' ? 1 : 3,
      rootVolumeStorageClass: kv.rootVolume.persistent.storageClass,
      rootVolumeBytes: bytesOf(kv.rootVolume.persistent.size),
    },
  };
}

/** What the prerequisite checks read of the request: the release, multiqueue and the root volume's class. */
export function prerequisitesOfCluster(o: Pick<ClusterRequest, 'nodePool' | 'baseDomain' | 'etcdStorageClass'>, release: string | undefined): PrerequisiteInput {
  const kv = o.nodePool.platform.kubevirt;
  return { release, multiqueue: kv.networkInterfaceMultiqueue, rootVolumeStorageClass: kv.rootVolume.persistent.storageClass, passthroughIngress: !o.baseDomain, etcdStorageClass: o.etcdStorageClass };
}
