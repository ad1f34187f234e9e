// A NodePool as `hcp create nodepool kubevirt` makes it, as a pure function: the KubeVirt platform section,
// management and timeouts come in as the node-pool flags decided them (config/nodepool-flags.ts).
import type { NodePoolSettings } from '../config/nodepool-flags.js';
import type { KubeObject } from '../kube/types.js';

export const HS_API = 'hypershift.openshift.io/v1beta1';

export interface NodePoolSpec {
  name: string;
  namespace: string;
  clusterName: string;
  replicas: number;
  releaseImage: string;
  arch?: string;
  /** spec.platform (KubeVirt: compute, rootVolume, networks, host devices, node selector), management, timeouts. */
  pool: NodePoolSettings;
}

export function nodePoolManifest(s: NodePoolSpec): KubeObject {
  return {
    apiVersion: HS_API,
    kind: 'NodePool',
    metadata: { name: s.name, namespace: s.namespace },
    spec: {
      clusterName: s.clusterName,
      replicas: s.replicas,
      arch: s.arch ?? 'amd64',
      release: { image: s.releaseImage },
      management: { autoRepair: s.pool.management.autoRepair, upgradeType: s.pool.management.upgradeType },
      nodeDrainTimeout: s.pool.nodeDrainTimeout,
      nodeVolumeDetachTimeout: s.pool.nodeVolumeDetachTimeout,
      platform: { type: 'KubeVirt', kubevirt: s.pool.platform.kubevirt },
    },
  };
}
