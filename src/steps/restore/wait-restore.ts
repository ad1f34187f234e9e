// restore: wait for Velero's Restore to reach Completed (FailedValidation, Failed or PartiallyFailed end the wait
// with Velero's reasons).
import { veleroDone, veleroRef, type Velero } from '../../backup/oadp.js';
import type { RestoreStep } from './context.js';

export const waitRestore: RestoreStep = {
  id: 'wait-restore',
  title: 'Wait for the restore to complete',
  needs: ['create-restore'],
  async run(ctx) {
    const r = ctx.opts.restore;
    const done = await ctx.kube.waitFor<Velero>(veleroRef('Restore', r.metadata.name, r.metadata.namespace), veleroDone('Restore'), {
      timeout: ctx.opts.timeoutMs,
      signal: ctx.signal,
      report: ctx.report,
      hint: `check \`oc get restore ${r.metadata.name} -n ${r.metadata.namespace} -o yaml\``,
    });
    const p = done?.status?.progress;
    return `Completed: ${p?.itemsRestored ?? 0} of ${p?.totalItems ?? 0} items${done?.status?.warnings ? `, ${done.status.warnings} warnings (objects that existed were left as they are)` : ''}`;
  },
};
