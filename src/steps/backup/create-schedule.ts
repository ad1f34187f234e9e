// backup schedule: the resource policy ConfigMap (kept if it exists) and the Schedule, create-only. Velero then
// backs up at each cron time; a new Schedule does not back up at once (velero schedule_controller.go).
import type { BackupStep } from './context.js';

export const createSchedule: BackupStep = {
  id: 'create-schedule',
  title: 'Create the Velero Schedule',
  needs: ['check-backup'],
  async run(ctx) {
    await ctx.kube.create(ctx.opts.policy, { signal: ctx.signal });
    const s = ctx.opts.schedule!;
    await ctx.kube.create(s, { signal: ctx.signal });
    return `Schedule ${s.metadata.namespace}/${s.metadata.name} created ("${s.spec.schedule}", ttl ${s.spec.template.ttl})`;
  },
};
