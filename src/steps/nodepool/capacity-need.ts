// Not a step: what added node-pool VMs ask of the capacity check (their shape from the NodePool's KubeVirt
// platform, their nodes from its node selector).
import { parseQuantity } from '../../config/kube-values.js';
import type { CapacityNeed } from '../../capacity/check.js';
import type { KubevirtNodePoolPlatform } from '../../config/nodepool-flags.js';
import { bytesOf } from '../cluster/capacity-need.js';

/** The shape, root volume and placement of a NodePool's VMs: as requested, or as a live NodePool states them (its
 * defaults where it does not). */
export type VmShape = {
  compute?: Partial<KubevirtNodePoolPlatform['compute']>;
  rootVolume?: { persistent?: { size?: string; storageClass?: string } };
  nodeSelector?: Record<string, string>;
};

export function vmNeed(vms: number, kv: VmShape): CapacityNeed {
  const memory = Number((parseQuantity(kv.compute?.memory ?? '8Gi')?.nanos ?? 0n) / 1_000_000_000n);
  const root = kv.rootVolume?.persistent;
  return { controlPlanes: 0, vms, shape: { memory, cores: kv.compute?.cores ?? 2 }, placement: { vmSelector: kv.nodeSelector }, storage: { rootVolumeStorageClass: root?.storageClass, rootVolumeBytes: bytesOf(root?.size) } };
}
