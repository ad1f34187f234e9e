// Bootstrap configuration: file < environment < flags, validated (zod, strict keys) before anything is sent.
import { z } from 'zod';
import { usageError } from '../errors.js';
import { loadYamlConfig, parseDuration } from './load.js';
import { parsePool } from './ip.js';

const channels = z.strictObject({
  localStorage: z.string().min(1).optional(),
  odf: z.string().min(1).optional(),
  cnv: z.string().min(1).optional(),
  metallb: z.string().min(1).optional(),
  mce: z.string().min(1).optional(),
});

export const bootstrapFileSchema = z.strictObject({
  storage: z.enum(['odf-local', 'existing']).optional(),
  storageClass: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a StorageClass name (lowercase DNS-1123)').optional(),
  metallb: z.strictObject({ addresses: z.array(z.string()).min(1), poolName: z.string().optional() }).optional(),
  channels: channels.optional(),
  timeout: z.string().optional(),
});
export type BootstrapFile = z.infer<typeof bootstrapFileSchema>;

export interface BootstrapOptions {
  storage: 'odf-local' | 'existing';
  storageClass: string;
  metallbAddresses: string[];
  poolName: string;
  channels: z.infer<typeof channels>;
  timeoutMs: number;
  /** --replace-metallb-addresses: replace the pool even if Services hold addresses the new one leaves out. */
  replaceMetallbAddresses?: boolean;
  /** The metallb step runs (not left out by --only/--skip): its new pool is checked in preflight. */
  metallbSelected?: boolean;
}

export interface BootstrapFlags {
  config?: string;
  metallbAddresses?: string;
  storageClass?: string;
  storage?: string;
  mceChannel?: string;
  timeout?: string;
}

const DEFAULT_CLASS = { 'odf-local': 'ocs-storagecluster-ceph-rbd' } as const;

export async function resolveBootstrapOptions(flags: BootstrapFlags, env: NodeJS.ProcessEnv = process.env): Promise<BootstrapOptions> {
  const file: BootstrapFile = flags.config ? await loadYamlConfig(flags.config, bootstrapFileSchema) : {};
  const split = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  const addresses = flags.metallbAddresses ? split(flags.metallbAddresses) : env.HCP_KV_METALLB_ADDRESSES ? split(env.HCP_KV_METALLB_ADDRESSES) : (file.metallb?.addresses ?? []);
  const storage = (flags.storage ?? env.HCP_KV_STORAGE ?? file.storage ?? 'odf-local') as string;
  if (storage !== 'odf-local' && storage !== 'existing') throw usageError(`--storage must be odf-local or existing, got "${storage}"`);
  const storageClass = flags.storageClass ?? env.HCP_KV_STORAGE_CLASS ?? file.storageClass ?? (storage === 'odf-local' ? DEFAULT_CLASS['odf-local'] : undefined);
  if (!storageClass) throw usageError('--storage existing needs --storage-class NAME (the class to make the default)', 'list the classes with `oc get sc`');
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(storageClass)) throw usageError(`--storage-class "${storageClass}" is not a valid StorageClass name`);
  if (!addresses.length) throw usageError('MetalLB needs addresses for the hosted clusters\' API load balancers', 'pass --metallb-addresses 192.168.10.100-192.168.10.150 (ranges or CIDRs, comma-separated), or metallb.addresses in --config');
  try {
    parsePool(addresses);
  } catch (e) {
    throw usageError(`invalid MetalLB address pool: ${(e as Error).message}`, 'use ranges like 192.168.10.100-192.168.10.150 or CIDRs like 192.168.10.96/28, without overlaps');
  }
  const timeout = flags.timeout ?? env.HCP_KV_TIMEOUT ?? file.timeout ?? '45m';
  return {
    storage,
    storageClass,
    metallbAddresses: addresses,
    poolName: file.metallb?.poolName ?? 'hcp-kv',
    channels: { ...file.channels, ...(flags.mceChannel ? { mce: flags.mceChannel } : {}) },
    timeoutMs: parseDuration(timeout),
  };
}
