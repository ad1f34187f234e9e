// A Subscription whose CatalogSource is missing or not READY stays unresolved, with OLM's conditions and wording:
// - CatalogSourcesUnhealthy / UnhealthyCatalogSourceFound, "targeted catalogsource NS/NAME missing" or
//   "... unhealthy" (operator-framework/operator-lifecycle-manager
//   pkg/controller/operators/catalog/subscription/state.go@c64f52fcda2898ede1aeb42bfad2eab2e993f5f1, UpdateHealth);
// - ResolutionFailed / ConstraintsNotSatisfiable, "constraints not satisfiable: no operators found from catalog NAME
//   in namespace NS referenced by subscription SUB, subscription SUB exists" (the resolver's message for a
//   subscription whose catalog serves nothing, as OLM reports it for a missing catalog on disconnected sites).
import type { Obj } from './client.js';
import { now, type SimContext } from './runtime.js';

export async function unresolved(ctx: SimContext, sub: Obj, source: string, sourceNs: string, exists: boolean): Promise<void> {
  const name = sub.metadata.name as string;
  const t = now();
  await ctx.client.patchStatus(sub, {
    state: 'UpgradePending',
    lastUpdated: t,
    catalogHealth: exists ? [{ catalogSourceRef: { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'CatalogSource', name: source, namespace: sourceNs }, healthy: false, lastUpdated: t }] : [],
    conditions: [
      { type: 'CatalogSourcesUnhealthy', status: 'True', reason: 'UnhealthyCatalogSourceFound', message: `targeted catalogsource ${sourceNs}/${source} ${exists ? 'unhealthy' : 'missing'}`, lastTransitionTime: t },
      {
        type: 'ResolutionFailed',
        status: 'True',
        reason: 'ConstraintsNotSatisfiable',
        message: `constraints not satisfiable: no operators found from catalog ${source} in namespace ${sourceNs} referenced by subscription ${name}, subscription ${name} exists`,
        lastTransitionTime: t,
      },
    ],
  });
  ctx.log('olm', `subscription ${sub.metadata.namespace}/${name}: catalog ${sourceNs}/${source} ${exists ? 'not READY' : 'missing'}`);
}
