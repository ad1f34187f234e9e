// Pure builders for the Velero objects upstream's `hypershift create oadp-backup|oadp-schedule|oadp-restore` create,
// field for field: openshift/hypershift cmd/oadp/common.go (buildBackupSpec, applyPlatformBackupSpec,
// GenerateResourcePolicyConfigMap, buildIncludedNamespaces), backup.go (GenerateBackupObject), schedule.go
// (GenerateScheduleObject) and restore.go (GenerateRestoreObject) @3ee9615567acffaf3e3ee25c2ca2942d650565cf, for
// the KubeVirt platform and the default (volume) mode. test/backup/upstream-objects.test.ts compares them with
// the vendored upstream sources. No clock, randomness or I/O here: names are passed in.
import { BASE_RESOURCES, DEFAULT_EXCLUDED_RESOURCES, KUBEVIRT_RESOURCES, RHCOS_VOLUME_LABEL } from './resources.js';
import { goDurationString } from './names.js';
import type { ObjectMeta } from '../kube/types.js';

export const VELERO = 'velero.io/v1';

export interface ClusterRef {
  hcName: string;
  hcNamespace: string;
  oadpNamespace: string;
}

export interface BackupInput extends ClusterRef {
  name: string;
  storageLocation: string;
  ttlMs: number;
  /** --snapshot-move-data: upstream's default is true for a backup, false for a schedule. */
  snapshotMoveData: boolean;
  defaultVolumesToFsBackup: boolean;
  /** --included-resources: replaces the defaults. */
  includedResources?: string[];
  /** --include-additional-namespaces. */
  additionalNamespaces?: string[];
  /** The resource policy ConfigMap's name (resourcePolicyName). */
  resourcePolicy: string;
}

export interface BackupSpec {
  includedNamespaces: string[];
  includedResources: string[];
  storageLocation: string;
  ttl: string;
  csiSnapshotTimeout: string;
  snapshotMoveData: boolean;
  defaultVolumesToFsBackup: boolean;
  dataMover: string;
  snapshotVolumes: boolean;
  labelSelector: { matchExpressions: Array<{ key: string; operator: string }> };
  resourcePolicy: { kind: string; name: string };
}

type Meta = ObjectMeta & { namespace: string };

export type VeleroBackup = {
  apiVersion: typeof VELERO;
  kind: 'Backup';
  metadata: Meta;
  spec: BackupSpec;
};

export type VeleroSchedule = {
  apiVersion: typeof VELERO;
  kind: 'Schedule';
  metadata: Meta;
  spec: { template: BackupSpec; schedule: string; paused: boolean; useOwnerReferencesInBackup: boolean; skipImmediately: boolean };
};

export interface RestoreSpec {
  includedNamespaces: string[];
  excludedResources: string[];
  existingResourcePolicy: 'none' | 'update';
  preserveNodePorts: boolean;
  restorePVs: boolean;
  backupName?: string;
  scheduleName?: string;
}

export type VeleroRestore = {
  apiVersion: typeof VELERO;
  kind: 'Restore';
  metadata: Meta;
  spec: RestoreSpec;
};

export type PolicyConfigMap = {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: Meta;
  data: { 'policies.yaml': string };
};

/** buildIncludedNamespaces: the HostedCluster's namespace, its control-plane namespace, then the additional ones. */
export function includedNamespaces(hcName: string, hcNamespace: string, additional: string[] = []): string[] {
  return [hcNamespace, `${hcNamespace}-${hcName}`, ...additional];
}

/** getDefaultResourcesForPlatform("KUBEVIRT"). */
export function defaultResources(): string[] {
  return [...BASE_RESOURCES, ...KUBEVIRT_RESOURCES];
}

/** buildBackupSpec (volume mode) + applyPlatformBackupSpec + applyResourcePolicy for KubeVirt. */
export function backupSpec(i: Omit<BackupInput, 'name'>): BackupSpec {
  return {
    includedNamespaces: includedNamespaces(i.hcName, i.hcNamespace, i.additionalNamespaces),
    includedResources: i.includedResources ?? defaultResources(),
    storageLocation: i.storageLocation,
    ttl: goDurationString(i.ttlMs),
    csiSnapshotTimeout: '10m0s',
    snapshotMoveData: i.snapshotMoveData,
    defaultVolumesToFsBackup: i.defaultVolumesToFsBackup,
    dataMover: 'velero',
    snapshotVolumes: true,
    labelSelector: { matchExpressions: [{ key: RHCOS_VOLUME_LABEL, operator: 'DoesNotExist' }] },
    resourcePolicy: { kind: 'configmap', name: i.resourcePolicy },
  };
}

/** GenerateBackupObject("KUBEVIRT"). */
export function backupObject(i: BackupInput): VeleroBackup {
  return { apiVersion: VELERO, kind: 'Backup', metadata: { name: i.name, namespace: i.oadpNamespace, labels: { 'velero.io/storage-location': i.storageLocation } }, spec: backupSpec(i) };
}

export interface ScheduleInput extends BackupInput {
  schedule: string;
  paused: boolean;
  useOwnerReferences: boolean;
  skipImmediately: boolean;
}

/** GenerateScheduleObject("KUBEVIRT"). */
export function scheduleObject(i: ScheduleInput): VeleroSchedule {
  return {
    apiVersion: VELERO,
    kind: 'Schedule',
    metadata: { name: i.name, namespace: i.oadpNamespace, labels: { 'velero.io/storage-location': i.storageLocation, 'hypershift.openshift.io/hosted-cluster': i.hcName, 'hypershift.openshift.io/hosted-cluster-namespace': i.hcNamespace } },
    spec: { template: backupSpec(i), schedule: i.schedule, paused: i.paused, useOwnerReferencesInBackup: i.useOwnerReferences, skipImmediately: i.skipImmediately },
  };
}

export interface RestoreInput extends ClusterRef {
  name: string;
  from: { backupName: string } | { scheduleName: string };
  existingResourcePolicy: 'none' | 'update';
  additionalNamespaces?: string[];
  restorePVs: boolean;
  preserveNodePorts: boolean;
}

/** GenerateRestoreObject (volume mode). */
export function restoreObject(i: RestoreInput): VeleroRestore {
  return {
    apiVersion: VELERO,
    kind: 'Restore',
    metadata: { name: i.name, namespace: i.oadpNamespace },
    spec: {
      includedNamespaces: includedNamespaces(i.hcName, i.hcNamespace, i.additionalNamespaces),
      excludedResources: [...DEFAULT_EXCLUDED_RESOURCES],
      existingResourcePolicy: i.existingResourcePolicy,
      preserveNodePorts: i.preserveNodePorts,
      restorePVs: i.restorePVs,
      ...i.from,
    },
  };
}

/** GenerateResourcePolicyConfigMap: Velero skips the volumes of PVCs labelled as RHCOS boot images. */
export function resourcePolicyConfigMap(name: string, namespace: string): PolicyConfigMap {
  const policies = `version: v1\nvolumePolicies:\n  - conditions:\n      pvcLabels:\n        ${RHCOS_VOLUME_LABEL}: "true"\n    action:\n      type: skip\n`;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { 'policies.yaml': policies } };
}
