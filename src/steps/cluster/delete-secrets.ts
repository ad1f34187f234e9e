// destroy-cluster, last step: delete the secrets hcp-kv created for the cluster — those of the HostedCluster
// this run deleted (by its infraID), or after an interrupted run those a destroy marked with the infraID they
// still carry. Each delete carries the uid and resourceVersion read as preconditions (409 when the secret was
// re-created or relabelled meanwhile, e.g. by a create-cluster of the same name): what changed is left and named.
import { isConflict, type KubeObject } from '../../kube/types.js';
import { INFRA_LABEL, SAFE_TO_DELETE, secretNames } from '../../manifests/hypershift.js';
import type { StepContext } from '../../run/step.js';
import type { DestroyOptions, DestroyState, DestroyStep } from './context.js';

/** Set by delete-hosted-cluster before the delete: the infraID of the cluster being destroyed. */
export const DELETING_LABEL = 'hcp-kv.io/deleting-with-infra-id';

type Ctx = StepContext<DestroyOptions, DestroyState>;

/** Secrets a destroy marked whose infraID label still matches the mark (a new cluster's apply changes it). */
export async function markedSecrets(ctx: Ctx): Promise<KubeObject[]> {
  const all = await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: DELETING_LABEL, signal: ctx.signal });
  return all.filter((s) => s.metadata.labels?.[DELETING_LABEL] === s.metadata.labels?.[INFRA_LABEL]);
}

async function unmarked(ctx: Ctx): Promise<string[]> {
  const mine = Object.values(secretNames(ctx.opts.name));
  const all = await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: `${SAFE_TO_DELETE}=true`, signal: ctx.signal });
  return all.filter((s) => mine.includes(s.metadata.name) && !s.metadata.labels?.[DELETING_LABEL]).map((s) => s.metadata.name);
}

export const deleteSecrets: DestroyStep = {
  id: 'delete-secrets',
  title: 'Delete the secrets created for the cluster',
  needs: ['wait-deleted'],
  async run(ctx) {
    const ns = ctx.opts.namespace;
    const secrets = ctx.state.infraID ? await ctx.kube.list('v1', 'Secret', { namespace: ns, labelSelector: `${INFRA_LABEL}=${ctx.state.infraID}`, signal: ctx.signal }) : await markedSecrets(ctx);
    const deleted: string[] = [];
    const left: string[] = [];
    for (const s of secrets) {
      try {
        if (await ctx.kube.delete({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: ns }, { signal: ctx.signal, preconditions: { uid: s.metadata.uid, resourceVersion: s.metadata.resourceVersion } }))
          deleted.push(s.metadata.name);
      } catch (e) {
        if (!isConflict(e)) throw e;
        left.push(s.metadata.name);
        ctx.report(`left Secret ${ns}/${s.metadata.name}: it changed since it was read (re-created or relabelled, e.g. by a create-cluster of the same name)`);
      }
    }
    if (!ctx.state.infraID) {
      const others = await unmarked(ctx);
      if (others.length)
        ctx.report(
          `left ${others.map((n) => `Secret ${ns}/${n}`).join(', ')}: not marked by a destroy-cluster of this cluster, so they may belong to a cluster of this name being created; if none is, delete them with \`oc delete secret -n ${ns} ${others.join(' ')}\``,
        );
    }
    return [deleted.length ? `deleted ${deleted.join(', ')}` : 'none left', left.length ? `left ${left.join(', ')} (changed meanwhile)` : ''].filter(Boolean).join('; ');
  },
};
