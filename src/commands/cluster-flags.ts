// The flags of upstream `hcp create cluster kubevirt` (openshift/hypershift @3ee9615567: cmd/cluster/core/create.go
// bindCoreOptions, cmd/cluster/kubevirt/create.go bindCoreOptions, cmd/nodepool/kubevirt/create.go; hcp's defaults
// from product-cli/cmd/cluster/cluster.go), the same names and value grammar, plus hcp-kv's own. The developer-only
// flags of the `hypershift` binary (--api-server-address, --service-publishing-strategy, --containerdisk,
// --control-plane-operator-image, --infra-json) are not offered. Their values are checked in config/cluster.ts.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { AVAILABILITY_POLICIES, CLUSTER_DELIBERATE_DIFFERENCES, FEATURE_SETS, KUBEVIRT_ARCHES, NETWORK_TYPES, OLM_CATALOG_PLACEMENTS } from '../config/flag-choices.js';
import { repeatable, repeatableList } from '../config/values/flag-args.js';
import { enumOption, type FlagsOf, type NoFlags } from './flags.js';
import { addNodePoolFlags, type NodePoolFlagValues } from './nodepool-flags.js';

const collect = repeatable;
const collectList = repeatableList;

/** Name, release, secrets and domains. */
const identityFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) =>
  cmd
    .option('--name <name>', 'cluster name (or the NAME argument, or KUBEVIRT_CLUSTER_NAME)')
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster (default clusters)')
    .option('--node-pool-replicas <n>', 'workers in the default NodePool; below 0: no NodePool (default 2; upstream 0)')
    .option('--replicas <n>', 'same as --node-pool-replicas')
    .option('--release <x.y[.z]>', "OpenShift release, resolved through the cluster's ClusterImageSets (default: newest patch of the newest supported minor)")
    .option('--release-stream <stream>', 'e.g. 4-stable or 4-stable-multi: the newest supported release of that stream (ignored with --release-image)')
    .option('--pull-secret <file>', 'pull secret file (env PULL_SECRET: a path or the JSON)')
    .option('--ssh-key <file>', 'SSH public key for the workers')
    .option('--generate-ssh [bool]', 'generate an SSH key pair (stored in <NAME>-ssh-key)')
    .option('--base-domain <domain>', "ingress base domain (default: the management cluster's apps domain, passthrough)")
    .option('--base-domain-prefix <prefix>', "prefix of the base domain, default the cluster name; 'none' for an empty prefix")
    .option('--external-dns-domain <domain>', 'publish the API server through a Route in this external DNS domain')
    .addOption(enumOption('--control-plane-availability-policy <policy>', 'SingleReplica or HighlyAvailable (default HighlyAvailable, as hcp)', AVAILABILITY_POLICIES))
    .addOption(enumOption('--infra-availability-policy <policy>', 'SingleReplica or HighlyAvailable for guest infrastructure services (default: API default SingleReplica)', AVAILABILITY_POLICIES))
    .option('--etcd-storage-class <sc>', 'StorageClass of the etcd volumes')
    .option('--etcd-storage-size <quantity>', 'etcd volume size (default 8Gi)');

/** Infrastructure ID, networks, metadata, control-plane placement, mirrors and FIPS. */
const networkFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) =>
  cmd
    .option('--infra-id <id>', 'infrastructure ID (default <NAME>-<random>)')
    .addOption(enumOption('--network-type <type>', 'OVNKubernetes, OpenShiftSDN, Calico or Other (default OVNKubernetes)', NETWORK_TYPES))
    .option('--cluster-cidr <cidr>', 'cluster network CIDR, repeatable (default 10.132.0.0/14)', collect)
    .option('--service-cidr <cidr>', 'service network CIDR, repeatable (default 172.31.0.0/16)', collect)
    .option('--machine-cidr <cidr>', 'machine network CIDR, repeatable', collect)
    .option('--default-dual [bool]', 'dual-stack default CIDRs (not with --cluster-cidr/--service-cidr)')
    .option('--annotations <k=v>', 'HostedCluster annotation, repeatable', collect)
    .option('--labels <k=v>', 'HostedCluster label, repeatable', collect)
    .option('--pods-labels <k=v,...>', 'labels of the control-plane pods', collect)
    .option('--node-selector <k=v,...>', 'node selector of the control-plane pods', collect)
    .option('--toleration <key=..,value=..,effect=..>', 'toleration of the control-plane pods (key, value, operator, effect, tolerationSeconds), repeatable', collect)
    .option('--image-content-sources <file>', 'YAML list of {source, mirrors} image content sources')
    .option('--additional-trust-bundle <file>', 'PEM CA bundle for the cluster (ConfigMap user-ca-bundle)')
    .option('--image-content-sources-from-management [bool]', "hcp-kv's own: the hosted cluster's image sources from the management cluster's ImageDigestMirrorSets / ImageContentSourcePolicies (with --image-content-sources: merged)")
    .option('--fips [bool]', 'FIPS mode for the nodes');

/** OLM, architecture, features, capabilities, API name and the external infrastructure. */
const platformFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) =>
  cmd
    .addOption(enumOption('--olm-catalog-placement <where>', 'management or guest (default management)', OLM_CATALOG_PLACEMENTS))
    .option('--olm-disable-default-sources [bool]', 'disable the default OLM catalog sources')
    .addOption(enumOption('--arch <arch>', 'NodePool architecture: amd64, ppc64le or s390x (default amd64); arm64 is refused for KubeVirt, as the NodePool API does', KUBEVIRT_ARCHES))
    .option('--pausedUntil <date|true>', 'pause reconciliation until an RFC3339 date, or until the field is removed (true)')
    .addOption(enumOption('--feature-set <set>', 'TechPreviewNoUpgrade or DevPreviewNoUpgrade', FEATURE_SETS))
    .option('--disable-cluster-capabilities <caps>', 'ImageRegistry, openshift-samples, Insights, baremetal, Console, NodeTuning, Ingress', collectList)
    .option('--enable-cluster-capabilities <caps>', 'same values as --disable-cluster-capabilities', collectList)
    .option('--kas-dns-name <name>', 'custom DNS name of the kube-apiserver')
    .option('--disable-multi-network [bool]', 'no Multus (network type Other only)')
    .option('--ovn-kubernetes-mtu <mtu>', 'OVN-Kubernetes tunnel MTU, 576-9216')
    .option('--allocate-node-cidrs [bool]', 'allocate node CIDRs (network type Other only)')
    .option('--version-check [bool]', 'upstream: compare CLI and operator revisions (refused, see --help)')
    .option('--infra-kubeconfig-file <file>', 'kubeconfig of an external infrastructure cluster for the VMs (with --infra-namespace)')
    .option('--infra-namespace <ns>', 'namespace on the external infrastructure cluster (with --infra-kubeconfig-file)')
    .option('--infra-storage-class-mapping <INFRA/GUEST[,group=G]>', 'KubeVirt CSI StorageClass mapping, repeatable', collect)
    .option('--infra-volumesnapshot-class-mapping <INFRA/GUEST[,group=G]>', 'KubeVirt CSI VolumeSnapshotClass mapping, repeatable', collect)
    .option('--render-into <file>', 'write the manifests to this file instead of applying them');

type IdentityFlags = FlagsOf<typeof identityFlags<[], NoFlags, NoFlags>>;
type NetworkFlags = FlagsOf<typeof networkFlags<[], NoFlags, NoFlags>>;
type PlatformFlags = FlagsOf<typeof platformFlags<[], NoFlags, NoFlags>>;

// Declared in parts, each step's type flattened: one chain of all of them is too deep for the type checker.
export function addClusterFlags<A extends unknown[], G extends OptionValues>(cmd: Command<A, NoFlags, G>): Command<A, Omit<ClusterFlags, 'timeout'>, G> {
  const identity: Command<A, IdentityFlags, G> = identityFlags(cmd);
  const network: Command<A, IdentityFlags & NetworkFlags, G> = networkFlags(identity);
  const platform: Command<A, IdentityFlags & NetworkFlags & PlatformFlags, G> = platformFlags(network);
  const nodePool: Command<A, IdentityFlags & NetworkFlags & PlatformFlags & NodePoolFlagValues, G> = addNodePoolFlags(platform);
  return nodePool.addHelpText('after', `\nDeliberate differences from \`hcp create cluster kubevirt\`:\n${CLUSTER_DELIBERATE_DIFFERENCES.map((d) => `  - ${d}`).join('\n')}\n`);
}

/** The raw values of the flags above, as commander hands them over (create-cluster adds --timeout). */
export type ClusterFlags = IdentityFlags & NetworkFlags & PlatformFlags & NodePoolFlagValues & { timeout?: string };
