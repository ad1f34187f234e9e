// OADP on the embedded cluster for the backup tests, the way a user gets it: `hcp-kv bootstrap --with-oadp` (OLM
// installs redhat-oadp-operator, the simulated operator reconciles the DataProtectionApplication into the
// BackupStorageLocation `default`, the simulated Velero validates it). "Unavailable" is made as it happens on a
// real cluster: the location's credentials Secret goes away (vmware-tanzu/velero
// pkg/controller/backup_storage_location_controller.go).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './https.js';
import { pathOf, waitUntil } from './sim-api.js';
import { POOL, type SimEnv } from './sim-env.js';

export const OADP_CRDS = ['backups.velero.io', 'restores.velero.io', 'schedules.velero.io', 'backupstoragelocations.velero.io', 'dataprotectionapplications.oadp.openshift.io'];
const CRD = 'apiextensions.k8s.io/v1';
const CREDENTIALS = '[default]\naws_access_key_id=AKIAEXAMPLE\naws_secret_access_key=never-printed\n';
const VELERO = 'velero.io/v1';

async function served(env: SimEnv, apiVersion: string, plural: string, want: boolean): Promise<void> {
  // Discovery follows the CRD within moments (the embedded server's establish delay).
  for (;;) {
    const r = await call(env.sim.api, 'GET', `/apis/${apiVersion}`);
    const has = r.status === 200 && (r.body.resources ?? []).some((x: { name: string }) => x.name === plural);
    if (has === want) return;
    await new Promise((res) => setTimeout(res, 20));
  }
}

/** Velero's API not served: its CRDs removed, if anything registered them. */
export async function uninstallOadpForTest(env: SimEnv): Promise<void> {
  for (const name of OADP_CRDS) await call(env.sim.api, 'DELETE', pathOf(CRD, 'customresourcedefinitions', undefined, name));
  await served(env, 'velero.io/v1', 'backups', false);
}

/** `bootstrap --with-oadp` with an S3 location; `phase: 'Unavailable'` then removes the location's credentials. */
export async function installOadpForTest(env: SimEnv, o: { phase?: 'Available' | 'Unavailable' } = {}): Promise<void> {
  const credentials = join(env.dir, 'oadp-credentials');
  writeFileSync(credentials, CREDENTIALS, { mode: 0o600 });
  const args = ['bootstrap', '--metallb-addresses', POOL, '--with-oadp', '--oadp-bucket', 'hcp-kv-backups', '--oadp-s3-url', 'https://s3.example.com', '--oadp-region', 'us-east-1', '--oadp-credentials', credentials];
  const r = await env.cli(args, { timeout: 240_000 });
  if (r.code !== 0) throw new Error(`bootstrap --with-oadp failed (exit ${r.code}):\n${r.stderr}`);
  await waitUntil(env.sim.api, VELERO, 'backupstoragelocations', 'default', 'openshift-adp', (b) => b?.status?.phase === 'Available');
  if (o.phase !== 'Unavailable') return;
  await call(env.sim.api, 'DELETE', pathOf('v1', 'secrets', 'openshift-adp', 'cloud-credentials'));
  await waitUntil(env.sim.api, VELERO, 'backupstoragelocations', 'default', 'openshift-adp', (b) => b?.status?.phase === 'Unavailable');
}
