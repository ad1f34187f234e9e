// bootstrap --with-oadp: the credentials Secret (create-only, from --oadp-credentials) and the DataProtectionApplication
// with the plugins hosted-cluster backups need; done when the operator reports it Reconciled and Velero has
// validated its BackupStorageLocation as Available. Already done when the location in use is Available with the
// bucket, prefix and provider asked for (preflight refuses a different DPA that is not ready, and credentials
// that differ from a Secret already there).
import { HcpError } from '../../errors.js';
import { findCondition } from '../../kube/conditions.js';
import type { Check, KubeObject, ObjectRef } from '../../kube/types.js';
import { readBackupReadiness, type Bsl, type Dpa } from '../../backup/readiness.js';
import { BSL_NAME, CREDENTIALS_KEY, credentialsSecret, dataProtectionApplication, DPA_NAME, OADP_API, OADP_NAMESPACE, VELERO_API, type OadpOptions } from '../../manifests/oadp.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const DPA_REF = { apiVersion: OADP_API, kind: 'DataProtectionApplication', name: DPA_NAME, namespace: OADP_NAMESPACE };
const BSL_REF = { apiVersion: VELERO_API, kind: 'BackupStorageLocation', name: BSL_NAME, namespace: OADP_NAMESPACE };

const where = (o: Pick<OadpOptions, 'provider' | 'bucket' | 'prefix'>) => `${o.provider} bucket ${o.bucket}/${o.prefix}`;

export function dpaReconciled(dpa: Dpa | undefined): Check {
  const c = findCondition(dpa, 'Reconciled');
  if (!dpa || !c) return { done: false, reason: dpa ? 'waiting for the OADP operator to reconcile it' : 'does not exist yet' };
  if (c.status === 'True') return { done: true };
  return { failed: `DataProtectionApplication ${OADP_NAMESPACE}/${dpa.metadata.name} is not reconciled (${c.reason ?? 'no reason'}): ${c.message ?? 'no message'}` };
}

/** Available with the bucket asked for; Unavailable (Velero could not reach the store) is a failure with Velero's message. */
export function bslAvailable(o: OadpOptions): (bsl: Bsl | undefined) => Check {
  return (bsl) => {
    if (!bsl) return { done: false, reason: 'waiting for the OADP operator to create it' };
    const storage = bsl.spec?.objectStorage;
    if (storage?.bucket !== o.bucket || storage?.prefix !== o.prefix) return { done: false, reason: 'waiting for the OADP operator to update it' };
    if (bsl.status?.phase === 'Available') return { done: true };
    if (bsl.status?.phase === 'Unavailable') return { failed: `BackupStorageLocation ${OADP_NAMESPACE}/${bsl.metadata.name} is Unavailable: ${bsl.status.message ?? 'Velero gave no reason'}` };
    return { done: false, reason: 'waiting for Velero to validate the storage' };
  };
}

async function writeSecret(ctx: BootstrapContext, o: OadpOptions): Promise<void> {
  if (o.credentials === undefined) return;
  const secret = credentialsSecret({ ...o, credentials: o.credentials });
  if (isServerDryRun(ctx)) {
    await applyAll(ctx, [secret]);
    return;
  }
  const r = await ctx.kube.create(secret, { signal: ctx.signal });
  const same = r.object.data?.[CREDENTIALS_KEY] === secret.data[CREDENTIALS_KEY];
  if (!r.created && !same)
    throw new HcpError(`Secret ${OADP_NAMESPACE}/${secret.metadata.name} was created meanwhile with other credentials; this run wrote nothing`, {
      hint: 'another client wrote it: check which credentials it holds, then run bootstrap --with-oadp again',
    });
  ctx.report(`Secret ${OADP_NAMESPACE}/${secret.metadata.name} ${r.created ? 'created' : 'unchanged'} (from ${o.credentialsFile})`);
}

/** How long a failure seen before this run's writes may take to clear: Velero validates locations every minute
 * (its default --store-validation-frequency). */
export const STALE_GRACE_MS = 3 * 60_000;

/**
 * Waits for `check`. A failure already there before this run's writes (`stale`) is awaited as progress, for at most
 * STALE_GRACE_MS (the operator and Velero must first look again); if it is still there then, it is the answer.
 */
async function waitFresh<T extends KubeObject>(ctx: BootstrapContext, ref: ObjectRef, check: (o: T | undefined) => Check, stale: boolean, hint: string): Promise<void> {
  if (!stale) {
    await waitFor<T>(ctx, ref, check, hint);
    return;
  }
  const patient = (obj: T | undefined): Check => {
    const c = check(obj);
    return 'failed' in c ? { done: false, reason: `still: ${c.failed}` } : c;
  };
  try {
    await ctx.kube.waitFor<T>(ref, patient, { timeout: Math.min(ctx.opts.timeoutMs, STALE_GRACE_MS), signal: ctx.signal, report: ctx.report, hint });
  } catch (e) {
    const now = check(await ctx.kube.get<T>(ref, { signal: ctx.signal }));
    if ('failed' in now) throw new HcpError(now.failed, { hint, cause: e });
    throw e;
  }
}

export const dataProtection: BootstrapStep = {
  id: 'data-protection',
  title: 'Configure backups (OADP DataProtectionApplication)',
  needs: ['install-oadp'],
  enabled: (ctx) => Boolean(ctx.opts.oadp),
  notNeeded: () => 'no --with-oadp',
  async skip(ctx) {
    const o = ctx.opts.oadp!;
    const r = await readBackupReadiness(ctx.kube, { signal: ctx.signal });
    const loc = r.location;
    if (!r.ready || !loc) return false;
    const ours = r.dpa?.name === DPA_NAME;
    if (ours && (loc.bucket !== o.bucket || loc.prefix !== o.prefix || loc.provider !== o.provider)) return false;
    return `${ours ? '' : `DataProtectionApplication ${r.dpa?.name} (not hcp-kv's) is used: `}Reconciled, BackupStorageLocation ${loc.name} Available (${loc.provider} bucket ${loc.bucket}/${loc.prefix ?? ''})`;
  },
  async run(ctx) {
    const o = ctx.opts.oadp!;
    // What failed before this run's writes may be what they fix: such a verdict is not taken as the answer.
    const staleDpa = 'failed' in dpaReconciled(await ctx.kube.get<Dpa>(DPA_REF, { signal: ctx.signal }));
    const staleBsl = 'failed' in bslAvailable(o)(await ctx.kube.get<Bsl>(BSL_REF, { signal: ctx.signal }));
    await writeSecret(ctx, o);
    await applyAll(ctx, [dataProtectionApplication(o)]);
    if (isServerDryRun(ctx)) return '[dry run] DataProtectionApplication validated';
    await waitFresh<Dpa>(ctx, DPA_REF, dpaReconciled, staleDpa, `look at its conditions: \`oc get dpa ${DPA_NAME} -n ${OADP_NAMESPACE} -o yaml\`; fix what the message names and run bootstrap --with-oadp again`);
    await waitFresh<Bsl>(
      ctx,
      BSL_REF,
      bslAvailable(o),
      staleBsl,
      `check the bucket, the endpoint and the credentials (\`oc get backupstoragelocation ${BSL_NAME} -n ${OADP_NAMESPACE} -o yaml\`), fix them and run bootstrap --with-oadp again`,
    );
    return `DataProtectionApplication ${DPA_NAME} Reconciled, BackupStorageLocation ${BSL_NAME} Available (${where(o)})`;
  },
};
