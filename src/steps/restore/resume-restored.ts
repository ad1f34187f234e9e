// restore: the backup holds the HostedCluster and NodePools paused (backup create pauses them first, as the docs'
// procedure does); once they are back, remove spec.pausedUntil so that HyperShift brings the cluster up.
import { clusterObjects } from '../../backup/pause.js';
import type { RestoreStep } from './context.js';

export const resumeRestored: RestoreStep = {
  id: 'resume-restored',
  title: 'Resume the restored hosted cluster and its node pools',
  needs: ['wait-restore'],
  async run(ctx) {
    const { hc, pools } = await clusterObjects(ctx.kube, ctx.opts.name, ctx.opts.namespace, ctx.signal);
    if (!hc) throw new Error(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} was not restored: the backup holds no HostedCluster of that name`);
    let n = 0;
    for (const o of [hc, ...pools]) {
      if ((o.spec?.pausedUntil ?? undefined) === undefined) continue;
      await ctx.kube.patch({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace }, { spec: { pausedUntil: null } }, 'merge', { signal: ctx.signal });
      n++;
    }
    return n ? `resumed ${n} object${n === 1 ? '' : 's'}` : 'not paused';
  },
};
