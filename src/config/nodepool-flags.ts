// The KubeVirt NodePool flags of upstream `hcp create cluster kubevirt` / `hcp create nodepool kubevirt`
// (openshift/hypershift cmd/nodepool/kubevirt/create.go and the NodePool part of cmd/cluster/core/create.go,
// @3ee9615567): the same names and value grammar, parsed into the NodePool spec pieces upstream renders.
// Shared by create-cluster, render cluster and nodepool create. Errors are usage errors naming the flag.
import type { Command } from 'commander';
import { enumOption } from '../commands/common.js';
import { usageError } from '../errors.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, IMAGE_REF, QUALIFIED_NAME, canonicalQuantity, formatGoDuration, parseGoBool, parseGoDuration, parseQuantity } from './kube-values.js';

/** Where hcp-kv deliberately differs from upstream's defaults (shown in --help and the README). */
const MIN_MEMORY_NANOS = 2n ** 30n * 1_000_000_000n;

export const NODEPOOL_DEFAULTS = { memory: '8Gi', cores: 2, rootVolumeSize: 32, qosClass: 'Burstable', networkMultiqueue: 'Enable', attachDefaultNetwork: true } as const;
export const NODEPOOL_DELIBERATE_DIFFERENCES = [
  '--memory defaults to 8Gi (upstream 4Gi)',
  '--network-multiqueue=Disable is written to the NodePool (upstream omits it, so the API default Enable wins)',
  '--host-device-name NAME without count adds the device with count 1 (upstream silently drops it)',
];

/** The raw commander values (strings, repeatable flags as arrays). */
export interface NodePoolFlagValues {
  memory?: string;
  cores?: string;
  rootVolumeSize?: string;
  rootVolumeStorageClass?: string;
  rootVolumeAccessModes?: string;
  rootVolumeVolumeMode?: string;
  rootVolumeCacheStrategy?: string;
  qosClass?: string;
  additionalNetwork?: string[];
  attachDefaultNetwork?: string | boolean;
  hostDeviceName?: string[];
  vmNodeSelector?: string[];
  networkMultiqueue?: string;
  nodeUpgradeType?: string;
  autoRepair?: string | boolean;
  nodeDrainTimeout?: string;
  nodeVolumeDetachTimeout?: string;
  releaseImage?: string;
}

export type RootVolumeAccessMode = 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnly' | 'ReadWriteOncePod';
export const ROOT_VOLUME_ACCESS_MODES: readonly RootVolumeAccessMode[] = ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnly', 'ReadWriteOncePod'];

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

/** The NodePool spec pieces the flags decide. */
export interface NodePoolPieces {
  platform: { type: 'KubeVirt'; kubevirt: KubevirtNodePoolPlatform };
  management: { autoRepair: boolean; upgradeType: 'Replace' | 'InPlace' };
  /** Go duration strings as metav1.Duration renders them (0s, 5m0s). */
  nodeDrainTimeout: string;
  nodeVolumeDetachTimeout: string;
  releaseImage?: string;
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** Declares the flags on a command. `releaseImage: false` leaves --release-image to the caller. */
export function addNodePoolFlags(cmd: Command, o: { releaseImage?: boolean } = {}): Command {
  cmd
    .option('--memory <quantity>', `memory visible inside each VM, a BinarySI quantity such as 8Gi (default ${NODEPOOL_DEFAULTS.memory}; upstream 4Gi)`)
    .option('--cores <n>', `cores per VM, at least 1 (default ${NODEPOOL_DEFAULTS.cores})`)
    .option('--root-volume-size <Gi>', `root volume size in Gi, at least 16 (default ${NODEPOOL_DEFAULTS.rootVolumeSize})`)
    .option('--root-volume-storage-class <sc>', 'StorageClass of the VM root volumes')
    .option('--root-volume-access-modes <modes>', `comma-separated: ${ROOT_VOLUME_ACCESS_MODES.join(', ')}`)
    .addOption(enumOption('--root-volume-volume-mode <mode>', 'Block or Filesystem', ['Block', 'Filesystem']))
    .addOption(enumOption('--root-volume-cache-strategy <type>', 'boot image caching: None or PVC', ['None', 'PVC']))
    .addOption(enumOption('--qos-class <class>', `Burstable or Guaranteed (limits = requests) (default ${NODEPOOL_DEFAULTS.qosClass})`, ['Burstable', 'Guaranteed']))
    .option('--additional-network <name:NS/NAD>', 'attach a NetworkAttachmentDefinition, e.g. name:ns1/nad-foo (repeatable)', collect)
    .option('--attach-default-network [bool]', 'attach the default pod network; =false needs --additional-network (default true)')
    .option('--host-device-name <NAME[,count:N]>', 'expose an infra PCI device to the VMs, count defaults to 1 (repeatable)', collect)
    .option('--vm-node-selector <k=v,...>', 'node selector for the VMs on the infra cluster (repeatable)', collect)
    .addOption(enumOption('--network-multiqueue <setting>', `Enable or Disable vhost multiqueue (default ${NODEPOOL_DEFAULTS.networkMultiqueue})`, ['Enable', 'Disable']))
    .addOption(enumOption('--node-upgrade-type <type>', 'Replace or InPlace (default Replace)', ['Replace', 'InPlace']))
    .option('--auto-repair [bool]', 'machine health checks repair nodes (default false)')
    .option('--node-drain-timeout <duration>', 'NodeDrainTimeout, a Go duration such as 10m (default 0s)')
    .option('--node-volume-detach-timeout <duration>', 'NodeVolumeDetachTimeout, a Go duration (default 0s)');
  if (o.releaseImage !== false) cmd.option('--release-image <image>', 'OpenShift release image of the nodes');
  return cmd;
}

function bool(flag: string, v: string | boolean | undefined, def: boolean): boolean {
  if (v === undefined) return def;
  const b = parseGoBool(v);
  if (b === undefined) throw usageError(`--${flag} takes true or false, got "${String(v)}"`, `write --${flag}=false (with "=")`);
  return b;
}

function uint(flag: string, v: string | undefined, def: number, min: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < min || n > 4294967295) throw usageError(`--${flag} must be a whole number of at least ${min}, got "${v}"`);
  return n;
}

function oneOf<T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined || v === '') return undefined;
  if (!allowed.includes(v as T)) throw usageError(`--${flag} must be one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

/** The NodePool CRD's spec.arch enum (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
 * api/hypershift/v1beta1/nodepool_types.go; crds/nodepools.hypershift.openshift.io.yaml). */
export const NODEPOOL_ARCHES = ['amd64', 'arm64', 'ppc64le', 's390x'] as const;
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

function duration(flag: string, v: string | undefined): string {
  if (v === undefined) return '0s';
  const ns = parseGoDuration(v);
  if (ns === undefined || ns < 0n) throw usageError(`--${flag} "${v}" is not a duration`, 'write it like 30s, 10m or 1h30m');
  return formatGoDuration(ns);
}

/** pflag StringToString: comma-separated key=value, repeatable, the value keeps any further "=". */
export function parseKeyValues(flag: string, values: string[] | string | undefined): Record<string, string> | undefined {
  const list = typeof values === 'string' ? [values] : values;
  if (!list?.length) return undefined;
  const out: Record<string, string> = {};
  for (const entry of list.flatMap((v) => v.split(','))) {
    if (!entry) continue;
    const at = entry.indexOf('=');
    const key = at < 0 ? entry : entry.slice(0, at);
    if (at < 0 || !QUALIFIED_NAME.test(key)) throw usageError(`--${flag} entry "${entry}" is not key=value`, `e.g. --${flag} role=kubevirt,size=large`);
    out[key] = entry.slice(at + 1);
  }
  return out;
}

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

/** Validates the flags and builds the NodePool pieces. Throws usage errors (exit 2) naming the flag. */
export function parseNodePoolFlags(f: NodePoolFlagValues): NodePoolPieces {
  const memoryText = f.memory ?? NODEPOOL_DEFAULTS.memory;
  const memory = canonicalQuantity(memoryText);
  if (!memory) throw usageError(`--memory "${memoryText}" is not a Kubernetes quantity`, 'write it like 8Gi or 16384Mi');
  // 0 is a quantity, just far too small: say so, with the minimum a worker VM boots with.
  if ((parseQuantity(memoryText)?.nanos ?? 0n) < MIN_MEMORY_NANOS) throw usageError(`--memory "${memoryText}" is too small: a worker VM needs at least 1Gi`, 'write it like 8Gi or 16384Mi');
  const cores = uint('cores', f.cores, NODEPOOL_DEFAULTS.cores, 1);
  const size = uint('root-volume-size', f.rootVolumeSize, NODEPOOL_DEFAULTS.rootVolumeSize, 16);
  const storageClass = f.rootVolumeStorageClass || undefined;
  if (storageClass && !DNS1123_SUBDOMAIN.test(storageClass)) throw usageError(`--root-volume-storage-class "${storageClass}" is not a StorageClass name`);
  const accessModes = f.rootVolumeAccessModes ? f.rootVolumeAccessModes.split(',').map((m) => oneOf('root-volume-access-modes', m || '""', ROOT_VOLUME_ACCESS_MODES)!) : undefined;
  const volumeMode = oneOf('root-volume-volume-mode', f.rootVolumeVolumeMode, ['Block', 'Filesystem'] as const);
  const cache = oneOf('root-volume-cache-strategy', f.rootVolumeCacheStrategy, ['None', 'PVC'] as const);
  const qos = oneOf('qos-class', f.qosClass ?? NODEPOOL_DEFAULTS.qosClass, ['Burstable', 'Guaranteed'] as const);
  const multiqueue = oneOf('network-multiqueue', f.networkMultiqueue ?? NODEPOOL_DEFAULTS.networkMultiqueue, ['Enable', 'Disable'] as const);
  const networks = (f.additionalNetwork ?? []).map(additionalNetwork);
  const attachDefault = bool('attach-default-network', f.attachDefaultNetwork, NODEPOOL_DEFAULTS.attachDefaultNetwork);
  if (!attachDefault && !networks.length) throw usageError('--attach-default-network=false needs at least one --additional-network', 'a VM without the default pod network must get another one: --additional-network name:NS/NAD');
  const hostDevices = (f.hostDeviceName ?? []).map(hostDevice);
  const nodeSelector = parseKeyValues('vm-node-selector', f.vmNodeSelector);
  const upgradeType = oneOf('node-upgrade-type', f.nodeUpgradeType, ['Replace', 'InPlace'] as const) ?? 'Replace';
  const releaseImage = f.releaseImage || undefined;
  if (releaseImage && !IMAGE_REF.test(releaseImage)) throw usageError(`--release-image "${releaseImage}" is not an image reference`, 'e.g. quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64 or …@sha256:<digest>');
  const kubevirt: KubevirtNodePoolPlatform = {
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
  return {
    platform: { type: 'KubeVirt', kubevirt },
    management: { autoRepair: bool('auto-repair', f.autoRepair, false), upgradeType },
    nodeDrainTimeout: duration('node-drain-timeout', f.nodeDrainTimeout),
    nodeVolumeDetachTimeout: duration('node-volume-detach-timeout', f.nodeVolumeDetachTimeout),
    ...(releaseImage ? { releaseImage } : {}),
  };
}
