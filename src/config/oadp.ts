// bootstrap --with-oadp: the backup storage location from flags (or the config file's `oadp:` section), checked in
// one place before anything is sent. Every problem is collected and reported together (one usage error, exit 2).
// The OADP operator's own checks are mirrored so that a DataProtectionApplication it would refuse is never written
// (openshift/oadp-operator internal/controller/bsl.go@b3e7f02d6fdc: a bucket per location; aws: a region when it
// cannot be discovered, as with path-style S3 URLs; azure: resourceGroup and storageAccount in config).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { OADP_PROVIDERS, type OadpOptions, type OadpProvider } from '../manifests/oadp.js';

export const oadpFileSchema = z.strictObject({
  provider: z.enum(['aws', 'gcp', 'azure']).optional(),
  bucket: z.string().optional(),
  prefix: z.string().optional(),
  region: z.string().optional(),
  s3Url: z.string().optional(),
  /** Path of the credentials file (its content becomes the Secret). */
  credentials: z.string().optional(),
  config: z.record(z.string(), z.string()).optional(),
});
export type OadpFile = z.infer<typeof oadpFileSchema>;

export interface OadpFlags {
  withOadp?: boolean;
  oadpProvider?: string;
  oadpBucket?: string;
  oadpPrefix?: string;
  oadpRegion?: string;
  oadpS3Url?: string;
  oadpCredentials?: string;
  oadpConfig?: string;
  oadpChannel?: string;
}

const FLAG_NAMES: Array<[keyof OadpFlags, string]> = [
  ['oadpProvider', '--oadp-provider'],
  ['oadpBucket', '--oadp-bucket'],
  ['oadpPrefix', '--oadp-prefix'],
  ['oadpRegion', '--oadp-region'],
  ['oadpS3Url', '--oadp-s3-url'],
  ['oadpCredentials', '--oadp-credentials'],
  ['oadpConfig', '--oadp-config'],
  ['oadpChannel', '--oadp-channel'],
];

// S3, GCS and Azure container names: 3-63 lowercase letters, digits, dots and hyphens, letter or digit at both ends.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const HINT = 'e.g. --with-oadp --oadp-bucket hcp-backups --oadp-s3-url https://s3.example.com --oadp-region us-east-1 --oadp-credentials credentials (an AWS shared credentials file); see `hcp-kv bootstrap --help`';

/** The OADP options (undefined without --with-oadp or an `oadp:` section); throws one usage error listing every problem. */
export function resolveOadp(flags: OadpFlags, file: OadpFile | undefined): OadpOptions | undefined {
  const enabled = Boolean(flags.withOadp) || file !== undefined;
  if (!enabled) {
    const stray = FLAG_NAMES.filter(([k]) => flags[k] !== undefined).map(([, n]) => n);
    if (stray.length) throw usageError(`${stray.join(', ')} ${stray.length > 1 ? 'need' : 'needs'} --with-oadp`, 'add --with-oadp to install OADP and configure the backup storage location');
    return undefined;
  }
  const problems: string[] = [];
  const provider = flags.oadpProvider ?? file?.provider ?? 'aws';
  const p: OadpProvider = OADP_PROVIDERS.find((x) => x === provider) ?? 'aws';
  if (p !== provider) problems.push(`--oadp-provider must be aws, gcp or azure, got "${provider}"`);
  const bucket = flags.oadpBucket ?? file?.bucket;
  if (!bucket) problems.push('--oadp-bucket is required: the bucket (or Azure container) backups are stored in');
  else if (!BUCKET.test(bucket)) problems.push(`--oadp-bucket "${bucket}" is not a bucket name (3-63 lowercase letters, digits, dots and hyphens)`);
  const prefix = flags.oadpPrefix ?? file?.prefix ?? 'hcp-kv';
  if (!prefix || prefix.startsWith('/') || prefix.endsWith('/')) problems.push(`--oadp-prefix "${prefix}" must be a path inside the bucket without leading or trailing "/"`);
  const region = flags.oadpRegion ?? file?.region;
  const s3Url = flags.oadpS3Url ?? file?.s3Url;
  if (p !== 'aws' && region !== undefined) problems.push(`--oadp-region is for --oadp-provider aws, not ${p}`);
  if (p !== 'aws' && s3Url !== undefined) problems.push(`--oadp-s3-url is for --oadp-provider aws (S3-compatible storage), not ${p}`);
  if (s3Url !== undefined && !isHttpUrl(s3Url)) problems.push(`--oadp-s3-url "${s3Url}" is not an http(s) URL`);
  if (p === 'aws' && s3Url !== undefined && !region) problems.push('--oadp-region is required with --oadp-s3-url: OADP cannot discover the region of path-style S3 storage');
  const config = { ...file?.config, ...keyValues(flags.oadpConfig, problems) };
  if (p === 'azure') for (const key of ['resourceGroup', 'storageAccount']) if (!config[key]) problems.push(`--oadp-provider azure needs ${key} in --oadp-config (e.g. --oadp-config resourceGroup=RG,storageAccount=ACCOUNT)`);
  const credentialsFile = flags.oadpCredentials ?? file?.credentials;
  const credentials = credentialsFile === undefined ? undefined : readCredentials(credentialsFile, p, problems);
  if (problems.length) throw usageError(`--with-oadp: ${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`, `nothing was changed; ${HINT}`);
  return { provider: p, bucket: bucket!, prefix, ...(region ? { region } : {}), ...(s3Url ? { s3Url } : {}), ...(Object.keys(config).length ? { config } : {}), ...(credentials !== undefined ? { credentials, credentialsFile } : {}) };
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function keyValues(text: string | undefined, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    if (at <= 0) problems.push(`--oadp-config entry "${entry}" is not key=value`);
    else out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

/** The file's content; its shape is checked per provider, and no part of it ever appears in a message. */
function readCredentials(file: string, provider: OadpProvider, problems: string[]): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push(`cannot read --oadp-credentials ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    return undefined;
  }
  if (!text.trim()) problems.push(`--oadp-credentials ${file} is empty`);
  else if (provider === 'aws' && !(/^\s*\[default\]\s*$/m.test(text) && /^\s*aws_access_key_id\s*=/m.test(text) && /^\s*aws_secret_access_key\s*=/m.test(text)))
    problems.push(`--oadp-credentials ${file} is not an AWS shared credentials file with a [default] profile (aws_access_key_id and aws_secret_access_key)`);
  else if (provider === 'gcp' && !isJsonObject(text)) problems.push(`--oadp-credentials ${file} is not a GCP service account key (JSON)`);
  else if (provider === 'azure' && !/^\s*AZURE_[A-Z_]+\s*=/m.test(text)) problems.push(`--oadp-credentials ${file} is not an Azure credentials file (AZURE_SUBSCRIPTION_ID=…, AZURE_CLIENT_ID=…)`);
  return text;
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}
