// A NodePool as `hcp create nodepool kubevirt` makes it, as a pure function: the KubeVirt platform section
// comes in already built from the flags.
import type { KubeObject } from '../kube/types.js';

export const HS_API = 'hypershift.openshift.io/v1beta1';

export interface NodePoolSpec {
  name: string;
  namespace: string;
  clusterName: string;
  replicas: number;
  releaseImage: string;
  upgradeType: 'Replace' | 'InPlace';
  autoRepair: boolean;
  arch?: string;
  nodeDrainTimeout?: string;
  nodeVolumeDetachTimeout?: string;
  /** spec.platform.kubevirt: compute, rootVolume, networks, host devices, node selector. */
  kubevirt: Record<string, unknown>;
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
      management: { autoRepair: s.autoRepair, upgradeType: s.upgradeType },
      nodeDrainTimeout: s.nodeDrainTimeout ?? '0s',
      nodeVolumeDetachTimeout: s.nodeVolumeDetachTimeout ?? '0s',
      platform: { type: 'KubeVirt', kubevirt: s.kubevirt },
    },
  };
}
