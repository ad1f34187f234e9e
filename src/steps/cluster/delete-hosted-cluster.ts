// destroy-cluster, first step: delete the HostedCluster (its NodePools go with it). Tolerates a cluster that is
// already gone or already being deleted by an interrupted run. Before the delete, the secrets hcp-kv created for
// it (by its infraID) are marked with that infraID, so an interrupted run that finds the cluster gone removes
// only those — never the secrets of a new cluster of the same name being created meanwhile. The delete itself
// carries the uid read as precondition: a cluster re-created under the name is never deleted by this run.
import { ExitCode, HcpError } from '../../errors.js';
import { isConflict, type KubeObject } from '../../kube/types.js';
import type { HostedCluster } from '../../model/index.js';
import { INFRA_LABEL } from '../../manifests/hypershift.js';
import { DELETING_LABEL, markedSecrets } from './delete-secrets.js';
import type { DestroyStep, DestroyOptions, DestroyState } from './context.js';
import { adminKubeconfig, hcRef } from './hosted-cluster.js';
import type { StepContext } from '../../run/step.js';

/** Marks the cluster's secrets (resourceVersion precondition: a secret relabelled meanwhile is left alone). */
async function markSecrets(ctx: StepContext<DestroyOptions, DestroyState>, infraID: string): Promise<void> {
  const secrets = await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: `${INFRA_LABEL}=${infraID}`, signal: ctx.signal });
  for (const s of secrets) {
    if (s.metadata.labels?.[DELETING_LABEL] === infraID) continue;
    await ctx.kube
      .patch({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: ctx.opts.namespace }, { metadata: { resourceVersion: s.metadata.resourceVersion, labels: { [DELETING_LABEL]: infraID } } }, 'merge', { signal: ctx.signal })
      .catch((e: unknown) => {
        if (!isConflict(e)) throw e;
        ctx.report(`Secret ${ctx.opts.namespace}/${s.metadata.name} changed while marking it; left unmarked`);
      });
  }
}

export const deleteHostedCluster: DestroyStep = {
  id: 'delete-hosted-cluster',
  title: 'Delete the HostedCluster',
  needs: ['mark-cleanup'],
  async skip(ctx) {
    const hc = await ctx.kube.get<HostedCluster>(hcRef(ctx.opts));
    if (!hc) {
      // Gone, but secrets a destroy marked left: an interrupted destroy to finish. Nothing at all: a typo, unless told.
      const leftovers = await markedSecrets(ctx);
      if (leftovers.length || ctx.opts.ignoreNotFound) return 'the HostedCluster is gone';
      const others = (await ctx.kube.list('hypershift.openshift.io/v1beta1', 'HostedCluster', { namespace: ctx.opts.namespace, signal: ctx.signal })).map((h) => h.metadata.name);
      throw new HcpError(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} not found; ${others.length ? `HostedClusters in ${ctx.opts.namespace}: ${others.join(', ')}` : `there are no HostedClusters in ${ctx.opts.namespace}`}`, {
        hint: 'check the name and --namespace (`hcp-kv list -A`), or pass --ignore-not-found when a missing cluster is fine',
        exitCode: ExitCode.usage,
      });
    }
    // delete-secrets finds the cluster's secrets by this label value; remove-kubeconfig compares with this.
    ctx.state.infraID = hc.spec?.infraID;
    ctx.state.uid = hc.metadata.uid;
    ctx.state.kubeconfig = await adminKubeconfig(ctx.kube, ctx.opts).catch(() => undefined);
    if (!hc.metadata.deletionTimestamp) return false;
    if (ctx.state.infraID) await markSecrets(ctx, ctx.state.infraID);
    return `deletion requested at ${hc.metadata.deletionTimestamp}`;
  },
  async run(ctx) {
    if (ctx.state.infraID) await markSecrets(ctx, ctx.state.infraID);
    try {
      await ctx.kube.delete(hcRef(ctx.opts), { signal: ctx.signal, ...(ctx.state.uid ? { preconditions: { uid: ctx.state.uid } } : {}) });
    } catch (e) {
      if (!isConflict(e)) throw e;
      throw new HcpError(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} was replaced by another one (a new uid) while this command ran; it was not deleted`, {
        hint: 'another client re-created it; check `hcp-kv list -A` and run destroy-cluster again if it should go',
        cause: e,
      });
    }
    return 'deletion requested';
  },
};
