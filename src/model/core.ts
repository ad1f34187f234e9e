// Read views of the core (v1) kinds hcp-kv reads beside a hosted cluster: Pods, Nodes, PersistentVolumeClaims,
// PersistentVolumes, Secrets, ConfigMaps, Services and Events (and CDI's DataVolume). These kinds have no CRD to
// generate from: the views are written by hand, each field as kubernetes staging/src/k8s.io/api/core/v1/types.go
// @v1.32.0 declares it (Pod.spec.nodeName, PodStatus.phase/conditions, NodeStatus.nodeInfo.kubeletVersion/
// allocatable/conditions, PersistentVolumeClaimSpec.storageClassName/volumeName, PersistentVolumeClaimStatus.phase,
// PersistentVolumeSpec.csi.driver/volumeHandle, Secret.data, ConfigMap.data, ServiceSpec.type,
// ServiceStatus.loadBalancer, Event.involvedObject/reason/message).
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

export type ConfigMap = KubeObject & { data?: Record<string, string> };

/** ServiceSpec.type, ServiceStatus.loadBalancer.ingress[].ip. */
export type Service = KubeObject & { spec?: { type?: string }; status?: { loadBalancer?: { ingress?: Array<{ ip?: string }> } } };

/** core/v1 Event: involvedObject, reason, message (at the top level, not under spec). */
export type Event = KubeObject & { involvedObject?: { kind?: string; name?: string; namespace?: string }; reason?: string; message?: string };

/** CDI's DataVolume (cdi.kubevirt.io/v1beta1; its CRD is created at runtime by cdi-operator, crds/SOURCES.md): its
 * status.phase, as kubevirt/containerized-data-importer
 * staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go@3a045944d82d declares it. */
export type DataVolume = KubeObject & { status?: { phase?: string } };
