// Bootstrap configuration: file < environment < flags, validated (zod, strict keys) before anything is sent.
import { z } from 'zod';
import { usageError } from '../errors.js';
import { loadYamlConfig, parseDuration } from './load.js';
import { parsePool } from './ip.js';
import { parseKeyValues } from './nodepool-flags.js';
import { STORAGE_CLASS_NAME } from './values/index.js';
import { io } from '../run/io.js';
import type { OadpOptions } from '../manifests/oadp.js';
import { oadpFileSchema, resolveOadp, type OadpFlags } from './oadp.js';

const channels = z.strictObject({
  localStorage: z.string().min(1).optional(),
  odf: z.string().min(1).optional(),
  lvms: z.string().min(1).optional(),
  cnv: z.string().min(1).optional(),
  metallb: z.string().min(1).optional(),
  mce: z.string().min(1).optional(),
  oadp: z.string().min(1).optional(),
});

export const bootstrapFileSchema = z.strictObject({
  storage: z.enum(['odf-local', 'existing', 'lvms']).optional(),
  etcdStorageClass: z.string().optional(),
  storageClass: z.string().regex(STORAGE_CLASS_NAME, 'must be a StorageClass name (lowercase DNS-1123)').optional(),
  metallb: z.strictObject({ addresses: z.array(z.string()).min(1), poolName: z.string().optional() }).optional(),
  channels: channels.optional(),
  timeout: z.string().optional(),
  /** Disconnected sites (issue 21): the CatalogSource every Subscription uses. */
  catalogSource: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a CatalogSource name (lowercase DNS-1123 label)')
    .optional(),
  ocMirrorResults: z.string().min(1).optional(),
  disableDefaultSources: z.boolean().optional(),
  /** bootstrap --with-oadp (issue 23): the backup storage location; its presence turns OADP on. */
  oadp: oadpFileSchema.optional(),
});
export type BootstrapFile = z.infer<typeof bootstrapFileSchema>;

export interface BootstrapOptions {
  storage: 'odf-local' | 'existing' | 'lvms';
  storageClass: string;
  metallbAddresses: string[];
  poolName: string;
  channels: z.infer<typeof channels>;
  timeoutMs: number;
  /** --replace-metallb-addresses: replace the pool even if Services hold addresses the new one leaves out. */
  replaceMetallbAddresses?: boolean;
  /** The metallb step runs (not left out by --only/--skip): its new pool is checked in preflight. */
  metallbSelected?: boolean;
  /** --infra-only: an infrastructure cluster for external infrastructure: storage, virtualization, MetalLB; no MCE. */
  infraOnly?: boolean;
  /** --control-plane-nodes: nodes to label and taint for hosted control planes only. */
  controlPlaneNodes?: Record<string, string>;
  /** --vm-nodes: where worker VMs go (create-cluster's default VM node selector). */
  vmNodes?: Record<string, string>;
  /** --etcd-storage-class: create-cluster's default etcd StorageClass. */
  etcdStorageClass?: string;
  /** --permitted-host-device: HyperConverged spec.permittedHostDevices.pciHostDevices. */
  permittedHostDevices?: PciHostDevice[];
  /** --catalog-source: the CatalogSource (openshift-marketplace) every Subscription uses; unset: redhat-operators, or the one CatalogSource of --oc-mirror-results. */
  catalogSource?: string;
  /** --oc-mirror-results: the folder oc-mirror wrote its cluster resources to (applied by the mirror-resources step). */
  ocMirrorResults?: string;
  /** --disable-default-sources: OperatorHub cluster spec.disableAllDefaultSources: true. */
  disableDefaultSources?: boolean;
  /** --with-oadp: install OADP and configure this backup storage location (DataProtectionApplication). */
  oadp?: OadpOptions;
}

export interface PciHostDevice {
  pciDeviceSelector: string;
  resourceName: string;
  externalResourceProvider?: boolean;
}

export interface BootstrapFlags extends OadpFlags {
  config?: string;
  metallbAddresses?: string;
  storageClass?: string;
  storage?: string;
  mceChannel?: string;
  timeout?: string;
  controlPlaneNodes?: string;
  vmNodes?: string;
  infraOnly?: boolean;
  etcdStorageClass?: string;
  permittedHostDevice?: string[];
  catalogSource?: string;
  ocMirrorResults?: string;
  disableDefaultSources?: boolean;
}

const DEFAULT_CLASS = { 'odf-local': 'ocs-storagecluster-ceph-rbd', lvms: 'lvms-vg1' } as const;

export async function resolveBootstrapOptions(flags: BootstrapFlags, env: NodeJS.ProcessEnv = io().env): Promise<BootstrapOptions> {
  const file: BootstrapFile = flags.config ? await loadYamlConfig(flags.config, bootstrapFileSchema) : {};
  const split = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const addresses = flags.metallbAddresses ? split(flags.metallbAddresses) : env.HCP_KV_METALLB_ADDRESSES ? split(env.HCP_KV_METALLB_ADDRESSES) : (file.metallb?.addresses ?? []);
  const storage = (flags.storage ?? env.HCP_KV_STORAGE ?? file.storage ?? 'odf-local') as string;
  if (storage !== 'odf-local' && storage !== 'existing' && storage !== 'lvms') throw usageError(`--storage must be odf-local, lvms or existing, got "${storage}"`);
  const storageClass = flags.storageClass ?? env.HCP_KV_STORAGE_CLASS ?? file.storageClass ?? (storage === 'existing' ? undefined : DEFAULT_CLASS[storage]);
  if (!storageClass) throw usageError('--storage existing needs --storage-class NAME (the class to make the default)', 'list the classes with `oc get sc`');
  if (!STORAGE_CLASS_NAME.test(storageClass)) throw usageError(`--storage-class "${storageClass}" is not a valid StorageClass name`);
  if (!addresses.length) throw usageError("MetalLB needs addresses for the hosted clusters' API load balancers", 'pass --metallb-addresses 192.168.10.100-192.168.10.150 (ranges or CIDRs, comma-separated), or metallb.addresses in --config');
  try {
    parsePool(addresses);
  } catch (e) {
    throw usageError(`invalid MetalLB address pool: ${(e as Error).message}`, 'use ranges like 192.168.10.100-192.168.10.150 or CIDRs like 192.168.10.96/28, without overlaps');
  }
  const controlPlaneNodes = selector('control-plane-nodes', flags.controlPlaneNodes);
  const vmNodes = selector('vm-nodes', flags.vmNodes);
  if (flags.infraOnly && controlPlaneNodes) throw usageError('--infra-only and --control-plane-nodes exclude each other', 'an infrastructure cluster runs VMs only; isolate control planes on the management cluster');
  if (vmNodes && !controlPlaneNodes) throw usageError('--vm-nodes needs --control-plane-nodes', 'isolate control planes with --control-plane-nodes SELECTOR; --vm-nodes then says where the worker VMs go');
  // LVMS is the low-latency class the docs prefer for etcd (configuring-storage.md): its default there.
  const etcdStorageClass = flags.etcdStorageClass ?? file.etcdStorageClass ?? (storage === 'lvms' ? DEFAULT_CLASS.lvms : undefined);
  if (etcdStorageClass !== undefined && !STORAGE_CLASS_NAME.test(etcdStorageClass)) throw usageError(`--etcd-storage-class "${etcdStorageClass}" is not a valid StorageClass name`, 'list the classes with `oc get sc`');
  const timeout = flags.timeout ?? env.HCP_KV_TIMEOUT ?? file.timeout ?? '45m';
  const catalogSource = flags.catalogSource ?? env.HCP_KV_CATALOG_SOURCE ?? file.catalogSource;
  if (catalogSource !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(catalogSource))
    throw usageError(`--catalog-source "${catalogSource}" is not a CatalogSource name`, 'list the catalogs with `oc get catalogsource -n openshift-marketplace`');
  const ocMirrorResults = flags.ocMirrorResults ?? env.HCP_KV_OC_MIRROR_RESULTS ?? file.ocMirrorResults;
  const oadp = resolveOadp(flags, file.oadp);
  const disableDefaultSources = flags.disableDefaultSources ?? (env.HCP_KV_DISABLE_DEFAULT_SOURCES ? env.HCP_KV_DISABLE_DEFAULT_SOURCES === 'true' : file.disableDefaultSources);
  return {
    storage,
    storageClass,
    metallbAddresses: addresses,
    poolName: file.metallb?.poolName ?? 'hcp-kv',
    channels: { ...file.channels, ...(flags.mceChannel ? { mce: flags.mceChannel } : {}), ...(flags.oadpChannel ? { oadp: flags.oadpChannel } : {}) },
    timeoutMs: parseDuration(timeout),
    ...(flags.infraOnly ? { infraOnly: true } : {}),
    ...(controlPlaneNodes ? { controlPlaneNodes } : {}),
    ...(vmNodes ? { vmNodes } : {}),
    ...(etcdStorageClass ? { etcdStorageClass } : {}),
    ...(flags.permittedHostDevice?.length ? { permittedHostDevices: flags.permittedHostDevice.map(pciHostDevice) } : {}),
    ...(catalogSource ? { catalogSource } : {}),
    ...(ocMirrorResults ? { ocMirrorResults } : {}),
    ...(disableDefaultSources ? { disableDefaultSources: true } : {}),
    ...(oadp ? { oadp } : {}),
  };
}

/** A node label selector in nodeSelector form (key=value, comma-separated); at least one pair. */
function selector(flag: string, text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const s = parseKeyValues(flag, text);
  if (!s || !Object.keys(s).length) throw usageError(`--${flag} needs a node selector`, `e.g. --${flag} node-role.kubernetes.io/infra=`);
  return s;
}

/** --permitted-host-device pciVendorSelector=VVVV:DDDD,resourceName=R[,external=true] (KubeVirt's pciHostDevices). */
export function pciHostDevice(text: string): PciHostDevice {
  const hint = 'e.g. --permitted-host-device pciVendorSelector=10DE:1EB8,resourceName=nvidia.com/TU104GL_Tesla_T4';
  const fields: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    if (at < 0 || !['pciVendorSelector', 'resourceName', 'external'].includes(key)) throw usageError(`--permitted-host-device "${text}": "${part}" is not pciVendorSelector=, resourceName= or external=`, hint);
    fields[key] = part.slice(at + 1).trim();
  }
  const selector = fields.pciVendorSelector ?? '';
  if (!/^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$/.test(selector)) throw usageError(`--permitted-host-device "${text}": pciVendorSelector must be VENDOR:DEVICE in hexadecimal (4 digits each), got "${selector}"`, hint);
  const resourceName = fields.resourceName ?? '';
  if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(resourceName))
    throw usageError(`--permitted-host-device "${text}": resourceName "${resourceName}" is not a resource name`, hint);
  if (fields.external !== undefined && !['true', 'false'].includes(fields.external)) throw usageError(`--permitted-host-device "${text}": external must be true or false`, hint);
  return { pciDeviceSelector: selector.toUpperCase(), resourceName, ...(fields.external === 'true' ? { externalResourceProvider: true } : {}) };
}
