// A simulated Velero restore (vmware-tanzu/velero pkg/controller/restore_controller.go and pkg/restore/restore.go
// @d30d389b56068eebd675d9953492183cb7b58a78): the backup (or a schedule's latest Completed one) and its location
// validated (FailedValidation), InProgress, then the stored items in Velero's restore priority order
// (pkg/cmd/server/config/config.go defaultRestorePriorities), each with its metadata reset (uid, resourceVersion,
// timestamps, managedFields, status dropped; velero.io/backup-name and velero.io/restore-name labels added),
// missing namespaces created, what already exists left alone with a warning, PVC volumes filled from the data
// upload (restorePVs), then Completed, or PartiallyFailed with errors. The hypershift-oadp-plugin's restore
// actions (openshift/hypershift-oadp-plugin pkg/core/restore.go@f8c5bfb087781a8acf899abf737360ef221ba8fa): Pods are
// not restored, a HostedCluster gets the hypershift.openshift.io/restored-from-backup annotation.
import { SimApiError, type Obj } from './client.js';
import { discoverResources, type ApiResource } from './velero-select.js';
import { etcdVolumes } from './volumes.js';
import { iso, setVeleroStatus, VELERO, type StoredBackup, type VeleroDeps } from './velero-backup.js';

const PRIORITIES = [
  'namespaces',
  'storageclasses',
  'persistentvolumes',
  'persistentvolumeclaims',
  'clusterroles',
  'roles',
  'serviceaccounts',
  'clusterrolebindings',
  'rolebindings',
  'secrets',
  'configmaps',
  'limitranges',
  'priorityclasses',
  'pods',
  'replicasets.apps',
  'endpoints',
  'services',
];
const RESET = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'generateName'];

function resourceName(all: Map<string, ApiResource>, o: Obj): string {
  for (const r of all.values()) if (r.apiVersion === o.apiVersion && r.kind === o.kind) return r.name;
  return o.kind.toLowerCase();
}

/** resetMetadataAndStatus, the service and PVC restore item actions, and the hypershift plugin's annotation. */
function prepare(o: Obj, r: Obj, backupName: string): Obj {
  const metadata: Obj = { ...o.metadata };
  for (const k of RESET) delete metadata[k];
  metadata.labels = { ...metadata.labels, 'velero.io/backup-name': backupName, 'velero.io/restore-name': r.metadata.name };
  const out: Obj = { ...o, metadata, spec: o.spec === undefined ? undefined : structuredClone(o.spec) };
  delete out.status;
  if (out.spec === undefined) delete out.spec;
  if (o.kind === 'Service' && out.spec) {
    delete out.spec.clusterIP;
    delete out.spec.clusterIPs;
    if (r.spec?.preserveNodePorts === false) for (const p of out.spec.ports ?? []) delete p.nodePort;
  }
  if (o.kind === 'PersistentVolumeClaim' && out.spec) {
    delete out.spec.volumeName;
    for (const a of ['pv.kubernetes.io/bind-completed', 'pv.kubernetes.io/bound-by-controller']) delete metadata.annotations?.[a];
  }
  if (o.kind === 'HostedCluster') metadata.annotations = { ...metadata.annotations, 'hypershift.openshift.io/restored-from-backup': '' };
  return out;
}

async function sourceBackup(d: VeleroDeps, r: Obj): Promise<{ backup?: Obj; errors: string[] }> {
  const ns = r.metadata.namespace;
  if (Boolean(r.spec?.backupName) === Boolean(r.spec?.scheduleName)) return { errors: ['Either a backup or schedule must be specified as a source for the restore, but not both'] };
  if (r.spec.scheduleName) {
    const backups = (await d.c.list(VELERO, 'Backup', { namespace: ns, labelSelector: `velero.io/schedule-name=${r.spec.scheduleName}` })).items;
    if (!backups.length) return { errors: ['No backups found for schedule'] };
    const done = backups.filter((b) => b.status?.phase === 'Completed').sort((a, b) => String(b.status?.startTimestamp).localeCompare(String(a.status?.startTimestamp)));
    return done[0] ? { backup: done[0], errors: [] } : { errors: ['No completed backups found for schedule'] };
  }
  const backup = await d.c.get(VELERO, 'Backup', r.spec.backupName, ns);
  return backup ? { backup, errors: [] } : { errors: [`Error retrieving backup: backups.velero.io "${r.spec.backupName}" not found`] };
}

async function restoreItem(d: VeleroDeps, o: Obj, r: Obj, stored: StoredBackup, backupName: string, res: { restored: number; warnings: string[]; errors: string[] }): Promise<void> {
  const ns = o.metadata.namespace;
  if (ns && !(await d.c.get('v1', 'Namespace', ns))) await d.c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  try {
    const created = await d.c.create<Obj>(prepare(o, r, backupName));
    res.restored++;
    const data = stored.volumes[`${ns}/${o.metadata.name}`];
    if (o.kind === 'PersistentVolumeClaim' && data && r.spec?.restorePVs !== false) etcdVolumes.write(created.metadata.uid, data);
  } catch (e) {
    if (e instanceof SimApiError && e.code === 409) res.warnings.push(`could not restore, ${o.kind} "${o.metadata.name}" already exists. Warning: the in-cluster version is different than the backed-up version`);
    else res.errors.push(`error restoring ${o.kind} ${ns ?? ''}/${o.metadata.name}: ${(e as Error).message}`);
  }
}

export async function runRestore(d: VeleroDeps, r: Obj): Promise<void> {
  if (r.status?.phase && r.status.phase !== 'New') return;
  const { backup, errors: validationErrors } = await sourceBackup(d, r);
  const location = backup?.spec?.storageLocation || 'default';
  if (backup) {
    const bsl = await d.c.get(VELERO, 'BackupStorageLocation', location, r.metadata.namespace);
    if (bsl?.status?.phase !== 'Available') validationErrors.push(`The BSL ${location} is unavailable, cannot retrieve the backup`);
  }
  if (validationErrors.length || !backup) return setVeleroStatus(d, r, { phase: 'FailedValidation', validationErrors });
  const start = d.now();
  await setVeleroStatus(d, r, { phase: 'InProgress', startTimestamp: iso(start) });
  const stored = d.bucket(r.metadata.namespace, location).get(backup.metadata.name);
  if (!stored)
    return setVeleroStatus(d, r, {
      phase: 'Failed',
      failureReason: `error downloading backup: backup ${backup.metadata.name} not found in backup storage location ${location}`,
      startTimestamp: iso(start),
      completionTimestamp: iso(d.now()),
    });
  const all = await discoverResources(d.c);
  const included: string[] = r.spec?.includedNamespaces ?? [];
  const excluded = new Set<string>(r.spec?.excludedResources ?? []);
  const rank = (o: Obj) => {
    const i = PRIORITIES.indexOf(resourceName(all, o));
    return i < 0 ? PRIORITIES.length : i;
  };
  const items = stored.items.filter((o) => (!included.length || included.includes('*') || included.includes(o.metadata.namespace)) && !excluded.has(resourceName(all, o)) && o.kind !== 'Pod').sort((a, b) => rank(a) - rank(b));
  const res = { restored: 0, warnings: [] as string[], errors: [] as string[] };
  for (const o of items) await restoreItem(d, o, r, stored, backup.metadata.name, res);
  for (const w of [...res.warnings, ...res.errors]) d.log(`restore ${r.metadata.name}: ${w}`);
  await setVeleroStatus(d, r, {
    phase: res.errors.length ? 'PartiallyFailed' : 'Completed',
    startTimestamp: iso(start),
    completionTimestamp: iso(d.now()),
    progress: { totalItems: items.length, itemsRestored: res.restored },
    ...(res.warnings.length ? { warnings: res.warnings.length } : {}),
    ...(res.errors.length ? { errors: res.errors.length } : {}),
  });
}
