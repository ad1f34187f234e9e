// create-cluster / render cluster input: the upstream `hcp create cluster kubevirt` flags (cluster-flags.ts) and
// the environment (KUBEVIRT_CLUSTER_NAME, PULL_SECRET), validated before anything is sent. Errors are usage
// errors (exit 2) naming the flag and what a valid value looks like. Release resolution against the cluster's
// ClusterImageSets happens later, in the check-cluster step.
import { usageError } from '../errors.js';
import type { AvailabilityPolicy, ClusterSpec } from '../manifests/hypershift.js';
import { AVAILABILITY_POLICIES, FEATURE_SETS, NETWORK_TYPES, OLM_CATALOG_PLACEMENTS, type ClusterFlags } from './cluster-flags.js';
import { capabilities, cidr, classMapping, imageContentSources, infraKubeconfig, overlaps, toleration, trustBundle } from './cluster-parse.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, parseGoDuration } from './kube-values.js';
import { goBool, int as intValue, keyValueMap, keyValuePairs, oneOf, Problems, quantity, storageClassName, timerMs } from './values/index.js';
import { readSshKey, readPullSecret } from './cluster-secrets.js';
import { kubevirtArch, nodePoolPieces } from './nodepool-flags.js';
import { parseRelease, type ReleaseRequest } from './release.js';
import { io } from '../run/io.js';

export type { ClusterFlags } from './cluster-flags.js';

/** What the manifests need that the command line decides: the spec minus what completion decides (the infraID,
 * unless --infra-id, and the release image). */
export type ClusterRequest = Omit<ClusterSpec, 'infraID' | 'releaseImage'>;

/** The release as the command line gave it: the request, and the image and version when it already names them. */
export interface ReleaseInput {
  readonly request: ReleaseRequest;
  /** Known only from --release-image; else resolved against the cluster (check-cluster). */
  readonly image?: string;
  /** x.y.z when known. */
  readonly version?: string;
}

/** Secrets and credentials read from files or the environment (never printed). */
export interface InputSecrets {
  /** Content; absent only for render without a pull secret. */
  readonly pullSecret?: string;
  readonly sshPublicKey?: string;
  /** --infra-kubeconfig-file content. */
  readonly infraKubeconfig?: string;
}

/**
 * Validated (hypershift's ValidatedCreateOptions, openshift/hypershift cmd/cluster/core/create.go
 * @3ee9615567acffaf3e3ee25c2ca2942d650565cf): everything that can be checked without the cluster. Never changed
 * afterwards; check-cluster completes it into a new value (steps/cluster/context.ts CompletedCluster).
 */
export interface ClusterInput {
  readonly name: string;
  readonly namespace: string;
  readonly request: ClusterRequest;
  /** --infra-id; without it check-cluster keeps the existing cluster's or makes one. */
  readonly infraID?: string;
  readonly release: ReleaseInput;
  readonly secrets: InputSecrets;
  readonly generateSsh: boolean;
  readonly timeoutMs: number;
}

export const DEFAULT_CLUSTER_CIDR = '10.132.0.0/14';
export const DEFAULT_SERVICE_CIDR = '172.31.0.0/16';
const DUAL = { cluster: ['10.132.0.0/14', 'fd01::/48'], service: ['172.31.0.0/16', 'fd02::/112'] };

/** HyperShift limits: a DNS-1123 label; the control-plane namespace `<ns>-<name>` must fit in 63 characters. */
export function validateName(name: string | undefined, namespace: string): string {
  if (!name) throw usageError('a cluster name is required', 'hcp-kv create-cluster NAME or --name NAME (or set KUBEVIRT_CLUSTER_NAME)');
  if (!DNS1123_LABEL.test(name)) throw usageError(`cluster name "${name}" is not a valid DNS-1123 label`, 'use lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. kv-00)');
  if (name.length > 53) throw usageError(`cluster name "${name}" is ${name.length} characters long; HyperShift allows at most 53`, 'choose a shorter name');
  if (`${namespace}-${name}`.length > 63) throw usageError(`the control-plane namespace "${namespace}-${name}" would be longer than 63 characters`, 'choose a shorter name or namespace');
  return name;
}

export { releaseImageFor, releaseOf } from './release.js';
export { readInputFile, readPullSecret, validateOutputFile } from './cluster-secrets.js';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Releases before 4.12.2 have no default ingress passthrough; hcp-kv creates a Service and a Route for them. */
export function needsIngressPassthrough(release: string | undefined): boolean {
  if (!release) return false;
  const [a = 0, b = 0, c = 0] = release.split(/[.-]/).map(Number);
  return a < 4 || (a === 4 && (b < 12 || (b === 12 && c < 2)));
}

/** Every name hcp-kv derives from NAME, against its own limits, before the first write: the control-plane
 * namespace, the secrets, the node pool, and (for releases before 4.12.2) the ingress Service, Route and host. */
export function validateDerivedNames(name: string, namespace: string, release?: string, appsDomain?: string): void {
  const check = (what: string, value: string, ok: boolean, limit: string) => {
    if (!ok) throw usageError(`cluster name "${name}" gives ${what} "${value}", which is not ${limit}`, 'choose a shorter cluster name (or namespace)');
  };
  const cp = `${namespace}-${name}`;
  check('the control-plane namespace', cp, cp.length <= 63 && DNS1123_LABEL.test(cp), 'a DNS-1123 label of at most 63 characters');
  for (const secret of [`${name}-pull-secret`, `${name}-ssh-key`, `${name}-etcd-encryption-key`, `${name}-admin-kubeconfig`, `${name}-kubeadmin-password`])
    check('the secret', secret, secret.length <= 253 && DNS1123_SUBDOMAIN.test(secret), 'a DNS-1123 subdomain of at most 253 characters');
  check('the node pool', name, name.length <= 63 && DNS1123_LABEL.test(name), 'a DNS-1123 label of at most 63 characters');
  if (needsIngressPassthrough(release)) {
    const svc = `${name}-apps-ingress`;
    check('the ingress Service (and Route)', svc, svc.length <= 63 && DNS1035_LABEL.test(svc), `a DNS-1035 label of at most 63 characters (releases before 4.12.2 need it; ${release} does)`);
    if (appsDomain) {
      const host = `data.apps.${name}.${appsDomain}`;
      check('the ingress Route host', host, host.length <= 253 && host.split('.').every((l) => l.length <= 63), 'a host name of at most 253 characters');
    }
  }
}

const int = (p: Problems, flag: string, v: string | undefined, def: number, min: number, max: number): number => (v === undefined ? def : p.take(intValue(flag, v, { min, max }), def));
const bool = (p: Problems, flag: string, v: string | boolean | undefined): boolean => p.take(goBool(flag, v), false);
const policy = (p: Problems, flag: string, v: string | undefined): AvailabilityPolicy | undefined => (v ? p.take(oneOf(flag, v, AVAILABILITY_POLICIES), undefined) : undefined);
const dnsName = (p: Problems, flag: string, v: string | undefined, what: string, hint?: string): void => {
  if (v !== undefined && v !== '' && !DNS1123_SUBDOMAIN.test(v)) p.add(`--${flag} "${v}" is not a ${what}`, hint);
};

function cidrs(p: Problems, flag: string, values: string[] | undefined, def: string[]): string[] {
  return p.attempt(() => (values ?? def).map((v) => cidr(flag, v).text), []);
}

/** CIDRs of one cluster must not overlap each other (the API also refuses equal ones). */
function checkCidrOverlaps(p: Problems, lists: Array<[string, string[]]>): void {
  const all = lists.flatMap(([flag, list]) => list.map((text) => ({ flag, ...cidr(flag, text) })));
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (overlaps(a, b)) p.add(`--${b.flag} ${b.text} overlaps --${a.flag} ${a.text}`, 'cluster, service and machine networks must be disjoint');
    }
}

/** NAME (argument, --name or KUBEVIRT_CLUSTER_NAME) and --namespace, and the names derived from them. */
function identity(p: Problems, nameArg: string | undefined, f: ClusterFlags, env: NodeJS.ProcessEnv): { name: string; namespace: string } {
  const namespace = f.namespace ?? 'clusters';
  const nsOk = DNS1123_LABEL.test(namespace) && namespace.length <= 63;
  if (!nsOk) p.add(`--namespace "${namespace}" is not a valid DNS-1123 label`);
  if (nameArg && f.name && nameArg !== f.name) p.add(`the NAME argument "${nameArg}" and --name "${f.name}" disagree`, 'give one of them');
  const name = p.attempt(() => validateName(nameArg ?? f.name ?? env.KUBEVIRT_CLUSTER_NAME, namespace), '');
  if (name && nsOk) p.attempt(() => validateDerivedNames(name, namespace, /^\d+\.\d+\.\d+/.test(f.release ?? '') ? f.release : undefined), undefined);
  return { name, namespace };
}

type Network = Pick<ClusterRequest, 'networkType' | 'clusterCIDR' | 'serviceCIDR' | 'machineCIDR' | 'disableMultiNetwork' | 'allocateNodeCIDRs' | 'ovnKubernetesMTU'>;

/** --network-type and the CIDRs, MTU and the settings only network type Other takes. */
function network(p: Problems, f: ClusterFlags): Network {
  const networkType = p.take(oneOf('network-type', f.networkType ?? 'OVNKubernetes', NETWORK_TYPES), 'OVNKubernetes');
  const dual = bool(p, 'default-dual', f.defaultDual);
  if (dual && (f.clusterCidr || f.serviceCidr)) p.add('--default-dual cannot be combined with --cluster-cidr or --service-cidr', 'give the CIDRs yourself, or only --default-dual');
  const clusterCIDR = cidrs(p, 'cluster-cidr', f.clusterCidr, dual ? DUAL.cluster : [DEFAULT_CLUSTER_CIDR]);
  const serviceCIDR = cidrs(p, 'service-cidr', f.serviceCidr, dual ? DUAL.service : [DEFAULT_SERVICE_CIDR]);
  const machineCIDR = cidrs(p, 'machine-cidr', f.machineCidr, []);
  checkCidrOverlaps(p, [
    ['cluster-cidr', clusterCIDR],
    ['service-cidr', serviceCIDR],
    ['machine-cidr', machineCIDR],
  ]);
  const disableMultiNetwork = bool(p, 'disable-multi-network', f.disableMultiNetwork);
  const allocateNodeCIDRs = bool(p, 'allocate-node-cidrs', f.allocateNodeCidrs);
  if (disableMultiNetwork && networkType !== 'Other') p.add(`--disable-multi-network needs --network-type Other (got ${networkType})`);
  if (allocateNodeCIDRs && networkType !== 'Other') p.add(`--allocate-node-cidrs needs --network-type Other (got ${networkType})`);
  const ovnKubernetesMTU = f.ovnKubernetesMtu === undefined ? undefined : int(p, 'ovn-kubernetes-mtu', f.ovnKubernetesMtu, 0, 576, 9216);
  if (ovnKubernetesMTU !== undefined && networkType !== 'OVNKubernetes') p.add(`--ovn-kubernetes-mtu needs --network-type OVNKubernetes (got ${networkType})`);
  return { networkType, clusterCIDR, serviceCIDR, machineCIDR, disableMultiNetwork, allocateNodeCIDRs, ovnKubernetesMTU };
}

type Domains = Pick<ClusterRequest, 'baseDomain' | 'baseDomainPrefix' | 'externalDNSDomain' | 'kasDnsName'>;

function domains(p: Problems, f: ClusterFlags): Domains {
  const baseDomain = f.baseDomain ?? '';
  dnsName(p, 'base-domain', baseDomain, 'DNS domain');
  const baseDomainPrefix = f.baseDomainPrefix === 'none' ? '' : f.baseDomainPrefix;
  dnsName(p, 'base-domain-prefix', baseDomainPrefix, 'DNS name', "or 'none' for an empty prefix");
  if (f.externalDnsDomain !== undefined && !DNS1123_SUBDOMAIN.test(f.externalDnsDomain)) p.add(`--external-dns-domain "${f.externalDnsDomain}" is not a DNS domain`);
  if (f.kasDnsName !== undefined && !DNS1123_SUBDOMAIN.test(f.kasDnsName)) p.add(`--kas-dns-name "${f.kasDnsName}" is not a DNS name`);
  return { baseDomain, ...(baseDomainPrefix !== undefined ? { baseDomainPrefix } : {}), ...(f.externalDnsDomain ? { externalDNSDomain: f.externalDnsDomain } : {}), kasDnsName: f.kasDnsName };
}

type ControlPlane = Pick<
  ClusterRequest,
  | 'controllerAvailabilityPolicy'
  | 'infrastructureAvailabilityPolicy'
  | 'etcdStorageClass'
  | 'etcdStorageSize'
  | 'olmCatalogPlacement'
  | 'olmDisableDefaultSources'
  | 'featureSet'
  | 'enableCapabilities'
  | 'disableCapabilities'
  | 'pausedUntil'
  | 'fips'
>;

function controlPlane(p: Problems, f: ClusterFlags): ControlPlane {
  if (f.featureSet === 'CustomNoUpgrade') p.add('--feature-set CustomNoUpgrade is not a predefined feature set', 'TechPreviewNoUpgrade or DevPreviewNoUpgrade');
  // "Default" (upstream's default value) and "" mean no feature gate.
  const noFeatureSet = f.featureSet === undefined || f.featureSet === '' || f.featureSet === 'Default' || f.featureSet === 'CustomNoUpgrade';
  const caps = p.attempt(() => capabilities(f.enableClusterCapabilities, f.disableClusterCapabilities), { enabled: [], disabled: [] });
  if (f.pausedUntil !== undefined && f.pausedUntil !== 'true' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(f.pausedUntil))
    p.add(`--pausedUntil "${f.pausedUntil}" is neither true nor an RFC3339 date`, 'e.g. 2026-12-31T00:00:00Z');
  return {
    controllerAvailabilityPolicy: policy(p, 'control-plane-availability-policy', f.controlPlaneAvailabilityPolicy) ?? 'HighlyAvailable',
    infrastructureAvailabilityPolicy: policy(p, 'infra-availability-policy', f.infraAvailabilityPolicy),
    etcdStorageClass: p.take(storageClassName('etcd-storage-class', f.etcdStorageClass), undefined),
    etcdStorageSize: p.take(quantity('etcd-storage-size', f.etcdStorageSize ?? '8Gi', { hint: 'e.g. 8Gi', positive: true }), { canonical: '8Gi', nanos: 0n }).canonical,
    olmCatalogPlacement: p.take(
      oneOf('olm-catalog-placement', f.olmCatalogPlacement ?? 'management', OLM_CATALOG_PLACEMENTS, (x) => x.toLowerCase()),
      'management',
    ),
    olmDisableDefaultSources: bool(p, 'olm-disable-default-sources', f.olmDisableDefaultSources),
    featureSet: noFeatureSet ? undefined : p.take(oneOf('feature-set', f.featureSet!, FEATURE_SETS), undefined),
    enableCapabilities: caps.enabled,
    disableCapabilities: caps.disabled,
    pausedUntil: f.pausedUntil,
    fips: bool(p, 'fips', f.fips),
  };
}

/** The control-plane pods' placement and metadata, the image sources and the KubeVirt CSI class mappings. */
function podsAndStorage(
  p: Problems,
  f: ClusterFlags,
): Pick<ClusterRequest, 'annotations' | 'labels' | 'podsLabels' | 'nodeSelector' | 'tolerations' | 'imageContentSources' | 'additionalTrustBundle' | 'storageClassMapping' | 'volumeSnapshotClassMapping' | 'infraNamespace'> {
  if (Boolean(f.infraKubeconfigFile) !== Boolean(f.infraNamespace))
    p.add(f.infraKubeconfigFile ? '--infra-kubeconfig-file needs --infra-namespace' : '--infra-namespace needs --infra-kubeconfig-file', 'both name the external infrastructure cluster: its kubeconfig and the namespace for the VMs');
  if (f.infraNamespace && !DNS1123_LABEL.test(f.infraNamespace)) p.add(`--infra-namespace "${f.infraNamespace}" is not a valid namespace`);
  return {
    annotations: p.take(keyValuePairs('annotations', f.annotations), {}),
    labels: p.take(keyValuePairs('labels', f.labels), {}),
    podsLabels: p.take(keyValueMap('pods-labels', f.podsLabels), undefined),
    nodeSelector: p.take(keyValueMap('node-selector', f.nodeSelector), undefined),
    tolerations: p.attempt(() => (f.toleration ?? []).map(toleration), []),
    imageContentSources: p.attempt(() => imageContentSources(f.imageContentSources), undefined),
    additionalTrustBundle: p.attempt(() => trustBundle(f.additionalTrustBundle), undefined),
    storageClassMapping: p.attempt(() => (f.infraStorageClassMapping ?? []).map((m) => classMapping('infra-storage-class-mapping', m)), []),
    volumeSnapshotClassMapping: p.attempt(() => (f.infraVolumesnapshotClassMapping ?? []).map((m) => classMapping('infra-volumesnapshot-class-mapping', m)), []),
    infraNamespace: f.infraNamespace || undefined,
  };
}

/** --timeout: a Go duration; 0 means "no timeout" upstream, and waits still announce a deadline: a day. */
function timeoutOf(p: Problems, f: ClusterFlags): number {
  const timeout = f.timeout ?? '30m';
  const ns = parseGoDuration(timeout);
  if (ns === undefined || ns < 0n) {
    p.add(`--timeout "${timeout}" is not a duration`, 'write it like 90s, 45m or 1h30m (0: no timeout)');
    return 0;
  }
  // The run gets a minute more than --timeout, and a timer holds at most 24.8 days.
  const ms = p.take(timerMs(timeout, ns, 60_000, '--timeout'), 0);
  return ms === 0 ? 86_400_000 : ms;
}

/** The secrets and credentials, each from its file (or PULL_SECRET). */
function secretsOf(p: Problems, f: ClusterFlags, env: NodeJS.ProcessEnv, o: { requirePullSecret?: boolean }): { secrets: InputSecrets; generateSsh: boolean } {
  const generateSsh = bool(p, 'generate-ssh', f.generateSsh);
  if (generateSsh && f.sshKey) p.add('--generate-ssh and --ssh-key cannot be specified together');
  const before = p.list.length;
  const pullSecret = p.attempt(() => readPullSecret(f.pullSecret, env), undefined);
  if (o.requirePullSecret && !pullSecret && p.list.length === before) p.add('a pull secret is required', 'pass --pull-secret FILE (or set PULL_SECRET to the file path)');
  const sshPublicKey = p.attempt(() => readSshKey(f.sshKey), undefined);
  const infraKubeconfigText = p.attempt(() => infraKubeconfig(f.infraKubeconfigFile), undefined);
  return { secrets: { pullSecret, sshPublicKey, infraKubeconfig: infraKubeconfigText }, generateSsh };
}

/**
 * Raw → Validated: the flags (cluster-flags.ts ClusterFlags) and the environment, every problem at once (one
 * usage error listing them all, exit 2, nothing sent); a single problem reads as it always did.
 */
export function resolveClusterInput(nameArg: string | undefined, f: ClusterFlags, env: NodeJS.ProcessEnv = io().env, o: { requirePullSecret?: boolean } = {}): ClusterInput {
  const p = new Problems();
  const { name, namespace } = identity(p, nameArg, f, env);
  if (f.replicas !== undefined && f.nodePoolReplicas !== undefined && f.replicas !== f.nodePoolReplicas) p.add('--replicas and --node-pool-replicas disagree', 'give one of them');
  const replicas = int(p, f.replicas !== undefined ? 'replicas' : 'node-pool-replicas', f.replicas ?? f.nodePoolReplicas, 2, -1, 500);
  if (bool(p, 'version-check', f.versionCheck))
    p.add('--version-check is not supported: hcp-kv is not built from a HyperShift revision to compare', "leave it out; hcp-kv checks the release against the operator's supported-versions instead");
  const before = p.list.length;
  const pieces = nodePoolPieces(p, f);
  const releaseRequest = p.attempt(() => parseRelease({ release: f.release, releaseImage: p.list.length === before ? pieces.releaseImage : undefined, releaseStream: f.releaseStream }), undefined);
  const arch = p.attempt(() => kubevirtArch(f.arch), 'amd64');
  if (f.infraId !== undefined && (!DNS1123_LABEL.test(f.infraId) || f.infraId.length > 63)) p.add(`--infra-id "${f.infraId}" is not a valid infrastructure ID`, 'lowercase letters, digits and "-"');
  const request = { name, namespace, replicas, arch, ...network(p, f), ...domains(p, f), ...controlPlane(p, f), ...podsAndStorage(p, f) };
  const timeoutMs = timeoutOf(p, f);
  const { secrets, generateSsh } = secretsOf(p, f, env, o);
  p.throwIfAny();
  const { releaseImage: _image, ...nodePool } = pieces;
  const release = releaseRequest!;
  return {
    name,
    namespace,
    request: { ...request, nodePool },
    infraID: f.infraId,
    release: { request: release, ...(release.kind === 'image' ? { image: release.image } : {}), ...(release.kind === 'patch' || release.kind === 'image' ? { version: release.version } : {}) },
    secrets,
    generateSsh,
    timeoutMs,
  };
}

/** The spec of a cluster with every default (density and tests). */
export function defaultClusterSpec(name: string, namespace: string, infraID: string, releaseImage: string, replicas: number): ClusterSpec {
  return { ...resolveClusterInput(name, { namespace, replicas: String(replicas), releaseImage }, {}).request, infraID, releaseImage };
}
