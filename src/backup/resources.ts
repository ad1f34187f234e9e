// What upstream's `hypershift create oadp-backup|oadp-schedule|oadp-restore` select, verbatim from
// openshift/hypershift cmd/oadp/types.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf (baseResources,
// kubevirtResources, defaultExcludedResources). hcp-kv is KubeVirt only, so only the KubeVirt list is kept;
// test/backup/upstream-objects.test.ts compares these lists with the vendored upstream file.

/** Base resources common to all platforms (types.go baseResources). */
export const BASE_RESOURCES = [
  'serviceaccounts',
  'roles',
  'rolebindings',
  'pods',
  'persistentvolumeclaims',
  'persistentvolumes',
  'configmaps',
  'priorityclasses',
  'poddisruptionbudgets',
  'hostedclusters.hypershift.openshift.io',
  'nodepools.hypershift.openshift.io',
  'secrets',
  'services',
  'deployments',
  'statefulsets',
  'hostedcontrolplanes.hypershift.openshift.io',
  'clusters.cluster.x-k8s.io',
  'machinedeployments.cluster.x-k8s.io',
  'machinesets.cluster.x-k8s.io',
  'machines.cluster.x-k8s.io',
  'routes.route.openshift.io',
  'clusterdeployments.hive.openshift.io',
] as const;

/** The KubeVirt platform's additions (types.go kubevirtResources): DataVolumes included (hypershift#8022). */
export const KUBEVIRT_RESOURCES = ['kubevirtclusters.infrastructure.cluster.x-k8s.io', 'kubevirtmachinetemplates.infrastructure.cluster.x-k8s.io', 'datavolumes.cdi.kubevirt.io'] as const;

/** Excluded from every restore (types.go defaultExcludedResources). */
export const DEFAULT_EXCLUDED_RESOURCES = [
  'nodes',
  'events',
  'events.events.k8s.io',
  'backups.velero.io',
  'restores.velero.io',
  'resticrepositories.velero.io',
  'csinodes.storage.k8s.io',
  'volumeattachments.storage.k8s.io',
  'backuprepositories.velero.io',
] as const;

/** api/hypershift/v1beta1/hostedcluster_types.go IsKubeVirtRHCOSVolumeLabelName: the RHCOS boot-image PVCs. */
export const RHCOS_VOLUME_LABEL = 'hypershift.openshift.io/is-kubevirt-rhcos';

export const DEFAULT_OADP_NAMESPACE = 'openshift-adp';
export const DEFAULT_STORAGE_LOCATION = 'default';
/** cmd/oadp/backup.go and schedule.go: --ttl defaults to 2h. */
export const DEFAULT_TTL = '2h';
