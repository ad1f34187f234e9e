// Not a step: preflight's catalog checks. Which CatalogSource the Subscriptions use, that it exists and is
// READY (or comes from --oc-mirror-results), and, on a disconnected cluster, what bootstrap will use.
import { usageError } from '../errors.js';
import type { KubeObject } from '../kube/types.js';
import type { BootstrapContext } from '../steps/bootstrap/context.js';
import { disconnectedSigns, readDisconnected } from './disconnected-check.js';
import { chooseCatalog, readOcMirrorResults } from './mirror-catalog.js';

type CatalogSource = KubeObject & { status?: { connectionState?: { lastObservedState?: string } } };

const MIRROR_HINT = 'mirror the operators with oc-mirror and pass --oc-mirror-results DIR (its CatalogSource is used), or --catalog-source NAME for a mirror catalog already on the cluster';

/** Returns the catalog's name; sets ctx.state.catalogSource, mirrorResults and catalogPending. */
export async function checkCatalog(ctx: BootstrapContext): Promise<string> {
  const results = ctx.opts.ocMirrorResults ? readOcMirrorResults(ctx.opts.ocMirrorResults) : undefined;
  if (results) ctx.state.mirrorResults = { folder: results.folder, objects: results.objects, skipped: results.skipped };
  const chosen = chooseCatalog(ctx, results);
  ctx.state.catalogSource = chosen.name;
  if (ctx.opts.disableDefaultSources && chosen.from === 'default') throw usageError('--disable-default-sources removes redhat-operators, the catalog the operators would come from', MIRROR_HINT);
  const info = await readDisconnected(ctx.kube);
  const signs = disconnectedSigns(info);
  if (ctx.opts.disableDefaultSources && !info.defaultSourcesDisabled) signs.unshift('--disable-default-sources');
  const why = chosen.from === 'flag' ? ' (--catalog-source)' : chosen.from === 'oc-mirror' ? ` (the one CatalogSource in ${results!.folder})` : '';
  if (signs.length) ctx.report(`disconnected: ${signs.join('; ')}; using catalog ${chosen.name}${why}`);
  else if (chosen.from !== 'default') ctx.report(`using catalog ${chosen.name}${why}`);
  const cs = await ctx.kube.get<CatalogSource>({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'CatalogSource', name: chosen.name, namespace: 'openshift-marketplace' });
  // A catalog the results create (or re-apply) is checked by mirror-resources once it is READY.
  ctx.state.catalogPending = chosen.fromResults && cs?.status?.connectionState?.lastObservedState !== 'READY';
  if (ctx.state.catalogPending) return chosen.name;
  if (!cs) {
    const disabled = info.defaultSourcesDisabled && chosen.from === 'default' ? ': the default sources are disabled in OperatorHub cluster' : '';
    throw usageError(
      `the catalog ${chosen.name} does not exist in openshift-marketplace${disabled}; the operators (${packagesText(ctx)}) cannot be installed from it`,
      chosen.from === 'default' ? MIRROR_HINT : 'list the catalogs with `oc get catalogsource -n openshift-marketplace`',
    );
  }
  const state = cs.status?.connectionState?.lastObservedState ?? 'no connection state';
  if (state !== 'READY')
    throw usageError(
      `the catalog ${chosen.name} is not READY (${state}): OLM cannot resolve ${packagesText(ctx)} from it`,
      chosen.from === 'default' ? `${MIRROR_HINT}; a default catalog that cannot reach registry.redhat.io stays in TRANSIENT_FAILURE` : `check its image and pod: \`oc get catalogsource ${chosen.name} -n openshift-marketplace -o yaml\``,
    );
  return chosen.name;
}

function packagesText(ctx: BootstrapContext): string {
  return ctx.opts.infraOnly ? 'storage, virtualization, MetalLB' : 'storage, virtualization, MetalLB, multicluster engine';
}
