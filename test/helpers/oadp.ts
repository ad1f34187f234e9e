// OADP put in place for the backup tests until bootstrap --with-oadp exists (issue 23 item 1): the Velero and
// DataProtectionApplication CRDs (the real ones the package ships), the openshift-adp namespace and a
// BackupStorageLocation `default` whose status.phase is Available (Velero's CRDs have no status subresource:
// the status is written with the object, as Velero's own controller does). The coordinator replaces this with
// `hcp-kv bootstrap --with-oadp` at merge.
import { crdFor } from '../../src/sim/controllers/runtime.js';
import { CRDS_DIR } from './fixtures.js';
import { call } from './https.js';
import { create, mergePatch, pathOf } from './sim-api.js';
import type { SimEnv } from './sim-env.js';

export const OADP_CRDS = ['backups.velero.io', 'restores.velero.io', 'schedules.velero.io', 'backupstoragelocations.velero.io', 'dataprotectionapplications.oadp.openshift.io'];
const CRD = 'apiextensions.k8s.io/v1';

async function served(env: SimEnv, apiVersion: string, plural: string, want: boolean): Promise<void> {
  // Discovery follows the CRD within moments (the embedded server's establish delay).
  for (;;) {
    const r = await call(env.sim.api, 'GET', `/apis/${apiVersion}`);
    const has = r.status === 200 && (r.body.resources ?? []).some((x: { name: string }) => x.name === plural);
    if (has === want) return;
    await new Promise((res) => setTimeout(res, 20));
  }
}

/** Velero's API not served: the CRDs removed (the embedded cluster registers every shipped CRD at start). */
export async function uninstallOadpForTest(env: SimEnv): Promise<void> {
  for (const name of OADP_CRDS) await call(env.sim.api, 'DELETE', pathOf(CRD, 'customresourcedefinitions', undefined, name));
  await served(env, 'velero.io/v1', 'backups', false);
}

export async function installOadpForTest(env: SimEnv, o: { phase?: 'Available' | 'Unavailable' } = {}): Promise<void> {
  for (const name of OADP_CRDS) await create(env.sim.api, CRD, 'customresourcedefinitions', crdFor(name, CRDS_DIR));
  await served(env, 'velero.io/v1', 'backupstoragelocations', true);
  await served(env, 'velero.io/v1', 'backups', true);
  await create(env.sim.api, 'v1', 'namespaces', { metadata: { name: 'openshift-adp' } });
  await create(env.sim.api, 'velero.io/v1', 'backupstoragelocations', { kind: 'BackupStorageLocation', metadata: { name: 'default', namespace: 'openshift-adp' }, spec: { provider: 'aws', default: true, objectStorage: { bucket: 'hcp-kv-backups', prefix: 'velero' } } });
  await mergePatch(env.sim.api, 'velero.io/v1', 'backupstoragelocations', 'default', 'openshift-adp', { status: { phase: o.phase ?? 'Available', lastValidationTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } });
}
