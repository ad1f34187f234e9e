// create-cluster input: flags and environment (KUBEVIRT_CLUSTER_NAME, PULL_SECRET), validated before anything
// is sent. Errors are usage errors (exit 2) naming the flag and what a valid value looks like.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';
import { parseDuration } from './load.js';
import type { ClusterSpec } from '../manifests/hypershift.js';

export interface ClusterFlags {
  namespace?: string;
  replicas?: string;
  nodePoolReplicas?: string;
  memory?: string;
  cores?: string;
  release?: string;
  releaseImage?: string;
  pullSecret?: string;
  sshKey?: string;
  rootVolumeSize?: string;
  rootVolumeStorageClass?: string;
  rootVolumeAccessModes?: string;
  rootVolumeVolumeMode?: string;
  etcdStorageClass?: string;
  infraStorageClassMapping?: string;
  baseDomain?: string;
  controlPlaneAvailabilityPolicy?: string;
  vmNodeSelector?: string;
  timeout?: string;
}

/** Validated create-cluster input: the manifest spec minus what a run generates, plus secrets and timing. */
export interface ClusterInput extends Omit<ClusterSpec, 'infraID'> {
  release?: string; // x.y.z when known
  pullSecret?: string; // content; absent only for render without a pull secret
  sshPublicKey?: string;
  timeoutMs: number;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUANTITY = /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const RELEASE = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const IMAGE = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?\/[a-z0-9._/-]+(:[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/;
const SSH_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

/** HyperShift limits: a DNS-1123 label; the control-plane namespace `<ns>-<name>` must fit in 63 characters. */
export function validateName(name: string | undefined, namespace: string): string {
  if (!name) throw usageError('a cluster name is required', 'hcp-kv create-cluster NAME (or set KUBEVIRT_CLUSTER_NAME)');
  if (!DNS1123_LABEL.test(name)) throw usageError(`cluster name "${name}" is not a valid DNS-1123 label`, 'use lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. kv-00)');
  if (name.length > 53) throw usageError(`cluster name "${name}" is ${name.length} characters long; HyperShift allows at most 53`, 'choose a shorter name');
  if (`${namespace}-${name}`.length > 63) throw usageError(`the control-plane namespace "${namespace}-${name}" would be longer than 63 characters`, 'choose a shorter name or namespace');
  return name;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Releases before 4.12.2 have no default ingress passthrough; hcp-kv creates a Service and a Route for them. */
export function needsIngressPassthrough(release: string | undefined): boolean {
  if (!release) return false;
  const [a = 0, b = 0, c = 0] = release.split('.').map(Number);
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
export function readInputFile(what: string, path: string, hint: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw usageError(`${what} ${path} does not exist`, hint);
  }
  if (st.isDirectory()) throw usageError(`${what} ${path} is a directory, not a file`, hint);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw usageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint, e);
  }
}

/** An output file argument: its directory exists and it is not itself a directory. */
export function validateOutputFile(flag: string, path: string): void {
  const dir = dirname(resolve(path));
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw usageError(`${flag} ${path}: directory ${dir} does not exist`, `create it first, or pass another path to ${flag}`);
  }
  if (!st.isDirectory()) throw usageError(`${flag} ${path}: ${dir} is not a directory`, `pass another path to ${flag}`);
  try {
    if (statSync(path).isDirectory()) throw usageError(`${flag} ${path} is a directory; it must name a file`, `e.g. ${flag} ${join(path, 'out')}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

const UNIT_BYTES: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const MIN_MEMORY = 2 ** 30;

function int(flag: string, v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isInteger(n) || n < min || n > max) throw usageError(`--${flag} must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
}

export const DEFAULT_RELEASE = '4.14.0';

export function releaseImageFor(release: string): string {
  return `quay.io/openshift-release-dev/ocp-release:${release}-x86_64`;
}

export function releaseOf(image: string): string | undefined {
  return /:(\d+\.\d+\.\d+)(?:-[\w.]+)?$/.exec(image)?.[1];
}

function readPullSecret(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const source = flag ?? env.PULL_SECRET;
  if (!source) return undefined;
  let text = source;
  let where = 'PULL_SECRET';
  if (!source.trim().startsWith('{')) {
    where = source;
    text = readInputFile('pull secret file', source, 'download it from console.redhat.com/openshift/install/pull-secret and pass --pull-secret FILE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(`pull secret ${where === 'PULL_SECRET' ? '(from PULL_SECRET)' : where} is not valid JSON`, 'it must be the JSON document with an "auths" section');
  }
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as { auths?: unknown }).auths !== 'object' || (parsed as { auths?: unknown }).auths === null) {
    throw usageError(`pull secret ${where === 'PULL_SECRET' ? '(from PULL_SECRET)' : where} has no "auths" section`, 'use the pull secret from console.redhat.com/openshift/install/pull-secret');
  }
  const label = where === 'PULL_SECRET' ? '(from PULL_SECRET)' : where;
  const auths = (parsed as { auths: Record<string, { auth?: unknown }> }).auths;
  if (!Object.keys(auths).length) throw usageError(`pull secret ${label} has an empty "auths" section: no registry could be pulled from`, 'use the pull secret from console.redhat.com/openshift/install/pull-secret');
  for (const [registry, entry] of Object.entries(auths)) {
    const auth = entry?.auth;
    if (auth === undefined) continue;
    // "auth" is base64 of user:password; anything else fails only later, on a node, as an image pull error.
    if (typeof auth !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(auth) || auth.length % 4 !== 0 || !Buffer.from(auth, 'base64').toString('utf8').includes(':')) {
      throw usageError(`pull secret ${label}: the "auth" of ${registry} is not base64 of user:password`, 'download the pull secret again; do not edit the auth values by hand');
    }
  }
  return text.trim();
}

function readSshKey(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const text = readInputFile('ssh key file', file, 'pass the PUBLIC key, e.g. --ssh-key ~/.ssh/id_rsa.pub').trim();
  if (/PRIVATE KEY/.test(text)) throw usageError(`ssh key file ${file} holds a private key`, 'pass the public key (the .pub file)');
  if (!text.split('\n').every((l) => SSH_KEY.test(l.trim()))) throw usageError(`ssh key file ${file} is not an OpenSSH public key`, 'expected a line like "ssh-ed25519 AAAA… user@host"');
  return text;
}

export function resolveClusterInput(nameArg: string | undefined, f: ClusterFlags, env: NodeJS.ProcessEnv = process.env, o: { requirePullSecret?: boolean } = {}): ClusterInput {
  const namespace = f.namespace ?? 'clusters';
  if (!DNS1123_LABEL.test(namespace) || namespace.length > 63) throw usageError(`namespace "${namespace}" is not a valid DNS-1123 label`);
  const name = validateName(nameArg ?? env.KUBEVIRT_CLUSTER_NAME, namespace);
  validateDerivedNames(name, namespace, f.release ?? (f.releaseImage ? releaseOf(f.releaseImage) : undefined));
  if (f.replicas !== undefined && f.nodePoolReplicas !== undefined && f.replicas !== f.nodePoolReplicas) throw usageError('--replicas and --node-pool-replicas disagree', 'give one of them');
  const replicas = int('replicas', f.replicas ?? f.nodePoolReplicas, 2, 0, 500);
  const cores = int('cores', f.cores, 2, 1, 512);
  const memory = f.memory ?? '8Gi';
  const m = QUANTITY.exec(memory);
  if (!m) throw usageError(`--memory "${memory}" is not a Kubernetes quantity`, 'write it like 8Gi or 16384Mi');
  if (Number(m[1]) * UNIT_BYTES[m[3] ?? '']! < MIN_MEMORY) throw usageError(`--memory "${memory}" is too small: a worker VM needs at least 1Gi`, 'write it like 8Gi or 16384Mi');
  const rootVolumeSize = int('root-volume-size', f.rootVolumeSize, 32, 16, 65536);
  if (f.release && f.releaseImage) throw usageError('--release and --release-image are exclusive', 'give one of them');
  let releaseImage: string;
  let release: string | undefined;
  if (f.releaseImage) {
    if (!IMAGE.test(f.releaseImage)) throw usageError(`--release-image "${f.releaseImage}" is not an image reference`, 'e.g. quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64 or …@sha256:<digest>');
    releaseImage = f.releaseImage;
    release = releaseOf(releaseImage);
  } else if (f.release) {
    release = f.release;
    if (!RELEASE.test(release)) throw usageError(`--release "${release}" is not an OpenShift version`, 'write it like 4.14.8');
    releaseImage = releaseImageFor(release);
  } else {
    // Chosen later: the newest version the cluster's HyperShift operator supports (render: DEFAULT_RELEASE).
    releaseImage = '';
  }
  const policy = f.controlPlaneAvailabilityPolicy ?? 'SingleReplica';
  if (policy !== 'SingleReplica' && policy !== 'HighlyAvailable') throw usageError(`--control-plane-availability-policy must be SingleReplica or HighlyAvailable, got "${policy}"`);
  const storageClass = (flag: string, v: string | undefined) => {
    if (v !== undefined && !DNS1123_SUBDOMAIN.test(v)) throw usageError(`--${flag} "${v}" is not a StorageClass name`);
    return v;
  };
  const mapping = f.infraStorageClassMapping?.split(',').filter(Boolean).map((pair) => {
    const [infra, guest, extra] = pair.split('/');
    if (!infra || !guest || extra !== undefined || !DNS1123_SUBDOMAIN.test(infra) || !DNS1123_SUBDOMAIN.test(guest)) throw usageError(`--infra-storage-class-mapping entry "${pair}" is not INFRA/GUEST`, 'e.g. ocs-storagecluster-ceph-rbd/ceph-rbd');
    return { infra, guest };
  });
  const selector = f.vmNodeSelector?.split(',').filter(Boolean).reduce<Record<string, string>>((acc, kv) => {
    const [k, v] = kv.split('=');
    if (!k || v === undefined || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k)) throw usageError(`--vm-node-selector entry "${kv}" is not key=value`);
    acc[k] = v;
    return acc;
  }, {});
  const volumeMode = f.rootVolumeVolumeMode;
  if (volumeMode && volumeMode !== 'Block' && volumeMode !== 'Filesystem') throw usageError(`--root-volume-volume-mode must be Block or Filesystem, got "${volumeMode}"`);
  const accessModes = f.rootVolumeAccessModes?.split(',').filter(Boolean);
  for (const a of accessModes ?? []) if (!['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod'].includes(a)) throw usageError(`--root-volume-access-modes: unknown mode "${a}"`);
  const baseDomain = f.baseDomain ?? '';
  if (baseDomain && !DNS1123_SUBDOMAIN.test(baseDomain)) throw usageError(`--base-domain "${baseDomain}" is not a DNS domain`);
  const pullSecret = readPullSecret(f.pullSecret, env);
  if (o.requirePullSecret && !pullSecret) throw usageError('a pull secret is required', 'pass --pull-secret FILE (or set PULL_SECRET to the file path)');
  return {
    name,
    namespace,
    releaseImage,
    release,
    replicas,
    memory,
    cores,
    rootVolumeSize,
    rootVolumeStorageClass: storageClass('root-volume-storage-class', f.rootVolumeStorageClass),
    rootVolumeAccessModes: accessModes,
    rootVolumeVolumeMode: volumeMode as 'Block' | 'Filesystem' | undefined,
    etcdStorageClass: storageClass('etcd-storage-class', f.etcdStorageClass),
    storageClassMapping: mapping,
    vmNodeSelector: selector && Object.keys(selector).length ? selector : undefined,
    availabilityPolicy: policy,
    baseDomain,
    pullSecret,
    sshPublicKey: readSshKey(f.sshKey),
    timeoutMs: parseDuration(f.timeout ?? '30m'),
  };
}
