// backup create: pause the HostedCluster and its NodePools (spec.pausedUntil "true"), then wait until HyperShift
// reports it (ReconciliationActive False), so that nothing changes while Velero reads the objects.
import { pauseCluster, clusterObjects } from '../../backup/pause.js';
import { conditionCheck } from '../../kube/conditions.js';
import type { BackupStep } from './context.js';

export const pauseClusterStep: BackupStep = {
  id: 'pause-cluster',
  title: 'Pause the hosted cluster and its node pools',
  needs: ['check-backup'],
  async run(ctx) {
    const { hc, pools } = await clusterObjects(ctx.kube, ctx.opts.name, ctx.opts.namespace, ctx.signal);
    if (!hc) throw new Error(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} disappeared`);
    const n = await pauseCluster(ctx.kube, hc, pools, ctx.signal, (p) => ctx.state.paused.push(p));
    await ctx.kube.waitFor({ apiVersion: hc.apiVersion, kind: 'HostedCluster', name: ctx.opts.name, namespace: ctx.opts.namespace }, conditionCheck('ReconciliationActive', 'False'), {
      timeout: Math.min(ctx.opts.timeoutMs, 120_000),
      signal: ctx.signal,
      report: ctx.report,
      hint: 'the HyperShift operator did not acknowledge the pause',
    });
    return n ? `paused ${n} object${n === 1 ? '' : 's'}` : 'already paused (left paused afterwards)';
  },
};
