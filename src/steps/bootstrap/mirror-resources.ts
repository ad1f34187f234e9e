// Disconnected sites: the cluster resources oc-mirror wrote (mirror sets, then CatalogSources) and, with
// --disable-default-sources, OperatorHub's default sources off — before any operator installs. A catalog the
// results bring is waited READY and its packages and channels are checked here (preflight could not: it was
// not on the cluster yet).
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../kube/types.js';
import { operatorHubDisableDefaults } from '../../manifests/operatorhub.js';
import { resolveChannels } from '../../preflight/checks.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

type CatalogSource = KubeObject & { status?: { connectionState?: { lastObservedState?: string } } };

function objectsOf(ctx: BootstrapContext): KubeObject[] {
  return [...(ctx.state.mirrorResults?.objects ?? []), ...(ctx.opts.disableDefaultSources ? [operatorHubDisableDefaults()] : [])];
}

const what = (o: KubeObject) => `${o.kind} ${o.metadata.name}`;

/** The fields oc-mirror sets, compared with the cluster's (the server adds defaults and status). */
function contains(live: unknown, want: unknown): boolean {
  if (want && typeof want === 'object' && !Array.isArray(want)) return Boolean(live && typeof live === 'object') && Object.entries(want).every(([k, v]) => contains((live as Record<string, unknown>)[k], v));
  return isDeepStrictEqual(live, want);
}

export const mirrorResources: BootstrapStep = {
  id: 'mirror-resources',
  title: 'Apply the oc-mirror resources and OperatorHub settings',
  needs: ['preflight'],
  enabled: (ctx) => Boolean(ctx.opts.ocMirrorResults || ctx.opts.disableDefaultSources),
  notNeeded: () => 'no --oc-mirror-results or --disable-default-sources',
  async skip(ctx) {
    if (ctx.state.catalogPending) return false;
    const objects = objectsOf(ctx);
    for (const o of objects) {
      const live = await ctx.kube.get({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });
      const { metadata: _m, ...body } = o;
      if (!live || !contains(live, body)) return false;
    }
    return `already applied: ${objects.map(what).join(', ')}`;
  },
  async run(ctx) {
    for (const s of ctx.state.mirrorResults?.skipped ?? []) ctx.report(`not applied: ${s.file}: ${s.why}`);
    const objects = objectsOf(ctx);
    await applyAll(ctx, objects);
    if (isServerDryRun(ctx)) return `[dry run] would apply ${objects.map(what).join(', ')}`;
    const catalog = ctx.state.catalogSource!;
    if (ctx.state.catalogPending) {
      await waitFor<CatalogSource>(
        ctx,
        { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'CatalogSource', name: catalog, namespace: 'openshift-marketplace' },
        (cs) => {
          const state = cs?.status?.connectionState?.lastObservedState;
          return state === 'READY' ? { done: true } : { done: false, reason: `catalog ${catalog} is ${state ?? 'not connected yet'}` };
        },
        `a mirror catalog that stays in TRANSIENT_FAILURE cannot pull its index image: check the mirror registry and the mirror sets (\`oc get catalogsource ${catalog} -n openshift-marketplace -o yaml\`)`,
      );
      ctx.state.channels = await resolveChannels(ctx, catalog);
      ctx.state.catalogPending = false;
    }
    return `applied ${objects.map(what).join(', ')}; catalog ${catalog}`;
  },
};
