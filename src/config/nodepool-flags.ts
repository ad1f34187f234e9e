// The KubeVirt NodePool flags of upstream `hcp create cluster kubevirt` / `hcp create nodepool kubevirt`
// (openshift/hypershift cmd/nodepool/kubevirt/create.go and the NodePool part of cmd/cluster/core/create.go,
// @3ee9615567): the same names and value grammar, parsed into the NodePool spec pieces upstream renders.
// Shared by create-cluster, render cluster and nodepool create. Errors are usage errors naming the flag.
import type { NodePoolFlagValues } from '../commands/nodepool-flags.js';
import { usageError } from '../errors.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, IMAGE_REF, canonicalQuantity } from './kube-values.js';
import { CACHE_STRATEGIES, MULTIQUEUE_SETTINGS, NODEPOOL_ARCHES, NODEPOOL_DEFAULTS, QOS_CLASSES, ROOT_VOLUME_ACCESS_MODES, type RootVolumeAccessMode, UPGRADE_TYPES, VOLUME_MODES } from './flag-choices.js';
import { each, goBool, goDurationText, int, keyValueMap, must, oneOf, Problems, quantity, storageClassName } from './values/index.js';

export type { NodePoolFlagValues };

/** Where hcp-kv deliberately differs from upstream's defaults (shown in --help and the README). */
const MIN_MEMORY_NANOS = 2n ** 30n * 1_000_000_000n;

/** spec.platform.kubevirt of a NodePool, field for field as upstream's NodePoolPlatform() fills it. */
export interface KubevirtNodePoolPlatform {
  rootVolume: {
    type: 'Persistent';
    persistent: { size: string; storageClass?: string; accessModes?: RootVolumeAccessMode[]; volumeMode?: 'Block' | 'Filesystem' };
    cacheStrategy?: { type: 'None' | 'PVC' };
  };
  compute: { cores: number; memory: string; qosClass?: 'Guaranteed' };
  additionalNetworks?: Array<{ name: string }>;
  attachDefaultNetwork: boolean;
  networkInterfaceMultiqueue?: 'Enable' | 'Disable';
  nodeSelector?: Record<string, string>;
  hostDevices?: Array<{ deviceName: string; count: number }>;
}

/** What the KubeVirt node-pool flags decide for a NodePool whose release is decided elsewhere. */
export type NodePoolSettings = Omit<NodePoolPieces, 'releaseImage'>;

/** The NodePool spec pieces the flags decide. */
export interface NodePoolPieces {
  platform: { type: 'KubeVirt'; kubevirt: KubevirtNodePoolPlatform };
  management: { autoRepair: boolean; upgradeType: 'Replace' | 'InPlace' };
  /** Go duration strings as metav1.Duration renders them (0s, 5m0s). */
  nodeDrainTimeout: string;
  nodeVolumeDetachTimeout: string;
  releaseImage?: string;
}

const bool = (p: Problems, flag: string, v: string | boolean | undefined, def: boolean): boolean => p.take(goBool(flag, v, def), def);
const uint = (p: Problems, flag: string, v: string | undefined, def: number, min: number): number => (v === undefined ? def : p.take(int(flag, v, { min }), def));
/** '' and no value: unset. */
const optionalOneOf = <const T extends string>(p: Problems, flag: string, v: string | undefined, allowed: readonly T[]): T | undefined => (v ? p.take(oneOf(flag, v, allowed), undefined) : undefined);

/** The NodePool CRD's CEL rules on spec (same file): what it refuses for a KubeVirt NodePool, with its message. */
const KUBEVIRT_ARCH_REFUSED: Record<string, string> = { arm64: 'Setting Arch to arm64 is only supported for AWS, Azure, Agent, GCP and None' };

/** --arch for a KubeVirt NodePool: what the real CRD would refuse is refused here, before any write (exit 2). */
export function kubevirtArch(v: string | undefined): (typeof NODEPOOL_ARCHES)[number] {
  const arch = (v ?? 'amd64').toLowerCase();
  if (!NODEPOOL_ARCHES.includes(arch as never)) throw usageError(`--arch must be one of ${NODEPOOL_ARCHES.join(', ')}, got "${v}"`);
  const refused = KUBEVIRT_ARCH_REFUSED[arch];
  if (refused) throw usageError(`--arch ${arch} is refused by the NodePool API for the KubeVirt platform: ${refused}`, `KubeVirt node pools take --arch ${NODEPOOL_ARCHES.filter((a) => !KUBEVIRT_ARCH_REFUSED[a]).join(', ')}`);
  return arch as (typeof NODEPOOL_ARCHES)[number];
}

/** pflag StringToString (values/lists.ts), thrown as a usage error. */
export const parseKeyValues = (flag: string, values: string[] | string | undefined): Record<string, string> | undefined => must(keyValueMap(flag, values));

function additionalNetwork(spec: string): { name: string } {
  // cmdutil.Map grammar: comma-separated param:value; "name" is the only parameter.
  let name: string | undefined;
  for (const param of spec.split(',')) {
    const at = param.indexOf(':');
    if (at < 0 || param.slice(0, at) !== 'name') throw usageError(`--additional-network "${spec}": unknown parameter "${param}"`, 'write it as name:NAMESPACE/NAD, e.g. name:ns1/nad-foo');
    name = param.slice(at + 1);
  }
  const [ns, nad, extra] = (name ?? '').split('/');
  if (!ns || !nad || extra !== undefined) throw usageError(`--additional-network "${spec}" does not name NAMESPACE/NAD`, 'the NetworkAttachmentDefinition needs its namespace: name:ns1/nad-foo');
  if (!DNS1123_LABEL.test(ns) || !DNS1123_SUBDOMAIN.test(nad)) throw usageError(`--additional-network "${spec}": "${ns}/${nad}" is not a valid namespace/name`, 'lowercase letters, digits and "-"');
  return { name: `${ns}/${nad}` };
}

function hostDevice(spec: string): { deviceName: string; count: number } {
  const parts = spec.split(',');
  const deviceName = parts[0]!.trim();
  if (!deviceName || deviceName.length > 255 || parts.length > 2) throw usageError(`--host-device-name "${spec}" is not NAME[,count:N]`, 'e.g. --host-device-name nvidia-a100,count:2');
  if (parts.length === 1) return { deviceName, count: 1 }; // upstream drops such an entry; the API default is 1
  const [key, value, more] = parts[1]!.split(':');
  if (key !== 'count' || value === undefined || more !== undefined) throw usageError(`--host-device-name "${spec}": "${parts[1]}" is not count:N`, 'count is the only option, e.g. gpu,count:2');
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 2147483647) throw usageError(`--host-device-name "${spec}": count must be a positive whole number, got "${value}"`);
  return { deviceName, count };
}

/** spec.platform.kubevirt from the flags. */
function kubevirtPlatform(p: Problems, f: NodePoolFlagValues): KubevirtNodePoolPlatform {
  const memoryText = f.memory ?? NODEPOOL_DEFAULTS.memory;
  const { canonical: memory, nanos: memoryNanos } = p.take(quantity('memory', memoryText, { hint: 'write it like 8Gi or 16384Mi' }), { canonical: NODEPOOL_DEFAULTS.memory, nanos: MIN_MEMORY_NANOS });
  // 0 is a quantity, just far too small: say so, with the minimum a worker VM boots with.
  if (memoryNanos < MIN_MEMORY_NANOS) p.add(`--memory "${memoryText}" is too small: a worker VM needs at least 1Gi`, 'write it like 8Gi or 16384Mi');
  const cores = uint(p, 'cores', f.cores, NODEPOOL_DEFAULTS.cores, 1);
  const size = uint(p, 'root-volume-size', f.rootVolumeSize, NODEPOOL_DEFAULTS.rootVolumeSize, 16);
  const storageClass = p.take(storageClassName('root-volume-storage-class', f.rootVolumeStorageClass), undefined);
  const accessModes = f.rootVolumeAccessModes
    ? p.take(
        each(f.rootVolumeAccessModes.split(','), (m) => oneOf('root-volume-access-modes', m || '""', ROOT_VOLUME_ACCESS_MODES)),
        undefined,
      )
    : undefined;
  const volumeMode = optionalOneOf(p, 'root-volume-volume-mode', f.rootVolumeVolumeMode, VOLUME_MODES);
  const cache = optionalOneOf(p, 'root-volume-cache-strategy', f.rootVolumeCacheStrategy, CACHE_STRATEGIES);
  const qos = optionalOneOf(p, 'qos-class', f.qosClass ?? NODEPOOL_DEFAULTS.qosClass, QOS_CLASSES);
  const multiqueue = optionalOneOf(p, 'network-multiqueue', f.networkMultiqueue ?? NODEPOOL_DEFAULTS.networkMultiqueue, MULTIQUEUE_SETTINGS);
  const networks = p.attempt(() => (f.additionalNetwork ?? []).map(additionalNetwork), []);
  const attachDefault = bool(p, 'attach-default-network', f.attachDefaultNetwork, NODEPOOL_DEFAULTS.attachDefaultNetwork);
  if (!attachDefault && !networks.length && !f.additionalNetwork?.length)
    p.add('--attach-default-network=false needs at least one --additional-network', 'a VM without the default pod network must get another one: --additional-network name:NS/NAD');
  const hostDevices = p.attempt(() => (f.hostDeviceName ?? []).map(hostDevice), []);
  const nodeSelector = p.take(keyValueMap('vm-node-selector', f.vmNodeSelector), undefined);
  return {
    rootVolume: {
      type: 'Persistent',
      persistent: { size: canonicalQuantity(`${size}Gi`)!, ...(storageClass ? { storageClass } : {}), ...(accessModes ? { accessModes } : {}), ...(volumeMode ? { volumeMode } : {}) },
      ...(cache ? { cacheStrategy: { type: cache } } : {}),
    },
    compute: { cores, memory, ...(qos === 'Guaranteed' ? { qosClass: qos } : {}) },
    ...(networks.length ? { additionalNetworks: networks } : {}),
    attachDefaultNetwork: attachDefault,
    // Upstream writes only Enable, so its Disable falls back to the API default (Enable): hcp-kv writes both.
    ...(multiqueue ? { networkInterfaceMultiqueue: multiqueue } : {}),
    ...(nodeSelector && Object.keys(nodeSelector).length ? { nodeSelector } : {}),
    ...(hostDevices.length ? { hostDevices } : {}),
  };
}

/** Validates the flags and builds the NodePool pieces, noting every problem (each naming its flag) in `p`. */
export function nodePoolPieces(p: Problems, f: NodePoolFlagValues): NodePoolPieces {
  const kubevirt = kubevirtPlatform(p, f);
  const upgradeType = optionalOneOf(p, 'node-upgrade-type', f.nodeUpgradeType, UPGRADE_TYPES) ?? 'Replace';
  const releaseImage = f.releaseImage || undefined;
  if (releaseImage && !IMAGE_REF.test(releaseImage)) p.add(`--release-image "${releaseImage}" is not an image reference`, 'e.g. quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64 or …@sha256:<digest>');
  return {
    platform: { type: 'KubeVirt', kubevirt },
    management: { autoRepair: bool(p, 'auto-repair', f.autoRepair, false), upgradeType },
    nodeDrainTimeout: p.take(goDurationText('node-drain-timeout', f.nodeDrainTimeout ?? '0s'), '0s'),
    nodeVolumeDetachTimeout: p.take(goDurationText('node-volume-detach-timeout', f.nodeVolumeDetachTimeout ?? '0s'), '0s'),
    ...(releaseImage ? { releaseImage } : {}),
  };
}

/** The same, throwing one usage error (exit 2) for every problem. */
export function parseNodePoolFlags(f: NodePoolFlagValues): NodePoolPieces {
  const p = new Problems();
  const pieces = nodePoolPieces(p, f);
  p.throwIfAny();
  return pieces;
}
