// destroy-cluster: delete the HostedCluster (its NodePools go with it), wait until it is gone, then delete the
// secrets hcp-kv created for it. Every step tolerates what a previous, interrupted run already did.
import { gone } from '../../kube/conditions.js';
import type { KubeObject } from '../../kube/types.js';
import { INFRA_LABEL, SAFE_TO_DELETE, secretNames } from '../../manifests/hypershift.js';
import type { Step, StepContext } from '../../run/step.js';
import { hcRef } from './context.js';

export interface DestroyOptions {
  name: string;
  namespace: string;
  timeoutMs: number;
}

type Ctx = StepContext<DestroyOptions>;
const INFRA = 'destroy.infraID';

export const deleteHostedCluster: Step<DestroyOptions> = {
  id: 'delete-hosted-cluster',
  title: 'Delete the HostedCluster',
  async run(ctx: Ctx) {
    const hc = await ctx.kube.get<KubeObject & { spec?: { infraID?: string } }>(hcRef(ctx.opts));
    if (!hc) return 'already gone';
    ctx.memo.set(INFRA, hc.spec?.infraID);
    if (hc.metadata.deletionTimestamp) return 'deletion already in progress';
    await ctx.kube.delete(hcRef(ctx.opts), { signal: ctx.signal });
    return 'deletion requested';
  },
};

export const waitDeleted: Step<DestroyOptions> = {
  id: 'wait-deleted',
  title: 'Wait until the hosted cluster is gone',
  needs: ['delete-hosted-cluster'],
  async run(ctx: Ctx) {
    await ctx.kube.waitFor(hcRef(ctx.opts), gone, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint: 'the HyperShift operator tears the control plane down; check `oc get hc -n <namespace> -o yaml` and its finalizers' });
    return 'HostedCluster gone';
  },
};

export const deleteSecrets: Step<DestroyOptions> = {
  id: 'delete-secrets',
  title: 'Delete the secrets created for the cluster',
  needs: ['wait-deleted'],
  async run(ctx: Ctx) {
    const infraID = ctx.memo.get(INFRA) as string | undefined;
    const mine = Object.values(secretNames(ctx.opts.name));
    // By infraID when we still know it; after an interrupted run, by name among the safe-to-delete secrets.
    const selector = infraID ? `${INFRA_LABEL}=${infraID}` : `${SAFE_TO_DELETE}=true`;
    const secrets = (await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: selector })).filter((s) => infraID || mine.includes(s.metadata.name));
    for (const s of secrets) await ctx.kube.delete({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: ctx.opts.namespace }, { signal: ctx.signal });
    return secrets.length ? `deleted ${secrets.map((s) => s.metadata.name).join(', ')}` : 'none left';
  },
};

export const DESTROY_STEPS: Step<DestroyOptions>[] = [deleteHostedCluster, waitDeleted, deleteSecrets];
