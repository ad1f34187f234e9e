// backup create / backup schedule, first step (reads only): OADP installed, the storage location Available, the
// hosted cluster there (and healthy enough to back up, or a warning saying what may be missing), the new object's
// name free. A refusal here means nothing was written.
import { usageError } from '../../errors.js';
import { findCondition } from '../../kube/conditions.js';
import { clusterObjects } from '../../backup/pause.js';
import { requireLocation, requireNew, requireOadp } from '../../backup/oadp.js';
import type { BackupContext, BackupStep } from './context.js';

async function health(ctx: BackupContext): Promise<string> {
  const { hc, pools } = await clusterObjects(ctx.kube, ctx.opts.name, ctx.opts.namespace, ctx.signal);
  if (!hc) throw usageError(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} not found`, 'check the name and --namespace (`hcp-kv list -A`); nothing was changed');
  const available = findCondition(hc, 'Available');
  if (available?.status !== 'True') ctx.report(`warning: HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} is not Available (${available?.message || 'no Available condition'}): the backup holds its objects as they are now`);
  return `HostedCluster ${hc.metadata.name} and ${pools.length} NodePool${pools.length === 1 ? '' : 's'}`;
}

export const checkBackup: BackupStep = {
  id: 'check-backup',
  title: 'Check OADP, the storage location and the hosted cluster',
  async run(ctx) {
    const o = ctx.opts;
    await requireOadp(ctx.kube);
    await requireLocation(ctx.kube, o.storageLocation, o.oadpNamespace);
    const what = await health(ctx);
    if (o.backup) await requireNew(ctx.kube, 'Backup', o.backup.metadata.name, o.oadpNamespace);
    if (o.schedule) await requireNew(ctx.kube, 'Schedule', o.schedule.metadata.name, o.oadpNamespace);
    return `${what}; BackupStorageLocation ${o.storageLocation} Available`;
  },
};
