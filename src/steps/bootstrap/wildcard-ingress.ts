// Wildcard route admission on the default IngressController: without it a hosted cluster's default ingress
// (a passthrough Route with wildcardPolicy Subdomain) is never admitted and the cluster never completes.
import type { IngressController } from '../../model/index.js';
import { wildcardRoutes } from '../../manifests/ingress.js';
import { applyAll, isServerDryRun, type BootstrapContext, type BootstrapStep } from './context.js';

const REF = { apiVersion: 'operator.openshift.io/v1', kind: 'IngressController', name: 'default', namespace: 'openshift-ingress-operator' };

export async function wildcardPolicy(ctx: Pick<BootstrapContext, 'kube'>): Promise<string | undefined> {
  const ic = await ctx.kube.get<IngressController>(REF);
  return ic?.spec?.routeAdmission?.wildcardPolicy;
}

export const wildcardIngress: BootstrapStep = {
  id: 'wildcard-ingress',
  title: 'Allow wildcard routes on the default IngressController',
  needs: ['preflight'],
  async skip(ctx) {
    return (await wildcardPolicy(ctx)) === 'WildcardsAllowed' ? 'wildcardPolicy is WildcardsAllowed' : false;
  },
  async run(ctx) {
    await applyAll(ctx, [wildcardRoutes()]);
    return isServerDryRun(ctx) ? '[dry run] IngressController patch validated' : 'wildcardPolicy set to WildcardsAllowed';
  },
};
