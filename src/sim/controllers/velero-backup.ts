// A simulated Velero backup (vmware-tanzu/velero pkg/controller/backup_controller.go@d30d389b56068eebd675d9953492183cb7b58a78):
// validation against the BackupStorageLocation (FailedValidation with Velero's messages), InProgress with
// startTimestamp and expiration (now + ttl), the selected items written to the location's object storage, the
// volumes of the selected PVCs uploaded (data mover) unless the resource policy skips them, then Completed, or
// PartiallyFailed when an item could not be read, with progress, errors and warnings. The Velero CRDs have no
// status subresource: status is written with the object, as Velero does.
import type { Snapshot } from '../apiserver/persist.js';
import type { Obj, SimClient } from './client.js';
import { discoverResources, matchesSelector, selectedResources, skippedPvcLabels } from './velero-select.js';
import { etcdVolumes } from './volumes.js';

export const VELERO = 'velero.io/v1';

export interface StoredBackup {
  /** The backed-up objects as the API server returned them. */
  items: Obj[];
  /** Uploaded volume data by `namespace/claim` (null: the claim's volume was empty). */
  volumes: Record<string, Snapshot | null>;
}

export interface VeleroDeps {
  c: SimClient;
  now(): Date;
  log(msg: string): void;
  /** A BackupStorageLocation's object storage: backups by name. */
  bucket(namespace: string, location: string): Map<string, StoredBackup>;
}

export const iso = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

export async function setVeleroStatus(d: VeleroDeps, obj: Obj, status: Obj): Promise<void> {
  await d.c.patch(VELERO, obj.kind, obj.metadata.name, obj.metadata.namespace, { status }).catch(() => undefined);
}

/** A Go duration (metav1.Duration) in ms; Velero's default TTL is 720h. */
function ttlMs(ttl: string | undefined): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let ms = 0;
  for (const m of (ttl || '720h').matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(m[1]) * units[m[2]!]!;
  return ms;
}

async function validate(d: VeleroDeps, b: Obj): Promise<string[]> {
  const name = b.spec?.storageLocation || 'default';
  const bsl = await d.c.get(VELERO, 'BackupStorageLocation', name, b.metadata.namespace);
  if (!bsl)
    return [
      `an existing backup storage location was not specified at backup creation time and the default ${name} was not found. Please address this issue (see \`velero backup-location -h\` for options) and create a new backup. Error: backupstoragelocations.velero.io "${name}" not found`,
    ];
  if (bsl.status?.phase !== 'Available') return [`backup can't be created because BackupStorageLocation ${name} is in Unavailable status.`];
  return [];
}

async function collect(d: VeleroDeps, spec: Obj): Promise<{ items: Obj[]; errors: string[] }> {
  const resources = selectedResources(await discoverResources(d.c), spec);
  const items: Obj[] = [];
  const errors: string[] = [];
  for (const ns of spec.includedNamespaces ?? []) {
    for (const r of resources) {
      try {
        const list = await d.c.call('GET', `${r.apiVersion.includes('/') ? '/apis' : '/api'}/${r.apiVersion}/namespaces/${ns}/${r.plural}`);
        for (const o of list.items ?? []) if (matchesSelector(o.metadata?.labels, spec.labelSelector)) items.push({ apiVersion: r.apiVersion, kind: r.kind, ...o });
      } catch (e) {
        errors.push(`error listing ${r.name} in namespace ${ns}: ${(e as Error).message}`);
      }
    }
  }
  return { items, errors };
}

/** The volumes of the selected claims, but those the resource policy skips. */
async function uploadVolumes(d: VeleroDeps, b: Obj, items: Obj[]): Promise<{ volumes: Record<string, Snapshot | null>; skipped: number }> {
  const policyName = b.spec?.resourcePolicy?.kind === 'configmap' ? b.spec.resourcePolicy.name : undefined;
  const policy = policyName ? await d.c.get('v1', 'ConfigMap', policyName, b.metadata.namespace) : undefined;
  const skips = skippedPvcLabels(policy?.data?.['policies.yaml']);
  const volumes: Record<string, Snapshot | null> = {};
  let skipped = 0;
  for (const pvc of items.filter((o) => o.kind === 'PersistentVolumeClaim')) {
    if (skips.some((l) => Object.entries(l).every(([k, v]) => pvc.metadata.labels?.[k] === v))) {
      skipped++;
      continue;
    }
    volumes[`${pvc.metadata.namespace}/${pvc.metadata.name}`] = etcdVolumes.read(pvc.metadata.uid) ?? null;
  }
  return { volumes, skipped };
}

export async function runBackup(d: VeleroDeps, b: Obj): Promise<void> {
  if (b.status?.phase && b.status.phase !== 'New') return;
  const base = { version: 1, formatVersion: '1.1.0' };
  const validationErrors = await validate(d, b);
  if (b.spec?.resourcePolicy && b.spec.resourcePolicy.kind === 'configmap' && !(await d.c.get('v1', 'ConfigMap', b.spec.resourcePolicy.name, b.metadata.namespace)))
    validationErrors.push(`failed to get resource policies ${b.metadata.namespace}/${b.spec.resourcePolicy.name}: configmaps "${b.spec.resourcePolicy.name}" not found`);
  if (validationErrors.length) return setVeleroStatus(d, b, { ...base, phase: 'FailedValidation', validationErrors });
  const start = d.now();
  await setVeleroStatus(d, b, { ...base, phase: 'InProgress', startTimestamp: iso(start), expiration: iso(new Date(start.getTime() + ttlMs(b.spec?.ttl))) });
  const { items, errors } = await collect(d, b.spec ?? {});
  const { volumes, skipped } = await uploadVolumes(d, b, items);
  d.bucket(b.metadata.namespace, b.spec?.storageLocation || 'default').set(b.metadata.name, { items, volumes });
  const n = Object.keys(volumes).length;
  const operations = b.spec?.snapshotMoveData ? { backupItemOperationsAttempted: n, backupItemOperationsCompleted: n } : { csiVolumeSnapshotsAttempted: n, csiVolumeSnapshotsCompleted: n };
  d.log(`backup ${b.metadata.name}: ${items.length} items, ${n} volumes (${skipped} skipped by the resource policy), ${errors.length} errors`);
  await setVeleroStatus(d, b, {
    ...base,
    phase: errors.length ? 'PartiallyFailed' : 'Completed',
    startTimestamp: iso(start),
    completionTimestamp: iso(d.now()),
    progress: { totalItems: items.length, itemsBackedUp: items.length },
    ...(n ? operations : {}),
    ...(errors.length ? { errors: errors.length } : {}),
  });
}
