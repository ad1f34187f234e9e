// Ingress on the management cluster, as the hosted clusters meet it: their default ingress is a passthrough
// Route with wildcardPolicy Subdomain, admitted only when the IngressController `default` allows wildcards;
// releases before 4.12.2 also need the passthrough Service and Route the admin (hcp-kv) creates.
import { legacyIngressBlocker } from './legacy-ingress.js';
import type { SimContext } from './runtime.js';
import { informer } from './informer.js';

function olderThan(v: string, than: string): boolean {
  const a = v.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** Why the hosted cluster's default ingress is not admitted, or undefined when it is. */
export async function ingressBlocker(ctx: SimContext, version: string, controlPlaneNamespace: string, routerHttpsNodePort: () => Promise<number | undefined>): Promise<string | undefined> {
  const ic = await informer(ctx.client, 'operator.openshift.io/v1', 'IngressController').get('default', 'openshift-ingress-operator');
  if (ic?.spec?.routeAdmission?.wildcardPolicy !== 'WildcardsAllowed') {
    return 'wildcard routes are not allowed on the management cluster: the hosted cluster default ingress route (wildcardPolicy Subdomain) is not admitted; set spec.routeAdmission.wildcardPolicy: WildcardsAllowed on IngressController default in openshift-ingress-operator';
  }
  if (!olderThan(version, '4.12.2')) return undefined;
  return legacyIngressBlocker(ctx, version, controlPlaneNamespace, await routerHttpsNodePort());
}
