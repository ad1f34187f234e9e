// restore, first step (reads only): OADP installed; the backup (or the schedule's latest Completed backup)
// exists, is Completed (as upstream's oadp-restore validateBackupExists requires) and holds the cluster; its
// storage location is Available; the Restore's name is free; the HostedCluster does not exist (--force: restore
// anyway, with a warning: Velero does not overwrite what exists). A refusal here means nothing was written.
import { ExitCode, HcpError, usageError } from '../../errors.js';
import { holdsCluster, requireLocation, requireNew, requireOadp, veleroRef, type Velero } from '../../backup/oadp.js';
import { VELERO } from '../../backup/objects.js';
import type { RestoreContext, RestoreStep } from './context.js';

async function sourceBackup(ctx: RestoreContext): Promise<Velero> {
  const { spec } = ctx.opts.restore;
  const ns = ctx.opts.oadpNamespace;
  if (spec.scheduleName) {
    const backups = await ctx.kube.list<Velero>(VELERO, 'Backup', { namespace: ns, labelSelector: `velero.io/schedule-name=${spec.scheduleName}`, signal: ctx.signal });
    const done = backups.filter((b) => b.status?.phase === 'Completed').sort((a, b) => String(b.status?.startTimestamp).localeCompare(String(a.status?.startTimestamp)));
    if (!done[0])
      throw usageError(
        `Schedule ${ns}/${spec.scheduleName} has no Completed backup${backups.length ? ` (${backups.length} not completed)` : ''}`,
        'wait for its next run, or restore --from a Completed backup (`hcp-kv backup list`); nothing was changed',
      );
    return done[0];
  }
  const b = await ctx.kube.get<Velero>(veleroRef('Backup', spec.backupName!, ns), { signal: ctx.signal });
  if (!b) throw usageError(`Backup ${ns}/${spec.backupName} not found`, `list the backups with \`hcp-kv backup list ${ctx.opts.name}\`; nothing was changed`);
  if (b.status?.phase !== 'Completed')
    throw usageError(`Backup ${ns}/${spec.backupName} is ${b.status?.phase ?? 'New'}, not Completed: it cannot be trusted to hold the whole cluster`, 'restore from a Completed backup (`hcp-kv backup list`); nothing was changed');
  return b;
}

export const checkRestore: RestoreStep = {
  id: 'check-restore',
  title: 'Check OADP, the backup and the restore target',
  async run(ctx) {
    const o = ctx.opts;
    await requireOadp(ctx.kube);
    const backup = await sourceBackup(ctx);
    if (!holdsCluster(backup, o.name, o.namespace))
      throw usageError(
        `Backup ${o.oadpNamespace}/${backup.metadata.name} does not hold hosted cluster ${o.namespace}/${o.name} (its namespaces: ${(backup.spec?.includedNamespaces ?? []).join(', ') || 'none'})`,
        'name the cluster the backup was taken of, or another backup; nothing was changed',
      );
    await requireLocation(ctx.kube, backup.spec?.storageLocation || 'default', o.oadpNamespace);
    await requireNew(ctx.kube, 'Restore', o.restore.metadata.name, o.oadpNamespace);
    ctx.state.backup = backup.metadata.name;
    const hc = await ctx.kube.get({ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', name: o.name, namespace: o.namespace }, { signal: ctx.signal });
    if (hc && !o.force)
      throw new HcpError(`HostedCluster ${o.namespace}/${o.name} exists: a restore is for a cluster that was lost`, {
        hint: 'pass --force to restore into it anyway (Velero leaves every object that exists as it is: only missing ones come back); nothing was changed',
        exitCode: ExitCode.usage,
      });
    if (hc) ctx.report(`warning: HostedCluster ${o.namespace}/${o.name} exists; --force: only the objects that are missing are restored, existing ones stay as they are`);
    return `Backup ${backup.metadata.name} Completed (${backup.status?.progress?.itemsBackedUp ?? 0} items) holds ${o.namespace}/${o.name}${hc ? '; restoring over the existing cluster (--force)' : ''}`;
  },
};
