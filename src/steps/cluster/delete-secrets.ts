// destroy-cluster, last step: delete the secrets hcp-kv created for the cluster.
import { INFRA_LABEL, SAFE_TO_DELETE, secretNames } from '../../manifests/hypershift.js';
import { type DestroyStep } from './context.js';

export const deleteSecrets: DestroyStep = {
  id: 'delete-secrets',
  title: 'Delete the secrets created for the cluster',
  needs: ['wait-deleted'],
  async run(ctx) {
    const infraID = ctx.state.infraID;
    const mine = Object.values(secretNames(ctx.opts.name));
    // By infraID when we still know it; after an interrupted run, by name among the safe-to-delete secrets.
    const selector = infraID ? `${INFRA_LABEL}=${infraID}` : `${SAFE_TO_DELETE}=true`;
    const secrets = (await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: selector })).filter((s) => infraID || mine.includes(s.metadata.name));
    for (const s of secrets) await ctx.kube.delete({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: ctx.opts.namespace }, { signal: ctx.signal });
    return secrets.length ? `deleted ${secrets.map((s) => s.metadata.name).join(', ')}` : 'none left';
  },
};
