// Read views of the core (v1) kinds hcp-kv reads beside a hosted cluster: Pods, Nodes, PersistentVolumeClaims,
// PersistentVolumes and Secrets. Core kinds have no CRD to generate from: these are written by hand, each field
// as kubernetes staging/src/k8s.io/api/core/v1/types.go@v1.32.0 declares it (Pod.spec.nodeName,
// PodStatus.phase/conditions, NodeStatus.nodeInfo.kubeletVersion/allocatable/conditions, PersistentVolumeClaimSpec
// .storageClassName/volumeName, PersistentVolumeClaimStatus.phase, PersistentVolumeSpec.csi.driver/volumeHandle,
// Secret.data).
import type { KubeObject } from '../kube/types.js';

/** A core condition (PodCondition, NodeCondition): type and status always set. */
export interface CoreCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export type Pod = KubeObject & { spec?: { nodeName?: string }; status?: { phase?: string; conditions?: CoreCondition[] } };

export type Node = KubeObject & { status?: { conditions?: CoreCondition[]; allocatable?: Record<string, string>; nodeInfo?: { kubeletVersion?: string } } };

export type PersistentVolumeClaim = KubeObject & { spec?: { storageClassName?: string; volumeName?: string }; status?: { phase?: string } };

export type PersistentVolume = KubeObject & { spec?: { csi?: { driver?: string; volumeHandle?: string } } };

/** Values are base64; never printed (dump replaces them, see src/dump/collect.ts). */
export type Secret = KubeObject & { data?: Record<string, string> };
