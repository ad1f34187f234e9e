// OLM: Subscription → InstallPlan → CSV (Pending → Installing → Succeeded) → operator Deployment Available →
// the operator's CRDs registered. An unknown package or channel is reported on the Subscription; no CSV. The
// package comes from the CatalogSource the Subscription names (spec.source), which must exist and be READY.
import type { Obj } from './client.js';
import { catalog, servesRedHatIndex } from './catalog.js';
import { unresolved } from './olm-catalog-health.js';
import { condition, now, type Controller, type SimContext } from './runtime.js';

const SUB = 'operators.coreos.com/v1alpha1';

async function install(ctx: SimContext, sub: Obj): Promise<void> {
  const c = ctx.client;
  const ns = sub.metadata.namespace as string;
  const pkgName = sub.spec?.name as string;
  const source = (sub.spec?.source as string | undefined) ?? 'redhat-operators';
  const sourceNs = (sub.spec?.sourceNamespace as string | undefined) ?? 'openshift-marketplace';
  const cs = await c.get(SUB, 'CatalogSource', source, sourceNs);
  const healthy = cs?.status?.connectionState?.lastObservedState === 'READY';
  if (!healthy) {
    await unresolved(ctx, sub, source, sourceNs, Boolean(cs));
    return;
  }
  const pkg = (servesRedHatIndex(cs.spec?.image) ? catalog(ctx.versions.ocp, ctx.versions.mce) : []).find((p) => p.name === pkgName);
  if (!pkg) {
    await c.patchStatus(sub, {
      state: 'UpgradePending',
      lastUpdated: now(),
      conditions: [
        { type: 'ResolutionFailed', status: 'True', reason: 'ConstraintsNotSatisfiable', message: `no operators found in package ${pkgName} in the catalog referenced by subscription ${sub.metadata.name}`, lastTransitionTime: now() },
      ],
    });
    ctx.log('olm', `subscription ${ns}/${sub.metadata.name}: unknown package ${pkgName}`);
    return;
  }
  const channelName = sub.spec?.channel ?? pkg.defaultChannel;
  const channel = pkg.channels.find((ch) => ch.name === channelName);
  if (!channel) {
    await c.patchStatus(sub, {
      state: 'UpgradePending',
      lastUpdated: now(),
      conditions: [
        {
          type: 'ResolutionFailed',
          status: 'True',
          reason: 'ConstraintsNotSatisfiable',
          message: `no operators found in channel ${channelName} of package ${pkgName} in the catalog referenced by subscription ${sub.metadata.name}`,
          lastTransitionTime: now(),
        },
      ],
    });
    ctx.log('olm', `subscription ${ns}/${sub.metadata.name}: unknown channel ${channelName}`);
    return;
  }
  await ctx.delay('installPlan');
  const planName = `install-${Math.floor(ctx.rng() * 0xfffff)
    .toString(36)
    .padStart(5, 'x')
    .slice(0, 5)}`;
  const plan = await c.ensure({
    apiVersion: SUB,
    kind: 'InstallPlan',
    metadata: { name: planName, namespace: ns, ownerReferences: [{ apiVersion: SUB, kind: 'Subscription', name: sub.metadata.name, uid: sub.metadata.uid }] },
    spec: { approval: 'Automatic', approved: true, clusterServiceVersionNames: [channel.csv], generation: 1 },
  });
  if (plan) await c.patchStatus(plan, { phase: 'Complete', catalogSources: [source], bundleLookups: [] });
  await c.patchStatus(sub, {
    state: 'UpgradePending',
    currentCSV: channel.csv,
    installPlanRef: { apiVersion: SUB, kind: 'InstallPlan', name: planName, namespace: ns },
    lastUpdated: now(),
    catalogHealth: [{ catalogSourceRef: { apiVersion: SUB, kind: 'CatalogSource', name: source, namespace: sourceNs }, healthy: true, lastUpdated: now() }],
  });

  const csv = await c.ensure({
    apiVersion: SUB,
    kind: 'ClusterServiceVersion',
    metadata: { name: channel.csv, namespace: ns, labels: { [`operators.coreos.com/${pkgName}.${ns}`]: '' } },
    spec: { displayName: pkg.displayName, version: channel.version, install: { strategy: 'deployment', spec: { deployments: [] } } },
  });
  if (!csv) return; // already installing or installed
  await c.patchStatus(csv, { phase: 'Pending', reason: 'RequirementsUnknown', message: 'requirements not yet checked', lastUpdateTime: now(), lastTransitionTime: now() });
  await ctx.delay('csvInstalling');
  await c.patchStatus(csv, { phase: 'Installing', reason: 'InstallWaiting', message: 'installing: waiting for deployment to become ready', lastUpdateTime: now(), lastTransitionTime: now() });
  const dep = await c.ensure({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: pkg.deployment, namespace: ns, labels: { 'olm.owner': channel.csv } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { name: pkg.deployment } },
      template: { metadata: { labels: { name: pkg.deployment } }, spec: { containers: [{ name: 'operator', image: `registry.redhat.io/${pkgName}/operator:v${channel.version}` }] } },
    },
  });
  await ctx.delay('csvSucceeded');
  if (dep)
    await c.patchStatus(dep, {
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 1,
      observedGeneration: 1,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastTransitionTime: now(), lastUpdateTime: now() }],
    });
  await ctx.registerCrds(pkg.crds);
  await c.patchStatus(csv, { phase: 'Succeeded', reason: 'InstallSucceeded', message: 'install strategy completed with no errors', lastUpdateTime: now(), lastTransitionTime: now(), requirementStatus: [] });
  await c.patchStatus(sub, {
    state: 'AtLatestKnown',
    currentCSV: channel.csv,
    installedCSV: channel.csv,
    lastUpdated: now(),
    conditions: [condition('CatalogSourcesUnhealthy', false, 'AllCatalogSourcesHealthy', 'all available catalogsources are healthy')],
  });
  ctx.log('olm', `installed ${channel.csv} in ${ns}`);
}

export const olm: Controller = {
  name: 'olm',
  async start(ctx) {
    const busy = new Set<string>();
    const resolve = (sub: Obj) => {
      const key = `${sub.metadata.namespace}/${sub.metadata.name}`;
      if (busy.has(key) || sub.status?.installedCSV) return;
      busy.add(key);
      ctx.spawn('olm', async () => {
        try {
          await install(ctx, sub);
        } finally {
          busy.delete(key);
        }
      });
    };
    ctx.spawn('olm', () =>
      ctx.client.watch(SUB, 'Subscription', { signal: ctx.signal }, (type, sub) => {
        if (type === 'DELETED' || sub.status?.conditions?.some((x: Obj) => x.type === 'ResolutionFailed')) return;
        resolve(sub);
      }),
    );
    // OLM resolves again when a catalog changes: a Subscription left unresolved by a missing or unhealthy catalog
    // installs once that catalog is READY.
    ctx.spawn('olm', () =>
      ctx.client.watch(SUB, 'CatalogSource', { signal: ctx.signal }, async (type, cs) => {
        if (type === 'DELETED' || cs.status?.connectionState?.lastObservedState !== 'READY') return;
        const { items } = await ctx.client.list(SUB, 'Subscription');
        for (const sub of items) {
          const waiting = sub.spec?.source === cs.metadata.name && (sub.spec?.sourceNamespace ?? 'openshift-marketplace') === cs.metadata.namespace && !sub.status?.currentCSV;
          if (waiting && sub.status?.conditions?.some((x: Obj) => x.type === 'ResolutionFailed')) resolve(sub);
        }
      }),
    );
  },
};
