// The fixed values and defaults the cluster and node-pool flags offer (listed in --help, offered by completion,
// checked by cluster.ts and nodepool-flags.ts), with no dependencies: src/commands declares the flags with them
// at start-up without loading the checks.

/** The values of the node-pool enum flags, declared once for --help, completion and the checks. */
export const VOLUME_MODES = ['Block', 'Filesystem'] as const;
export const CACHE_STRATEGIES = ['None', 'PVC'] as const;
export const QOS_CLASSES = ['Burstable', 'Guaranteed'] as const;
export const MULTIQUEUE_SETTINGS = ['Enable', 'Disable'] as const;
export const UPGRADE_TYPES = ['Replace', 'InPlace'] as const;

export const NODEPOOL_DEFAULTS = { memory: '8Gi', cores: 2, rootVolumeSize: 32, qosClass: 'Burstable', networkMultiqueue: 'Enable', attachDefaultNetwork: true } as const;
export const NODEPOOL_DELIBERATE_DIFFERENCES = [
  '--memory defaults to 8Gi (upstream 4Gi)',
  '--network-multiqueue=Disable is written to the NodePool (upstream omits it, so the API default Enable wins)',
  '--host-device-name NAME without count adds the device with count 1 (upstream silently drops it)',
];

export type RootVolumeAccessMode = 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnly' | 'ReadWriteOncePod';
export const ROOT_VOLUME_ACCESS_MODES: readonly RootVolumeAccessMode[] = ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnly', 'ReadWriteOncePod'];

/** The NodePool CRD's spec.arch enum (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
 * api/hypershift/v1beta1/nodepool_types.go; crds/nodepools.hypershift.openshift.io.yaml). */
export const NODEPOOL_ARCHES = ['amd64', 'arm64', 'ppc64le', 's390x'] as const;
/** The --arch values offered for KubeVirt (the CRD's enum minus what its rules refuse). */
export const KUBEVIRT_ARCHES = ['amd64', 'ppc64le', 's390x'] as const;

/** The values of the cluster's enum flags, declared here and checked in cluster.ts. */
export const AVAILABILITY_POLICIES = ['SingleReplica', 'HighlyAvailable'] as const;
export const NETWORK_TYPES = ['OVNKubernetes', 'OpenShiftSDN', 'Calico', 'Other'] as const;
export const OLM_CATALOG_PLACEMENTS = ['management', 'guest'] as const;
export const FEATURE_SETS = ['TechPreviewNoUpgrade', 'DevPreviewNoUpgrade'] as const;

/** Where hcp-kv deliberately differs from `hcp create cluster kubevirt` (listed in --help and the README). */
export const CLUSTER_DELIBERATE_DIFFERENCES = [
  '--node-pool-replicas (--replicas) defaults to 2 (upstream 0)',
  ...NODEPOOL_DELIBERATE_DIFFERENCES,
  'create-cluster waits until the cluster is ready (upstream: only with --wait); --no-wait or --wait=false returns after applying',
  '--timeout defaults to 30m (upstream 0, no timeout)',
  '--release x.y[.z] and no release at all resolve through the ClusterImageSets (upstream: --release-image, or --release-stream looked up on the release controller)',
  '--default-dual sets dual-stack CIDRs for KubeVirt too (upstream only for agent)',
  '--base-domain-prefix is written to spec.dns.baseDomainPrefix (upstream ignores it for KubeVirt)',
  '--version-check is refused: hcp-kv is not built from a HyperShift revision (it checks supported-versions instead)',
];
