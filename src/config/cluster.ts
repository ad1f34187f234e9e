// create-cluster / render cluster input: the upstream `hcp create cluster kubevirt` flags (cluster-flags.ts) and
// the environment (KUBEVIRT_CLUSTER_NAME, PULL_SECRET), validated before anything is sent. Errors are usage
// errors (exit 2) naming the flag and what a valid value looks like. Release resolution against the cluster's
// ClusterImageSets happens later, in the check-cluster step.
import { usageError } from '../errors.js';
import type { AvailabilityPolicy, ClusterSpec } from '../manifests/hypershift.js';
import { AVAILABILITY_POLICIES, FEATURE_SETS, NETWORK_TYPES, OLM_CATALOG_PLACEMENTS, type ClusterFlags } from './cluster-flags.js';
import { capabilities, cidr, classMapping, imageContentSources, infraKubeconfig, overlaps, toleration, trustBundle } from './cluster-parse.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, parseGoDuration } from './kube-values.js';
import { goBool, int as intValue, keyValuePairs as keyValuePairsOf, must, oneOf, quantity, readableFile, storageClassName, timerMs, writableFilePath } from './values/index.js';
import { kubevirtArch, parseKeyValues, parseNodePoolFlags } from './nodepool-flags.js';
import { parseRelease, type ReleaseRequest } from './release.js';
import { io } from '../run/io.js';
import { parseSshPublicKey } from './ssh-public-key.js';

export type { ClusterFlags } from './cluster-flags.js';

/** Validated input: the manifest spec minus what a run decides (infraID unless --infra-id, release image), plus secrets. */
export interface ClusterInput extends Omit<ClusterSpec, 'infraID' | 'releaseImage'> {
  infraID?: string;
  releaseImage: string; // '' until resolved
  releaseRequest: ReleaseRequest;
  release?: string; // x.y.z when known
  pullSecret?: string; // content; absent only for render without a pull secret
  sshPublicKey?: string;
  generateSsh: boolean;
  infraKubeconfig?: string;
  timeoutMs: number;
}

const SSH_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;
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
  for (const secret of [`${name}-pull-secret`, `${name}-ssh-key`, `${name}-etcd-encryption-key`, `${name}-admin-kubeconfig`, `${name}-kubeadmin-password`]) check('the secret', secret, secret.length <= 253 && DNS1123_SUBDOMAIN.test(secret), 'a DNS-1123 subdomain of at most 253 characters');
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

/** A file argument: exists and is a regular file (not a directory), as one usage error line. */
export const readInputFile = (what: string, path: string, hint: string): string => must(readableFile(what, path, hint));

/** An output file argument: its directory exists and it is not itself a directory. */
export const validateOutputFile = (flag: string, path: string): void => void must(writableFilePath(flag, path));

export function readPullSecret(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const source = flag ?? env.PULL_SECRET;
  if (!source) return undefined;
  let text = source;
  let where = '(from PULL_SECRET)';
  if (!source.trim().startsWith('{')) {
    where = source;
    text = readInputFile('pull secret file', source, 'download it from console.redhat.com/openshift/install/pull-secret and pass --pull-secret FILE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(`pull secret ${where} is not valid JSON`, 'it must be the JSON document with an "auths" section');
  }
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as { auths?: unknown }).auths !== 'object' || (parsed as { auths?: unknown }).auths === null) {
    throw usageError(`pull secret ${where} has no "auths" section`, 'use the pull secret from console.redhat.com/openshift/install/pull-secret');
  }
  const auths = (parsed as { auths: Record<string, { auth?: unknown }> }).auths;
  if (!Object.keys(auths).length) throw usageError(`pull secret ${where} has an empty "auths" section: no registry could be pulled from`, 'use the pull secret from console.redhat.com/openshift/install/pull-secret');
  for (const [registry, entry] of Object.entries(auths)) {
    const auth = entry?.auth;
    if (auth === undefined) continue;
    // "auth" is base64 of user:password; anything else fails only later, on a node, as an image pull error.
    if (typeof auth !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(auth) || auth.length % 4 !== 0 || !Buffer.from(auth, 'base64').toString('utf8').includes(':')) {
      throw usageError(`pull secret ${where}: the "auth" of ${registry} is not base64 of user:password`, 'download the pull secret again; do not edit the auth values by hand');
    }
  }
  return text.trim();
}

function readSshKey(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const text = readInputFile('ssh key file', file, 'pass the PUBLIC key, e.g. --ssh-key ~/.ssh/id_rsa.pub').trim();
  if (/PRIVATE KEY/.test(text)) throw usageError(`ssh key file ${file} holds a private key`, 'pass the public key (the .pub file)');
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    if (!SSH_KEY.test(l.trim())) throw usageError(`ssh key file ${file} is not an OpenSSH public key`, 'expected a line like "ssh-ed25519 AAAA… user@host"');
    try {
      parseSshPublicKey(l);
    } catch (e) {
      throw usageError(`ssh key file ${file} line ${i + 1} is not a valid OpenSSH public key: ${(e as Error).message}`, 'pass the whole .pub file as ssh-keygen wrote it (ssh-keygen -l -f FILE checks it)');
    }
  });
  return text;
}

const int = (flag: string, v: string | undefined, def: number, min: number, max: number): number => (v === undefined ? def : must(intValue(flag, v, { min, max })));
const bool = (flag: string, v: string | boolean | undefined): boolean => must(goBool(flag, v));
const policy = (flag: string, v: string | undefined): AvailabilityPolicy | undefined => (v ? must(oneOf(flag, v, AVAILABILITY_POLICIES)) : undefined);
const storageClass = (flag: string, v: string | undefined): string | undefined => must(storageClassName(flag, v));

function cidrs(flag: string, values: string[] | undefined, def: string[]): string[] {
  return (values ?? def).map((v) => cidr(flag, v).text);
}

/** CIDRs of one cluster must not overlap each other (the API also refuses equal ones). */
function checkCidrOverlaps(lists: Array<[string, string[]]>): void {
  const all = lists.flatMap(([flag, list]) => list.map((text) => ({ flag, ...cidr(flag, text) })));
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
    const a = all[i]!;
    const b = all[j]!;
    if (overlaps(a, b)) throw usageError(`--${b.flag} ${b.text} overlaps --${a.flag} ${a.text}`, 'cluster, service and machine networks must be disjoint');
  }
}

export function resolveClusterInput(nameArg: string | undefined, f: ClusterFlags, env: NodeJS.ProcessEnv = io().env, o: { requirePullSecret?: boolean } = {}): ClusterInput {
  const namespace = f.namespace ?? 'clusters';
  if (!DNS1123_LABEL.test(namespace) || namespace.length > 63) throw usageError(`--namespace "${namespace}" is not a valid DNS-1123 label`);
  if (nameArg && f.name && nameArg !== f.name) throw usageError(`the NAME argument "${nameArg}" and --name "${f.name}" disagree`, 'give one of them');
  const name = validateName(nameArg ?? f.name ?? env.KUBEVIRT_CLUSTER_NAME, namespace);
  validateDerivedNames(name, namespace, /^\d+\.\d+\.\d+/.test(f.release ?? '') ? f.release : undefined);
  if (f.replicas !== undefined && f.nodePoolReplicas !== undefined && f.replicas !== f.nodePoolReplicas) throw usageError('--replicas and --node-pool-replicas disagree', 'give one of them');
  const replicasFlag = f.replicas !== undefined ? 'replicas' : 'node-pool-replicas';
  const replicas = int(replicasFlag, f.replicas ?? f.nodePoolReplicas, 2, -1, 500);
  if (bool('version-check', f.versionCheck)) throw usageError('--version-check is not supported: hcp-kv is not built from a HyperShift revision to compare', 'leave it out; hcp-kv checks the release against the operator\'s supported-versions instead');
  const nodePool = parseNodePoolFlags(f);
  const releaseRequest = parseRelease({ release: f.release, releaseImage: nodePool.releaseImage, releaseStream: f.releaseStream });
  const arch = kubevirtArch(f.arch);
  const etcdSizeText = f.etcdStorageSize ?? '8Gi';
  const etcdStorageSize = must(quantity('etcd-storage-size', etcdSizeText, { hint: 'e.g. 8Gi', positive: true })).canonical;
  const networkType = must(oneOf('network-type', f.networkType ?? 'OVNKubernetes', NETWORK_TYPES));
  const dual = bool('default-dual', f.defaultDual);
  if (dual && (f.clusterCidr || f.serviceCidr)) throw usageError('--default-dual cannot be combined with --cluster-cidr or --service-cidr', 'give the CIDRs yourself, or only --default-dual');
  const clusterCIDR = cidrs('cluster-cidr', f.clusterCidr, dual ? DUAL.cluster : [DEFAULT_CLUSTER_CIDR]);
  const serviceCIDR = cidrs('service-cidr', f.serviceCidr, dual ? DUAL.service : [DEFAULT_SERVICE_CIDR]);
  const machineCIDR = cidrs('machine-cidr', f.machineCidr, []);
  checkCidrOverlaps([['cluster-cidr', clusterCIDR], ['service-cidr', serviceCIDR], ['machine-cidr', machineCIDR]]);
  const disableMultiNetwork = bool('disable-multi-network', f.disableMultiNetwork);
  const allocateNodeCIDRs = bool('allocate-node-cidrs', f.allocateNodeCidrs);
  if (disableMultiNetwork && networkType !== 'Other') throw usageError(`--disable-multi-network needs --network-type Other (got ${networkType})`);
  if (allocateNodeCIDRs && networkType !== 'Other') throw usageError(`--allocate-node-cidrs needs --network-type Other (got ${networkType})`);
  const mtu = f.ovnKubernetesMtu === undefined ? undefined : int('ovn-kubernetes-mtu', f.ovnKubernetesMtu, 0, 576, 9216);
  if (mtu !== undefined && networkType !== 'OVNKubernetes') throw usageError(`--ovn-kubernetes-mtu needs --network-type OVNKubernetes (got ${networkType})`);
  const baseDomain = f.baseDomain ?? '';
  if (baseDomain && !DNS1123_SUBDOMAIN.test(baseDomain)) throw usageError(`--base-domain "${baseDomain}" is not a DNS domain`);
  const baseDomainPrefix = f.baseDomainPrefix === 'none' ? '' : f.baseDomainPrefix;
  if (baseDomainPrefix && !DNS1123_SUBDOMAIN.test(baseDomainPrefix)) throw usageError(`--base-domain-prefix "${baseDomainPrefix}" is not a DNS name`, "or 'none' for an empty prefix");
  if (f.externalDnsDomain !== undefined && !DNS1123_SUBDOMAIN.test(f.externalDnsDomain)) throw usageError(`--external-dns-domain "${f.externalDnsDomain}" is not a DNS domain`);
  const infraID = f.infraId;
  if (infraID !== undefined && (!DNS1123_LABEL.test(infraID) || infraID.length > 63)) throw usageError(`--infra-id "${infraID}" is not a valid infrastructure ID`, 'lowercase letters, digits and "-"');
  const olm = must(oneOf('olm-catalog-placement', f.olmCatalogPlacement ?? 'management', OLM_CATALOG_PLACEMENTS, (x) => x.toLowerCase()));
  if (f.featureSet === 'CustomNoUpgrade') throw usageError('--feature-set CustomNoUpgrade is not a predefined feature set', 'TechPreviewNoUpgrade or DevPreviewNoUpgrade');
  // "Default" (upstream's default value) and "" mean no feature gate.
  const featureSet = f.featureSet === undefined || f.featureSet === '' || f.featureSet === 'Default' ? undefined : must(oneOf('feature-set', f.featureSet, FEATURE_SETS));
  const caps = capabilities(f.enableClusterCapabilities, f.disableClusterCapabilities);
  if (f.pausedUntil !== undefined && f.pausedUntil !== 'true' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(f.pausedUntil)) throw usageError(`--pausedUntil "${f.pausedUntil}" is neither true nor an RFC3339 date`, 'e.g. 2026-12-31T00:00:00Z');
  if (f.kasDnsName !== undefined && !DNS1123_SUBDOMAIN.test(f.kasDnsName)) throw usageError(`--kas-dns-name "${f.kasDnsName}" is not a DNS name`);
  if (Boolean(f.infraKubeconfigFile) !== Boolean(f.infraNamespace)) throw usageError(f.infraKubeconfigFile ? '--infra-kubeconfig-file needs --infra-namespace' : '--infra-namespace needs --infra-kubeconfig-file', 'both name the external infrastructure cluster: its kubeconfig and the namespace for the VMs');
  if (f.infraNamespace && !DNS1123_LABEL.test(f.infraNamespace)) throw usageError(`--infra-namespace "${f.infraNamespace}" is not a valid namespace`);
  const generateSsh = bool('generate-ssh', f.generateSsh);
  if (generateSsh && f.sshKey) throw usageError('--generate-ssh and --ssh-key cannot be specified together');
  const timeout = f.timeout ?? '30m';
  const timeoutNs = parseGoDuration(timeout);
  if (timeoutNs === undefined || timeoutNs < 0n) throw usageError(`--timeout "${timeout}" is not a duration`, 'write it like 90s, 45m or 1h30m (0: no timeout)');
  // The run gets a minute more than --timeout, and a timer holds at most 24.8 days.
  const timeoutMs = must(timerMs(timeout, timeoutNs, 60_000, '--timeout'));
  const pullSecret = readPullSecret(f.pullSecret, env);
  if (o.requirePullSecret && !pullSecret) throw usageError('a pull secret is required', 'pass --pull-secret FILE (or set PULL_SECRET to the file path)');
  const { releaseImage: _img, ...np } = nodePool;
  return {
    name,
    namespace,
    infraID,
    releaseImage: releaseRequest.kind === 'image' ? releaseRequest.image : '',
    releaseRequest,
    release: releaseRequest.kind === 'patch' ? releaseRequest.version : releaseRequest.kind === 'image' ? releaseRequest.version : undefined,
    replicas,
    arch,
    nodePool: np,
    controllerAvailabilityPolicy: policy('control-plane-availability-policy', f.controlPlaneAvailabilityPolicy) ?? 'HighlyAvailable',
    infrastructureAvailabilityPolicy: policy('infra-availability-policy', f.infraAvailabilityPolicy),
    etcdStorageClass: storageClass('etcd-storage-class', f.etcdStorageClass),
    etcdStorageSize,
    networkType,
    clusterCIDR,
    serviceCIDR,
    machineCIDR,
    baseDomain,
    ...(baseDomainPrefix !== undefined ? { baseDomainPrefix } : {}),
    ...(f.externalDnsDomain ? { externalDNSDomain: f.externalDnsDomain } : {}),
    annotations: must(keyValuePairsOf('annotations', f.annotations)),
    labels: must(keyValuePairsOf('labels', f.labels)),
    podsLabels: parseKeyValues('pods-labels', f.podsLabels),
    nodeSelector: parseKeyValues('node-selector', f.nodeSelector),
    tolerations: (f.toleration ?? []).map(toleration),
    imageContentSources: imageContentSources(f.imageContentSources),
    additionalTrustBundle: trustBundle(f.additionalTrustBundle),
    fips: bool('fips', f.fips),
    olmCatalogPlacement: olm,
    olmDisableDefaultSources: bool('olm-disable-default-sources', f.olmDisableDefaultSources),
    featureSet,
    enableCapabilities: caps.enabled,
    disableCapabilities: caps.disabled,
    storageClassMapping: (f.infraStorageClassMapping ?? []).map((m) => classMapping('infra-storage-class-mapping', m)),
    volumeSnapshotClassMapping: (f.infraVolumesnapshotClassMapping ?? []).map((m) => classMapping('infra-volumesnapshot-class-mapping', m)),
    infraNamespace: f.infraNamespace || undefined,
    infraKubeconfig: infraKubeconfig(f.infraKubeconfigFile),
    pausedUntil: f.pausedUntil,
    kasDnsName: f.kasDnsName,
    disableMultiNetwork,
    ovnKubernetesMTU: mtu,
    allocateNodeCIDRs,
    pullSecret,
    sshPublicKey: readSshKey(f.sshKey),
    generateSsh,
    // 0 means "no timeout" upstream; waits still announce a deadline: a day.
    timeoutMs: timeoutMs === 0 ? 86_400_000 : timeoutMs,
  };
}

/** The spec of a cluster with every default (density and tests). */
export function defaultClusterSpec(name: string, namespace: string, infraID: string, releaseImage: string, replicas: number): ClusterSpec {
  const input = resolveClusterInput(name, { namespace, replicas: String(replicas), releaseImage }, {});
  const { releaseRequest: _r, release: _v, pullSecret: _p, sshPublicKey: _s, generateSsh: _g, infraKubeconfig: _k, timeoutMs: _t, ...spec } = input;
  return { ...spec, infraID, releaseImage };
}
