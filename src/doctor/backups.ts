// doctor's backups rows: can hosted clusters be backed up here (src/backup/readiness.ts)? Backups are optional:
// these rows are `warn` at worst, so they never make doctor fail — OADP not installed is one row saying so, with
// the bootstrap command that installs it.
import { readBackupReadiness } from '../backup/readiness.js';
import type { Kube } from '../kube/types.js';
import { BSL_NAME, HOSTED_CLUSTER_PLUGINS, OADP_NAMESPACE } from '../manifests/oadp.js';

/** A doctor row (doctor.ts DoctorCheck; doctor.ts imports this module, so the shape is declared here). */
interface DoctorRow {
  check: string;
  status: 'ok' | 'warn' | 'missing' | 'failed';
  detail: string;
  hint?: string;
}

export const BACKUP_CHECKS = ['oadp-operator', 'oadp-dpa', 'oadp-location', 'oadp-plugins'] as const;
/** The detail of the one row when OADP is absent: not worth a word in the verdict. */
export const BACKUPS_ABSENT = 'not installed: hosted clusters cannot be backed up';

const INSTALL = 'hcp-kv bootstrap --with-oadp --oadp-bucket BUCKET --oadp-credentials FILE (and your bootstrap flags)';
const RERUN = 'fix it, then run `hcp-kv bootstrap --with-oadp …` again';

const row = (check: string, ok: boolean, detail: string, hint: string): DoctorRow => ({ check, status: ok ? 'ok' : 'warn', detail, ...(ok ? {} : { hint }) });

export async function backupRows(kube: Kube): Promise<DoctorRow[]> {
  const r = await readBackupReadiness(kube);
  const op = r.operator;
  if (!op.csv) return [row('oadp-operator', false, BACKUPS_ABSENT, INSTALL)];
  const rows = [row('oadp-operator', op.installed, `${op.csv} ${op.phase ?? 'not installed'}${!op.installed && op.message ? `: ${op.message}` : ''}`, `look at the CSV: \`oc get csv ${op.csv} -n ${OADP_NAMESPACE} -o yaml\``)];
  const dpa = r.dpa;
  rows.push(
    dpa
      ? row(
          'oadp-dpa',
          dpa.reconciled,
          `DataProtectionApplication ${dpa.name} ${dpa.reconciled ? 'Reconciled' : `not reconciled${dpa.message ? `: ${dpa.message}` : ''}`}`,
          `\`oc get dpa ${dpa.name} -n ${OADP_NAMESPACE} -o yaml\`; ${RERUN}`,
        )
      : row('oadp-dpa', false, `no DataProtectionApplication in ${OADP_NAMESPACE}`, INSTALL),
  );
  const loc = r.location;
  const where = loc?.bucket ? ` (${loc.provider ?? '?'} bucket ${loc.bucket}${loc.prefix ? `/${loc.prefix}` : ''})` : '';
  rows.push(
    loc
      ? row(
          'oadp-location',
          loc.phase === 'Available',
          `BackupStorageLocation ${loc.name} ${loc.phase ?? 'not validated yet'}${where}${loc.phase !== 'Available' && loc.message ? `: ${loc.message}` : ''}`,
          `check the bucket, the endpoint and the credentials Secret (\`oc get backupstoragelocation ${loc.name} -n ${OADP_NAMESPACE} -o yaml\`); ${RERUN}`,
        )
      : row('oadp-location', false, `no BackupStorageLocation ${BSL_NAME} in ${OADP_NAMESPACE}`, dpa ? `the DataProtectionApplication makes it once reconciled: ${RERUN}` : INSTALL),
  );
  if (dpa)
    rows.push(
      row(
        'oadp-plugins',
        !r.missingPlugins.length,
        r.missingPlugins.length ? `not enabled: ${r.missingPlugins.join(', ')}` : `${HOSTED_CLUSTER_PLUGINS.join(', ')} enabled`,
        `add them to spec.configuration.velero.defaultPlugins of DataProtectionApplication ${dpa.name} (the hosted-cluster plugins: ${HOSTED_CLUSTER_PLUGINS.join(', ')})`,
      ),
    );
  return rows;
}
