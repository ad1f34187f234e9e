// destroy-cluster, last step: delete the secrets hcp-kv created for the cluster.
import type { KubeObject } from '../../kube/types.js';
import { INFRA_LABEL, SAFE_TO_DELETE, secretNames } from '../../manifests/hypershift.js';
import type { StepContext } from '../../run/step.js';
import { type DestroyOptions, type DestroyState, type DestroyStep } from './context.js';

/** The secrets hcp-kv created for the cluster: by infraID when known; after an interrupted run, by name among the
 * safe-to-delete secrets. */
export async function ownSecrets(ctx: StepContext<DestroyOptions, DestroyState>, infraID?: string): Promise<KubeObject[]> {
  const mine = Object.values(secretNames(ctx.opts.name));
  const selector = infraID ? `${INFRA_LABEL}=${infraID}` : `${SAFE_TO_DELETE}=true`;
  return (await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: selector, signal: ctx.signal })).filter((s) => infraID || mine.includes(s.metadata.name));
}

export const deleteSecrets: DestroyStep = {
  id: 'delete-secrets',
  title: 'Delete the secrets created for the cluster',
  needs: ['wait-deleted'],
  async run(ctx) {
    const secrets = await ownSecrets(ctx, ctx.state.infraID);
    for (const s of secrets) await ctx.kube.delete({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: ctx.opts.namespace }, { signal: ctx.signal });
    return secrets.length ? `deleted ${secrets.map((s) => s.metadata.name).join(', ')}` : 'none left';
  },
};
