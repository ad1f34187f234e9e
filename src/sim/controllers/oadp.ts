// OADP, once OLM has installed its CSV (catalog.ts: redhat-oadp-operator; OLM registers its five CRDs): the
// operator reconciles each DataProtectionApplication into one velero.io BackupStorageLocation per
// spec.backupLocations entry and sets the condition Reconciled; Velero's BSL controller then validates each
// location and sets status.phase. Only ordinary API calls, so it runs against a real API server too.
// Upstream, openshift/oadp-operator @b3e7f02d6fdc:
// - internal/controller/dataprotectionapplication_controller.go: Reconciled True (Complete, "Reconcile complete")
//   or False (Error, the first error's text);
// - internal/controller/validator.go and bsl.go: the checks below, in that order, with their messages; a missing
//   credentials Secret fails with the API's NotFound text; the BSL is named backupLocations[i].name, else
//   `<dpa>-<i+1>`, labelled and owned by the DPA; BSLs the spec no longer names are deleted; the Secret is labelled
//   so that its changes reconcile the DPA again.
// Velero (vmware-tanzu/velero pkg/controller/backup_storage_location_controller.go, pkg/persistence/object_store.go,
// internal/credentials/file_store.go): Available, or Unavailable with `BackupStorageLocation "<name>" is
// unavailable: <error>`, and lastValidationTime. The simulated store is reachable when the credentials Secret holds
// the key and a bucket is set. The BSL CRD has no status subresource: status is written with the object.
import type { Obj } from './client.js';
import { condition, mergeConditions, now, type Controller, type SimContext } from './runtime.js';

const OADP = 'oadp.openshift.io/v1alpha1';
const VELERO = 'velero.io/v1';
const MANAGER = 'oadp-operator';
const DEFAULT_SECRET: Record<string, string> = { aws: 'cloud-credentials', 'legacy-aws': 'cloud-credentials', gcp: 'cloud-credentials-gcp', azure: 'cloud-credentials-azure' };
const BSL_LABELS = { 'app.kubernetes.io/name': 'oadp-operator-velero', 'app.kubernetes.io/managed-by': 'oadp-operator', 'app.kubernetes.io/component': 'bsl' };

const providerOf = (p: string | undefined) => (p ?? '').replace(/^velero\.io\//, '');
const secretRef = (loc: Obj) => ({ name: (loc.credential?.name as string | undefined) ?? DEFAULT_SECRET[providerOf(loc.provider)] ?? 'cloud-credentials', key: (loc.credential?.key as string | undefined) ?? 'cloud' });

function validateLocation(loc: Obj, backupImages: boolean): string | undefined {
  const provider = providerOf(loc.provider);
  if (!provider) return 'no provider specified for one of the backupstoragelocations configured';
  const label = provider === 'aws' ? 'AWS' : provider === 'azure' ? 'Azure' : provider === 'gcp' ? 'GCP' : undefined;
  if (!label) return 'invalid provider';
  if (!loc.objectStorage) return `object storage configuration for ${label} backupstoragelocation cannot be nil`;
  if (!loc.objectStorage.bucket) return `bucket name for ${label} backupstoragelocation cannot be empty`;
  if (backupImages && !loc.objectStorage.prefix) return `prefix for ${label} backupstoragelocation object storage cannot be empty. It is required for backing up images`;
  const config: Record<string, string> = loc.config ?? {};
  // Path-style addressing hides the region (bsl.go); a virtual-hosted bucket's region counts as discoverable here.
  if (provider === 'aws' && !config.region && config.s3ForcePathStyle === 'true') return 'region for AWS backupstoragelocation not automatically discoverable. Please set the region in the backupstoragelocation config';
  if (provider === 'azure' && !config.resourceGroup) return 'resourceGroup for Azure backupstoragelocation config cannot be empty';
  if (provider === 'azure' && !config.storageAccount) return 'storageAccount for Azure backupstoragelocation config cannot be empty';
  return undefined;
}

/** The first error the operator would report for this DPA, or undefined. */
async function validateDpa(ctx: SimContext, dpa: Obj): Promise<string | undefined> {
  const ns = dpa.metadata.namespace as string;
  if ((await ctx.client.list(OADP, 'DataProtectionApplication', { namespace: ns })).items.length > 1) return 'only one DPA CR can exist per OADP installation namespace';
  const velero = dpa.spec?.configuration?.velero;
  if (!velero) return 'DPA CR Velero configuration cannot be nil';
  const locations: Obj[] = dpa.spec?.backupLocations ?? [];
  if (!locations.length && !velero.noDefaultBackupLocation) return 'no backupstoragelocations configured, ensure a backupstoragelocation has been configured or use the noDefaultBackupLocation flag';
  const backupImages = dpa.spec?.backupImages !== false;
  let defaults = 0;
  for (const l of locations) {
    if (!l.velero) return 'BackupLocation must have velero or bucket configuration';
    if (backupImages && l.velero.objectStorage && !l.velero.objectStorage.prefix) return 'BackupLocation must have velero prefix when backupImages is not set to false';
    const ref = secretRef(l.velero);
    const secret = await ctx.client.get('v1', 'Secret', ref.name, ns);
    if (!secret) return `secrets "${ref.name}" not found`;
    if (!secret.data?.[ref.key]) return `secret name ${ref.name} is missing data for key ${ref.key}`;
    if (l.velero.default) defaults++;
    else if (l.name === 'default') return "Storage location named 'default' must be set as default";
    const invalid = validateLocation(l.velero, backupImages);
    if (invalid) return invalid;
  }
  if (defaults > 1) return 'Only one Storage Location be set as default';
  if (!defaults && !velero.noDefaultBackupLocation) return 'no default backupstoragelocations configured, ensure that one backupstoragelocation has been configured as the default location';
  return undefined;
}

async function writeLocations(ctx: SimContext, dpa: Obj): Promise<void> {
  const c = ctx.client;
  const ns = dpa.metadata.namespace as string;
  const owner = { apiVersion: OADP, kind: 'DataProtectionApplication', name: dpa.metadata.name, uid: dpa.metadata.uid, controller: true, blockOwnerDeletion: true };
  const names: string[] = [];
  for (const [i, l] of (dpa.spec?.backupLocations ?? []).entries()) {
    const name = (l.name as string | undefined) || `${dpa.metadata.name}-${i + 1}`;
    names.push(name);
    const ref = secretRef(l.velero);
    // Labelled only when it is not yet (bsl.go UpdateCredentialsSecretLabels): every write is a Secret event.
    const labels = (await c.get('v1', 'Secret', ref.name, ns))?.metadata?.labels ?? {};
    if (labels['openshift.io/oadp'] !== 'True' || labels['dataprotectionapplication.name'] !== dpa.metadata.name)
      await c.patch('v1', 'Secret', ref.name, ns, { metadata: { labels: { 'openshift.io/oadp': 'True', 'dataprotectionapplication.name': dpa.metadata.name } } });
    const v = l.velero;
    await c.apply(
      {
        apiVersion: VELERO,
        kind: 'BackupStorageLocation',
        metadata: { name, namespace: ns, labels: { ...BSL_LABELS, 'app.kubernetes.io/instance': name, 'openshift.io/oadp': 'True' }, ownerReferences: [owner] },
        spec: { provider: v.provider, default: Boolean(v.default), objectStorage: v.objectStorage, ...(v.config ? { config: v.config } : {}), ...(v.credential ? { credential: v.credential } : {}) },
      },
      MANAGER,
    );
  }
  const selector = Object.entries(BSL_LABELS)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  for (const bsl of (await c.list(VELERO, 'BackupStorageLocation', { namespace: ns, labelSelector: selector })).items) {
    if (!names.includes(bsl.metadata.name)) await c.delete(VELERO, 'BackupStorageLocation', bsl.metadata.name, ns);
  }
}

async function reconcileDpa(ctx: SimContext, key: string): Promise<void> {
  const [ns, name] = key.split('/') as [string, string];
  const dpa = await ctx.client.get(OADP, 'DataProtectionApplication', name, ns);
  if (!dpa || dpa.metadata.deletionTimestamp) return;
  await ctx.delay('oadpReconcile');
  let error = await validateDpa(ctx, dpa);
  if (!error) {
    try {
      await writeLocations(ctx, dpa);
    } catch (e) {
      error = (e as Error).message;
    }
  }
  const reconciled = error ? condition('Reconciled', false, 'Error', error) : condition('Reconciled', true, 'Complete', 'Reconcile complete');
  const live = (await ctx.client.get(OADP, 'DataProtectionApplication', name, ns)) ?? dpa;
  const old = live.status?.conditions?.find((x: Obj) => x.type === 'Reconciled');
  if (old?.status !== reconciled.status || old?.message !== reconciled.message) await ctx.client.patchStatus(live, { conditions: mergeConditions(live.status?.conditions, [reconciled]) });
  ctx.log('oadp', `DataProtectionApplication ${key}: ${error ? `not reconciled: ${error}` : 'Reconciled'}`);
}

/** Velero's validation of one location: the error its object store would report, or undefined. */
async function storeError(ctx: SimContext, bsl: Obj): Promise<string | undefined> {
  const ref = secretRef(bsl.spec ?? {});
  const secret = await ctx.client.get('v1', 'Secret', ref.name, bsl.metadata.namespace);
  if (!secret) return `unable to get credentials: unable to get key for secret: secrets "${ref.name}" not found`;
  if (!secret.data?.[ref.key]) return `unable to get credentials: unable to get key for secret: "${ref.key}" secret key not found`;
  if (!bsl.spec?.objectStorage?.bucket) return 'no bucket configured';
  return undefined;
}

async function validateBsl(ctx: SimContext, key: string): Promise<void> {
  const [ns, name] = key.split('/') as [string, string];
  const bsl = await ctx.client.get(VELERO, 'BackupStorageLocation', name, ns);
  if (!bsl || bsl.metadata.deletionTimestamp) return;
  await ctx.delay('bslValidation');
  const error = await storeError(ctx, bsl);
  const phase = error ? 'Unavailable' : 'Available';
  const message = error ? `BackupStorageLocation "${name}" is unavailable: ${error}` : null;
  // The same verdict is not written again: each write is an event that would validate once more.
  if (bsl.status?.lastValidationTime && bsl.status.phase === phase && (bsl.status.message ?? null) === message) return;
  await ctx.client.patch(VELERO, 'BackupStorageLocation', name, ns, { status: { phase, message, lastValidationTime: now() } });
  if (bsl.status?.phase !== phase) ctx.log('oadp', `BackupStorageLocation ${key} ${phase}${error ? `: ${error}` : ''}`);
}

/** One reconcile at a time per object, and one more after it when events came in meanwhile. */
function queue(ctx: SimContext, work: (key: string) => Promise<void>): (key: string) => void {
  const running = new Map<string, boolean>();
  const run = (key: string): void => {
    if (running.has(key)) {
      running.set(key, true);
      return;
    }
    running.set(key, false);
    ctx.spawn('oadp', async () => {
      try {
        await work(key);
      } finally {
        const again = running.get(key);
        running.delete(key);
        if (again) run(key);
      }
    });
  };
  return run;
}

function startOperator(ctx: SimContext, ns: string): void {
  const c = ctx.client;
  const dpaQueue = queue(ctx, (k) => reconcileDpa(ctx, k));
  const bslQueue = queue(ctx, (k) => validateBsl(ctx, k));
  const keyOf = (o: Obj) => `${o.metadata.namespace}/${o.metadata.name}`;
  const all = async (kind: string, q: (k: string) => void, api: string) => {
    for (const o of (await c.list(api, kind, { namespace: ns })).items) q(keyOf(o));
  };
  ctx.spawn('oadp', () =>
    c.watch(OADP, 'DataProtectionApplication', { namespace: ns, signal: ctx.signal }, (t, dpa) => {
      // A second DPA makes the first invalid too (validator.go), and its deletion valid again: every DPA of the
      // namespace is reconciled again when one comes or goes (the first one may have been reconciled before).
      if (t === 'DELETED' || t === 'ADDED') void all('DataProtectionApplication', dpaQueue, OADP).catch(() => undefined);
      else dpaQueue(keyOf(dpa));
    }),
  );
  ctx.spawn('oadp', () =>
    c.watch(VELERO, 'BackupStorageLocation', { namespace: ns, signal: ctx.signal }, (t, bsl) => {
      if (t !== 'DELETED') bslQueue(keyOf(bsl));
    }),
  );
  // A Secret labelled for a DPA that appears, changes or goes reconciles that DPA (labelHandler); Velero validates
  // its locations again (it does so every minute; here at once, on any Secret event of the namespace).
  ctx.spawn('oadp', () =>
    c.watch('v1', 'Secret', { namespace: ns, signal: ctx.signal }, (_t, secret) => {
      const labels = secret.metadata?.labels ?? {};
      if (labels['openshift.io/oadp'] && labels['dataprotectionapplication.name']) dpaQueue(`${ns}/${labels['dataprotectionapplication.name']}`);
      void all('BackupStorageLocation', bslQueue, VELERO).catch(() => undefined);
    }),
  );
  ctx.log('oadp', `operator running in ${ns}`);
}

export const oadp: Controller = {
  name: 'oadp',
  async start(ctx) {
    const started = new Set<string>();
    // The operator runs where OLM installed it (OwnNamespace), once its CSV has Succeeded.
    ctx.spawn('oadp', () =>
      ctx.client.watch('operators.coreos.com/v1alpha1', 'ClusterServiceVersion', { signal: ctx.signal }, (t, csv) => {
        const ns = csv.metadata.namespace as string;
        if (t === 'DELETED' || !String(csv.metadata.name).startsWith('oadp-operator.') || csv.status?.phase !== 'Succeeded' || started.has(ns)) return;
        started.add(ns);
        startOperator(ctx, ns);
      }),
    );
  },
};
