// backup create: resume what pause-cluster paused (the command also does this after a failure or Ctrl-C).
import { resumePaused } from '../../backup/pause.js';
import type { BackupStep } from './context.js';

export const resumeCluster: BackupStep = {
  id: 'resume-cluster',
  title: 'Resume the hosted cluster and its node pools',
  needs: ['wait-backup'],
  async run(ctx) {
    const n = await resumePaused(ctx.kube, ctx.state.paused, ctx.signal);
    ctx.state.resumed = true;
    return n ? `resumed ${n} object${n === 1 ? '' : 's'}` : 'nothing was paused by this run';
  },
};
