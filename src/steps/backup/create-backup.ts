// backup create: the resource policy ConfigMap (kept if it exists: its name is derived from the cluster, as
// upstream's) and the Backup, create-only.
import type { BackupStep } from './context.js';

export const createBackup: BackupStep = {
  id: 'create-backup',
  title: 'Create the Velero Backup',
  needs: ['pause-cluster'],
  async run(ctx) {
    const policy = await ctx.kube.create(ctx.opts.policy, { signal: ctx.signal });
    const backup = ctx.opts.backup!;
    await ctx.kube.create(backup, { signal: ctx.signal });
    return `Backup ${backup.metadata.namespace}/${backup.metadata.name} created (resource policy ConfigMap ${ctx.opts.policy.metadata.name} ${policy.created ? 'created' : 'kept'})`;
  },
};
