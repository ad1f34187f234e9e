// Command-line input of backup create / backup schedule / restore → the Velero objects (pure; usage errors, exit 2,
// before anything is sent). Validation as upstream's: object names (ValidateBackupName: at most 63 characters,
// DNS-1123 subdomain), the schedule (schedule.go normalizeScheduleExpression and ValidateSchedulePace), the
// existing-resource policy (restore.go validateExistingResourcePolicy), openshift/hypershift cmd/oadp
// @3ee9615567acffaf3e3ee25c2ca2942d650565cf.
import { usageError } from '../errors.js';
import { backupObject, restoreObject, resourcePolicyConfigMap, scheduleObject, type PolicyConfigMap, type VeleroBackup, type VeleroRestore, type VeleroSchedule } from './objects.js';
import { generatedName, parseGoDuration, resourcePolicyName } from './names.js';
import { BACKUP_DEFAULTS, RESTORE_DEFAULTS, SCHEDULE_DEFAULTS } from './flags.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkObjectName(kind: string, name: string): string {
  if (name.length > 63) throw usageError(`${kind} name '${name}' is too long (${name.length} characters). Kubernetes resource names must be 63 characters or less`, 'use --name to specify a shorter custom name');
  if (!DNS1123_SUBDOMAIN.test(name))
    throw usageError(
      `${kind} name '${name}' is invalid: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      'use --name with e.g. kv-00-nightly',
    );
  return name;
}

export function parseTtl(v: string | undefined, fallback: string): number {
  const ms = parseGoDuration(v ?? fallback);
  if (ms === undefined || ms <= 0) throw usageError(`--ttl "${v}" is not a duration`, 'write a Go duration such as 2h, 24h, 168h (7 days) or 720h (30 days)');
  return ms;
}

const VERBS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
  yearly: '0 0 1 1 *',
  annually: '0 0 1 1 *',
  monthly: '0 0 1 * *',
  weekly: '0 0 * * 0',
  daily: '0 0 * * *',
  hourly: '0 * * * *',
  'daily-1am': '0 1 * * *',
  'daily-2am': '0 2 * * *',
  'daily-3am': '0 3 * * *',
  'daily-6am': '0 6 * * *',
  'daily-noon': '0 12 * * *',
  'weekly-sunday': '0 0 * * 0',
  'weekly-monday': '0 0 * * 1',
  'weekly-friday': '0 0 * * 5',
  'weekly-saturday': '0 0 * * 6',
};
const FIELDS: Array<[string, number, number]> = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day', 1, 31],
  ['month', 1, 12],
  ['weekday', 0, 6],
];

function checkPart(part: string, [name, min, max]: [string, number, number]): void {
  const num = (x: string) => {
    if (!/^\d+$/.test(x) || Number(x) < min || Number(x) > max) throw new Error(`${name} field '${part}' must be a number between ${min} and ${max}`);
    return Number(x);
  };
  const [base, step] = part.split('/');
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) throw new Error(`${name} field '${part}' step value must be positive`);
  if (base === '*') return;
  const range = base!.split('-');
  if (range.length > 2) throw new Error(`${name} field '${part}' has invalid range format`);
  if (range.length === 2 && num(range[0]!) > num(range[1]!)) throw new Error(`${name} field '${part}' range start cannot be greater than end`);
  if (range.length === 1) num(range[0]!);
}

/** normalizeScheduleExpression + ValidateSchedulePace: a verb or a 5-field cron expression. */
export function parseScheduleExpression(v: string | undefined): string {
  if (!v?.trim()) throw usageError('--schedule is required', "give a cron expression such as '0 2 * * *' or a verb: daily, weekly, @daily, daily-2am, weekly-friday");
  const cron = VERBS[v.trim().toLowerCase()] ?? v;
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw usageError(`invalid cron schedule '${cron}'. Must be in format 'minute hour day month weekday' (e.g., '0 2 * * *' for daily at 2 AM), or use common verbs like 'daily', 'weekly', '@daily', '@weekly'`);
  try {
    fields.forEach((f, i) => f.split(',').forEach((p) => checkPart(p, FIELDS[i]!)));
  } catch (e) {
    throw usageError(`invalid cron schedule '${cron}'. ${(e as Error).message}`);
  }
  return cron;
}

export interface BackupFlags {
  name?: string;
  oadpNamespace?: string;
  storageLocation?: string;
  ttl?: string;
  snapshotMoveData?: boolean;
  defaultVolumesToFsBackup?: boolean;
  includedResources?: string[];
  includeAdditionalNamespaces?: string[];
}

export interface Objects<T> {
  policy: PolicyConfigMap;
  object: T;
}

function common(cluster: string, namespace: string, f: BackupFlags, defaults: typeof BACKUP_DEFAULTS | typeof SCHEDULE_DEFAULTS, suffix: string) {
  const oadpNamespace = f.oadpNamespace ?? defaults['oadp-namespace'];
  const name = checkObjectName('backup', f.name ?? generatedName(cluster, namespace, suffix));
  return {
    hcName: cluster,
    hcNamespace: namespace,
    oadpNamespace,
    name,
    storageLocation: f.storageLocation ?? defaults['storage-location'],
    ttlMs: parseTtl(f.ttl, defaults.ttl),
    snapshotMoveData: f.snapshotMoveData ?? defaults['snapshot-move-data'],
    defaultVolumesToFsBackup: f.defaultVolumesToFsBackup ?? defaults['default-volumes-to-fs-backup'],
    includedResources: f.includedResources,
    additionalNamespaces: f.includeAdditionalNamespaces,
    resourcePolicy: resourcePolicyName(cluster, namespace),
  };
}

export function backupInput(cluster: string, namespace: string, f: BackupFlags, suffix: string): Objects<VeleroBackup> {
  const i = common(cluster, namespace, f, BACKUP_DEFAULTS, suffix);
  return { policy: resourcePolicyConfigMap(i.resourcePolicy, i.oadpNamespace), object: backupObject(i) };
}

export function scheduleInput(cluster: string, namespace: string, f: BackupFlags & { schedule?: string; paused?: boolean; useOwnerReferences?: boolean; skipImmediately?: boolean }, suffix: string): Objects<VeleroSchedule> {
  const i = common(cluster, namespace, f, SCHEDULE_DEFAULTS, suffix);
  const schedule = parseScheduleExpression(f.schedule);
  return {
    policy: resourcePolicyConfigMap(i.resourcePolicy, i.oadpNamespace),
    object: scheduleObject({ ...i, schedule, paused: Boolean(f.paused), useOwnerReferences: Boolean(f.useOwnerReferences), skipImmediately: Boolean(f.skipImmediately) }),
  };
}

export interface RestoreFlags {
  from?: string;
  fromSchedule?: string;
  name?: string;
  oadpNamespace?: string;
  existingResourcePolicy?: string;
  includeAdditionalNamespaces?: string[];
  restorePvs?: boolean;
  preserveNodePorts?: boolean;
}

export function restoreInput(cluster: string, namespace: string, f: RestoreFlags, suffix: string): VeleroRestore {
  if (Boolean(f.from) === Boolean(f.fromSchedule))
    throw usageError(f.from ? '--from and --from-schedule are mutually exclusive, specify only one' : 'either --from BACKUP or --from-schedule SCHEDULE must be specified', 'list the backups with `hcp-kv backup list`');
  const policy = f.existingResourcePolicy ?? RESTORE_DEFAULTS['existing-resource-policy'];
  if (policy !== 'none' && policy !== 'update') throw usageError(`invalid existing-resource-policy '${policy}'. Valid values are: none, update`);
  return restoreObject({
    hcName: cluster,
    hcNamespace: namespace,
    oadpNamespace: f.oadpNamespace ?? RESTORE_DEFAULTS['oadp-namespace'],
    name: checkObjectName('restore', f.name ?? generatedName(cluster, namespace, suffix)),
    from: f.from ? { backupName: f.from } : { scheduleName: f.fromSchedule! },
    existingResourcePolicy: policy,
    additionalNamespaces: f.includeAdditionalNamespaces,
    restorePVs: f.restorePvs ?? RESTORE_DEFAULTS['restore-pvs'],
    preserveNodePorts: f.preserveNodePorts ?? RESTORE_DEFAULTS['preserve-node-ports'],
  });
}
