// Value grammars of the core cluster flags, as upstream parses them (cmd/cluster/core/create.go:
// parseTolerationString, parseKeyValuePairs, applyNetworkConfig; cmd/cluster/kubevirt/create.go:
// parseTenantClassString), stricter where upstream would panic or send something the API refuses.
import ipaddr from 'ipaddr.js';
import { load } from 'js-yaml';
import { usageError } from '../errors.js';
import type { ClassMapping, Toleration } from '../manifests/hypershift.js';
import { DNS1123_SUBDOMAIN } from './kube-values.js';
import { must, readableFile } from './values/index.js';

const OPERATORS = { exists: 'Exists', equal: 'Equal' } as const;
const EFFECTS = { noschedule: 'NoSchedule', prefernoschedule: 'PreferNoSchedule', noexecute: 'NoExecute' } as const;

/** --toleration key=..,value=..,operator=..,effect=..,tolerationSeconds=.. (names and enums case-insensitive). */
export function toleration(text: string): Toleration {
  const t: Toleration = {};
  for (const kv of text.split(',')) {
    const parts = kv.split('=');
    if (parts.length !== 2) throw usageError(`--toleration "${text}": "${kv}" is not field=value`, 'e.g. --toleration key=node-role.kubernetes.io/infra,operator=Exists,effect=NoSchedule');
    const field = parts[0]!.trim().toLowerCase();
    const value = parts[1]!.trim();
    if (field === 'key') t.key = value;
    else if (field === 'value') t.value = value;
    else if (field === 'operator') {
      const op = OPERATORS[value.toLowerCase() as keyof typeof OPERATORS];
      if (!op && value) throw usageError(`--toleration "${text}": unknown operator "${value}"`, 'Exists or Equal');
      if (op) t.operator = op;
    } else if (field === 'effect') {
      const effect = EFFECTS[value.toLowerCase() as keyof typeof EFFECTS];
      if (!effect && value) throw usageError(`--toleration "${text}": unknown effect "${value}"`, 'NoSchedule, PreferNoSchedule or NoExecute');
      if (effect) t.effect = effect;
    } else if (field === 'tolerationseconds') {
      if (!/^-?\d+$/.test(value)) throw usageError(`--toleration "${text}": tolerationSeconds "${value}" is not a whole number`);
      t.tolerationSeconds = Number(value);
    } else throw usageError(`--toleration "${text}": unknown field "${parts[0]}"`, 'fields: key, value, operator, effect, tolerationSeconds');
  }
  // The API: an empty key needs operator Exists (it then tolerates everything); a value needs Equal.
  if (!t.key && t.operator !== 'Exists') throw usageError(`--toleration "${text}" has no key`, 'give key=..., or operator=Exists to tolerate every taint');
  if (t.operator === 'Exists' && t.value) throw usageError(`--toleration "${text}": operator Exists takes no value`);
  return t;
}

/** --infra-storage-class-mapping / --infra-volumesnapshot-class-mapping: INFRA/GUEST[,group=G]. */
export function classMapping(flag: string, text: string): ClassMapping {
  const split = text.split('/');
  if (split.length !== 2) throw usageError(`--${flag} "${text}" is not INFRA/GUEST[,group=NAME]`, `repeat the flag for each mapping, e.g. --${flag} ocs-storagecluster-ceph-rbd/ceph-rbd`);
  const [guestPart, ...options] = split[1]!.split(',');
  const infra = split[0]!.trim();
  const guest = guestPart!.trim();
  let group: string | undefined;
  for (const option of options) {
    const kv = option.split('=');
    if (kv.length !== 2) throw usageError(`--${flag} "${text}": option "${option}" is not group=NAME`, `repeat the flag for each mapping instead of separating them with commas`);
    // Upstream ignores unknown options; the first group= wins.
    if (kv[0]!.trim().toLowerCase() === 'group' && group === undefined) group = kv[1]!.trim();
  }
  for (const [what, name] of [
    ['infra', infra],
    ['guest', guest],
  ] as const) {
    if (!DNS1123_SUBDOMAIN.test(name)) throw usageError(`--${flag} "${text}": ${what} class "${name}" is not a valid name`, 'lowercase letters, digits, "-" and "."');
  }
  if (group !== undefined && !group) throw usageError(`--${flag} "${text}": group= needs a name`);
  return { infra, guest, ...(group ? { group } : {}) };
}

/** A CIDR as Go's ipnet.ParseCIDR prints it (address as given, IPv6 compressed). */
export function cidr(flag: string, text: string): { text: string; family: 'ipv4' | 'ipv6'; first: bigint; last: bigint } {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text.trim());
    if (parsed[0].kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.trim().split('/')[0]!)) throw new Error('not dotted quad');
  } catch {
    throw usageError(`--${flag} "${text}" is not a CIDR`, 'e.g. 10.132.0.0/14 or fd01::/48');
  }
  const [ip, prefix] = parsed;
  const bytes = ip.toByteArray();
  const value = bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  const bits = BigInt(bytes.length * 8);
  const hostBits = bits - BigInt(prefix);
  const first = (value >> hostBits) << hostBits;
  return { text: `${ip.toString()}/${prefix}`, family: ip.kind(), first, last: first + (1n << hostBits) - 1n };
}

export function overlaps(a: { first: bigint; last: bigint; family: string }, b: { first: bigint; last: bigint; family: string }): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export const CAPABILITIES = ['ImageRegistry', 'openshift-samples', 'Insights', 'baremetal', 'Console', 'NodeTuning', 'Ingress'];

export function capabilities(enabled: string[] | undefined, disabled: string[] | undefined): { enabled: string[]; disabled: string[] } {
  for (const [flag, list] of [
    ['enable-cluster-capabilities', enabled],
    ['disable-cluster-capabilities', disabled],
  ] as const) {
    for (const c of list ?? []) if (!CAPABILITIES.includes(c)) throw usageError(`--${flag}: unknown capability "${c}"`, `accepted: ${CAPABILITIES.join(', ')}`);
  }
  const both = (enabled ?? []).filter((c) => disabled?.includes(c));
  if (both.length) throw usageError(`--enable-cluster-capabilities and --disable-cluster-capabilities both name ${both.join(', ')}`);
  if (disabled?.includes('Ingress') && !disabled.includes('Console')) throw usageError('--disable-cluster-capabilities Ingress needs Console disabled too', 'add Console: --disable-cluster-capabilities Ingress,Console');
  return { enabled: enabled ?? [], disabled: disabled ?? [] };
}

const readFlagFile = (flag: string, file: string): string => must(readableFile(`--${flag} file`, file));

/** --image-content-sources FILE: a YAML list of {source, mirrors}. */
export function imageContentSources(file: string | undefined): Array<{ source: string; mirrors?: string[] }> | undefined {
  if (!file) return undefined;
  let doc: unknown;
  try {
    doc = load(readFlagFile('image-content-sources', file));
  } catch (e) {
    if ((e as { exitCode?: number }).exitCode) throw e;
    throw usageError(`--image-content-sources ${file} is not YAML`, 'a list like: - source: quay.io/openshift-release-dev/ocp-release\\n  mirrors: [mirror.example.com/ocp]');
  }
  const ok =
    Array.isArray(doc) &&
    doc.every(
      (e) =>
        e &&
        typeof e === 'object' &&
        typeof (e as { source?: unknown }).source === 'string' &&
        ((e as { mirrors?: unknown }).mirrors === undefined || (Array.isArray((e as { mirrors: unknown[] }).mirrors) && (e as { mirrors: unknown[] }).mirrors.every((m) => typeof m === 'string'))),
    );
  if (!ok) throw usageError(`--image-content-sources ${file} is not a list of {source, mirrors}`, 'each entry: source: REGISTRY/REPO and mirrors: [MIRROR/REPO, ...]');
  return (doc as Array<{ source: string; mirrors?: string[] }>).map((e) => ({ source: e.source, ...(e.mirrors ? { mirrors: e.mirrors } : {}) }));
}

export function trustBundle(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const text = readFlagFile('additional-trust-bundle', file);
  if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw usageError(`--additional-trust-bundle ${file} holds no PEM certificate`, 'pass a file with one or more -----BEGIN CERTIFICATE----- blocks');
  return text;
}

export function infraKubeconfig(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const text = readFlagFile('infra-kubeconfig-file', file);
  let doc: unknown;
  try {
    doc = load(text);
  } catch {
    doc = undefined;
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { clusters?: unknown }).clusters)) throw usageError(`--infra-kubeconfig-file ${file} is not a kubeconfig`, 'it needs clusters, users and contexts');
  return text;
}
