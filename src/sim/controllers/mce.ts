// The multicluster engine, version by version (docs/openshift-facts.md, "MCE version matrix"):
//   2.0–2.1  component `hypershift-preview`, off; local-cluster and the addon are the admin's job
//   2.2–2.3  `hypershift-preview`, off unless spec.overrides.components enables it; local-cluster and the
//            addon are created by MCE
//   ≥ 2.4    `hypershift`, on by default; a `hypershift-preview` override entry is pruned on every reconcile
//   ≥ 2.9    spec.localClusterName names the local cluster (default local-cluster)
// The ManagedCluster CRD is registered some time after MCE is Available.
import { serialReconciler } from './requeue.js';
import semver from 'semver';
import type { Obj } from './client.js';
import { condition, mergeConditions, now, type Controller, type SimContext } from './runtime.js';

const MCE = 'multicluster.openshift.io/v1';

export function mceBehaviour(version: string) {
  const v = semver.coerce(version)?.version ?? '2.2.0';
  const atLeast = (x: string) => semver.gte(v, x);
  return {
    component: atLeast('2.4.0') ? 'hypershift' : 'hypershift-preview',
    enabledByDefault: atLeast('2.4.0'),
    prunePreview: atLeast('2.4.0'),
    autoCreatesLocalCluster: atLeast('2.2.0'),
    hasLocalClusterName: atLeast('2.9.0'),
  };
}

/** Whether HyperShift is on for this MCE spec, for the running version. */
export function hypershiftEnabled(mce: Obj, version: string): boolean {
  const b = mceBehaviour(version);
  const entry = (mce.spec?.overrides?.components ?? []).find((c: Obj) => c.name === b.component);
  return entry ? entry.enabled === true : b.enabledByDefault;
}

export function localClusterName(mce: Obj | undefined, version: string): string {
  return (mceBehaviour(version).hasLocalClusterName && mce?.spec?.localClusterName) || 'local-cluster';
}

async function reconcile(ctx: SimContext, mce: Obj, firstTime: boolean): Promise<void> {
  const c = ctx.client;
  const version = ctx.versions.mce;
  const b = mceBehaviour(version);
  const components: Obj[] = mce.spec?.overrides?.components ?? [];
  if (b.prunePreview && components.some((x) => x.name === 'hypershift-preview')) {
    await c.patch(MCE, 'MultiClusterEngine', mce.metadata.name, undefined, { spec: { overrides: { components: components.filter((x) => x.name !== 'hypershift-preview') } } });
    ctx.log('mce', 'pruned the hypershift-preview override (MCE ≥ 2.4 manages HyperShift itself)');
  }
  if (firstTime) {
    await c.patchStatus(mce, { phase: 'Progressing', conditions: [condition('Progressing', true, 'Deploying', 'Deploying components')] });
    await ctx.delay('mceAvailable');
  }
  const enabled = hypershiftEnabled(mce, version);
  const live = (await c.get(MCE, 'MultiClusterEngine', mce.metadata.name)) ?? mce;
  const comps = [
    { name: 'cluster-manager', kind: 'Deployment', status: 'True', type: 'Available', reason: 'ComponentsAvailable' },
    { name: 'managedcluster-import-controller-v2', kind: 'Deployment', status: 'True', type: 'Available', reason: 'ComponentsAvailable' },
    { name: enabled ? 'hypershift-addon-manager' : `${b.component}-disabled`, kind: 'Deployment', status: enabled ? 'True' : 'False', type: 'Available', reason: enabled ? 'ComponentsAvailable' : 'ComponentDisabled' },
  ].map((x) => ({ ...x, message: '', lastTransitionTime: now() }));
  await c.patchStatus(live, {
    phase: 'Available',
    currentVersion: version,
    desiredVersion: version,
    components: comps,
    conditions: mergeConditions(live.status?.conditions, [condition('Progressing', true, 'DeploySuccessful', 'All components deployed'), condition('Available', true, 'ComponentsAvailable', 'All components are available')]),
  });
  ctx.log('mce', `MultiClusterEngine ${mce.metadata.name} Available (${version}, ${b.component} ${enabled ? 'on' : 'off'})`);
}

async function registerClusterApis(ctx: SimContext, mce: Obj): Promise<void> {
  await ctx.delay('managedClusterCrd');
  await ctx.registerCrds(['managedclusters.cluster.open-cluster-management.io', 'managedclusteraddons.addon.open-cluster-management.io']);
  ctx.log('mce', 'ManagedCluster and ManagedClusterAddOn APIs registered');
  if (!mceBehaviour(ctx.versions.mce).autoCreatesLocalCluster) return;
  const name = localClusterName(mce, ctx.versions.mce);
  await ctx.client.ensure({
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: { name, labels: { 'local-cluster': 'true', cloud: 'auto-detect', vendor: 'auto-detect' } },
    spec: { hubAcceptsClient: true, leaseDurationSeconds: 60 },
  });
}

/** The addon MCE creates for its local cluster once HyperShift is enabled (2.2+). */
async function ensureAddon(ctx: SimContext, mce: Obj): Promise<void> {
  if (!mceBehaviour(ctx.versions.mce).autoCreatesLocalCluster || !hypershiftEnabled(mce, ctx.versions.mce)) return;
  const ns = localClusterName(mce, ctx.versions.mce);
  if (!(await ctx.client.hasResource('addon.open-cluster-management.io/v1alpha1', 'ManagedClusterAddOn'))) return;
  await ctx.client.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await ctx.client.ensure({ apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ManagedClusterAddOn', metadata: { name: 'hypershift-addon', namespace: ns }, spec: { installNamespace: 'open-cluster-management-agent-addon' } });
}

export const mce: Controller = {
  name: 'mce',
  async start(ctx) {
    const lastSpec = new Map<string, string>();
    let apis = false;
    // Spec changes wait here until reconciled; a failed reconcile stays and is tried again (requeue.ts).
    const pending = new Map<string, { obj: Obj; first: boolean }>();
    const reconcileAll = serialReconciler(ctx, 'mce', 'reconcile', async () => {
      for (const [name, { obj, first }] of [...pending]) {
        await reconcile(ctx, obj, first);
        if (!apis) {
          await registerClusterApis(ctx, obj);
          apis = true;
        }
        await ensureAddon(ctx, obj);
        if (pending.get(name)?.obj === obj) pending.delete(name);
      }
    });
    ctx.spawn('mce', () =>
      ctx.client.watch(MCE, 'MultiClusterEngine', { signal: ctx.signal }, (t, obj) => {
        if (t === 'DELETED') return;
        // Reconcile on spec changes only (status writes come back as events too).
        const spec = JSON.stringify(obj.spec ?? {});
        const first = !lastSpec.has(obj.metadata.name);
        if (lastSpec.get(obj.metadata.name) === spec) return;
        lastSpec.set(obj.metadata.name, spec);
        pending.set(obj.metadata.name, { obj, first: first || (pending.get(obj.metadata.name)?.first ?? false) });
        reconcileAll();
      }),
    );
  },
};
