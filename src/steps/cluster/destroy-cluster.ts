// destroy-cluster: delete the HostedCluster (its NodePools go with it), wait until it is gone, then delete the
// secrets hcp-kv created for it. Every step tolerates what a previous, interrupted run already did.
import { gone } from '../../kube/conditions.js';
import { HcpError } from '../../errors.js';
import type { KubeObject } from '../../kube/types.js';
import { INFRA_LABEL, SAFE_TO_DELETE, secretNames } from '../../manifests/hypershift.js';
import type { Step, StepContext } from '../../run/step.js';
import { hcRef } from './context.js';

export interface DestroyOptions {
  name: string;
  namespace: string;
  timeoutMs: number;
  /** kubectl's --ignore-not-found: a cluster that does not exist is not an error. */
  ignoreNotFound?: boolean;
}

type Ctx = StepContext<DestroyOptions>;
const INFRA = 'destroy.infraID';

export const deleteHostedCluster: Step<DestroyOptions> = {
  id: 'delete-hosted-cluster',
  title: 'Delete the HostedCluster',
  async run(ctx: Ctx) {
    const hc = await ctx.kube.get<KubeObject & { spec?: { infraID?: string } }>(hcRef(ctx.opts));
    if (!hc) {
      // Gone, but secrets of ours left: an interrupted destroy to finish. Nothing at all: a typo, unless told.
      const leftovers = await ownSecrets(ctx);
      if (leftovers.length || ctx.opts.ignoreNotFound) return 'already gone';
      const others = (await ctx.kube.list('hypershift.openshift.io/v1beta1', 'HostedCluster', { namespace: ctx.opts.namespace, signal: ctx.signal })).map((h) => h.metadata.name);
      throw new HcpError(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} not found; ${others.length ? `HostedClusters in ${ctx.opts.namespace}: ${others.join(', ')}` : `there are no HostedClusters in ${ctx.opts.namespace}`}`, { hint: `check the name and --namespace (\`hcp-kv list -A\`), or pass --ignore-not-found when a missing cluster is fine` });
    }
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
    await ctx.kube.waitFor(hcRef(ctx.opts), gone, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint: `the HyperShift operator tears the control plane down; check \`oc get hc ${ctx.opts.name} -n ${ctx.opts.namespace} -o yaml\` and its finalizers` });
    return 'HostedCluster gone';
  },
};

export const deleteSecrets: Step<DestroyOptions> = {
  id: 'delete-secrets',
  title: 'Delete the secrets created for the cluster',
  needs: ['wait-deleted'],
  async run(ctx: Ctx) {
    const secrets = await ownSecrets(ctx, ctx.memo.get(INFRA) as string | undefined);
    for (const s of secrets) await ctx.kube.delete({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: ctx.opts.namespace }, { signal: ctx.signal });
    return secrets.length ? `deleted ${secrets.map((s) => s.metadata.name).join(', ')}` : 'none left';
  },
};

/** The secrets hcp-kv created for the cluster: by infraID when known; after an interrupted run, by name among the
 * safe-to-delete secrets. */
async function ownSecrets(ctx: Ctx, infraID?: string): Promise<KubeObject[]> {
  const mine = Object.values(secretNames(ctx.opts.name));
  const selector = infraID ? `${INFRA_LABEL}=${infraID}` : `${SAFE_TO_DELETE}=true`;
  return (await ctx.kube.list('v1', 'Secret', { namespace: ctx.opts.namespace, labelSelector: selector, signal: ctx.signal })).filter((s) => infraID || mine.includes(s.metadata.name));
}

export const DESTROY_STEPS: Step<DestroyOptions>[] = [deleteHostedCluster, waitDeleted, deleteSecrets];
