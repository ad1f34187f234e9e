// backup create: wait for Velero to finish (Completed; Failed, FailedValidation or PartiallyFailed end the wait
// with Velero's reasons: a partial backup is not one a restore should trust).
import { veleroDone, veleroRef, type Velero } from '../../backup/oadp.js';
import type { BackupStep } from './context.js';

export const waitBackup: BackupStep = {
  id: 'wait-backup',
  title: 'Wait for the backup to complete',
  needs: ['create-backup'],
  async run(ctx) {
    const b = ctx.opts.backup!;
    const done = await ctx.kube.waitFor<Velero>(veleroRef('Backup', b.metadata.name, b.metadata.namespace), veleroDone('Backup'), {
      timeout: ctx.opts.timeoutMs,
      signal: ctx.signal,
      report: ctx.report,
      hint: `check \`oc get backup ${b.metadata.name} -n ${b.metadata.namespace} -o yaml\``,
    });
    const p = done?.status?.progress;
    return `Completed: ${p?.itemsBackedUp ?? 0} items${done?.status?.warnings ? `, ${done.status.warnings} warnings` : ''}`;
  },
};
