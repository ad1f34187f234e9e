// Open Cluster Management on the hub: ManagedClusters are accepted, join and become available; the
// hypershift-addon becomes Available when MCE has HyperShift enabled, and brings the HyperShift operator
// (Deployment `operator` in `hypershift`), its CRDs and the supported-versions ConfigMap.
import { serialReconciler } from './requeue.js';
import type { Obj } from './client.js';
import { hypershiftEnabled } from './mce.js';
import { condition, mergeConditions, type Controller, type SimContext } from './runtime.js';

const MC = 'cluster.open-cluster-management.io/v1';
const ADDON = 'addon.open-cluster-management.io/v1alpha1';

/** OpenShift minors a HyperShift operator shipped with this MCE version can host (newest first). */
export function supportedVersions(mce: string): string[] {
  const [, minorText] = mce.split('.');
  const minor = Number(minorText ?? 2);
  // MCE 2.x ships with OCP 4.(x+10): MCE 2.2 ↔ 4.12, 2.4 ↔ 4.14; HyperShift hosts that minor and two older ones.
  const newest = 10 + minor;
  return [newest, newest - 1, newest - 2].map((m) => `4.${m}`);
}

async function joinCluster(ctx: SimContext, mc: Obj): Promise<void> {
  await ctx.delay('managedClusterJoin');
  const live = (await ctx.client.get(MC, 'ManagedCluster', mc.metadata.name)) ?? mc;
  await ctx.client.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: mc.metadata.name } });
  const accepted = live.spec?.hubAcceptsClient === true;
  await ctx.client.patchStatus(live, {
    version: { kubernetes: 'v1.25.4' },
    clusterClaims: [{ name: 'id.k8s.io', value: mc.metadata.name }],
    conditions: mergeConditions(
      live.status?.conditions,
      accepted
        ? [
            condition('HubAcceptedManagedCluster', true, 'HubClusterAdminAccepted', 'Accepted by hub cluster admin'),
            condition('ManagedClusterJoined', true, 'ManagedClusterJoined', 'Managed cluster joined'),
            condition('ManagedClusterConditionAvailable', true, 'ManagedClusterAvailable', 'Managed cluster is available'),
          ]
        : [condition('HubAcceptedManagedCluster', false, 'HubClusterAdminDenied', 'Denied by hub cluster admin')],
    ),
  });
  ctx.log('ocm', `ManagedCluster ${mc.metadata.name} ${accepted ? 'joined' : 'not accepted'}`);
}

async function reconcileAddon(ctx: SimContext, addon: Obj): Promise<void> {
  const c = ctx.client;
  const mces = (await c.list('multicluster.openshift.io/v1', 'MultiClusterEngine')).items;
  const mce = mces[0];
  const enabled = Boolean(mce && mce.status?.phase === 'Available' && hypershiftEnabled(mce, ctx.versions.mce));
  if (!enabled) {
    await c.patchStatus(addon, { conditions: mergeConditions(addon.status?.conditions, [condition('Available', false, 'HypershiftDisabled', 'the hypershift component of the MultiClusterEngine is not enabled')]) });
    return;
  }
  await ctx.delay('addonAvailable');
  await c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hypershift' } });
  await c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: addon.spec?.installNamespace ?? 'open-cluster-management-agent-addon' } });
  await ctx.registerCrds(['hostedclusters.hypershift.openshift.io', 'nodepools.hypershift.openshift.io']);
  await c.ensure({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'supported-versions', namespace: 'hypershift', labels: { 'hypershift.openshift.io/supported-versions': 'true' } },
    data: { 'supported-versions': JSON.stringify({ versions: supportedVersions(ctx.versions.mce) }), 'server-version': `sim-${ctx.versions.mce}` },
  });
  const dep = await c.ensure({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'operator', namespace: 'hypershift', labels: { app: 'operator' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { name: 'operator' } },
      template: { metadata: { labels: { name: 'operator' } }, spec: { containers: [{ name: 'operator', image: `registry.redhat.io/multicluster-engine/hypershift-rhel9-operator:v${ctx.versions.mce}` }] } },
    },
  });
  await ctx.delay('hypershiftOperator');
  if (dep) {
    await c.patchStatus(dep, {
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 1,
      observedGeneration: 1,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastTransitionTime: new Date().toISOString(), lastUpdateTime: new Date().toISOString() }],
    });
    const pod = await c.ensure({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'operator-5d9c7b9f7d-sim01', namespace: 'hypershift', labels: { name: 'operator' } },
      spec: { containers: [{ name: 'operator', image: 'hypershift-operator' }] },
    });
    if (pod) await c.patchStatus(pod, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
  }
  const live = (await c.get(ADDON, 'ManagedClusterAddOn', addon.metadata.name, addon.metadata.namespace)) ?? addon;
  await c.patchStatus(live, {
    namespace: live.spec?.installNamespace ?? 'open-cluster-management-agent-addon',
    conditions: mergeConditions(live.status?.conditions, [
      condition('Available', true, 'ManagedClusterAddOnLeaseUpdated', 'hypershift-addon add-on is available.'),
      condition('Degraded', false, 'HypershiftDeployed', 'HyperShift is deployed on managed cluster.'),
    ]),
  });
  ctx.log('ocm', 'hypershift-addon Available, HyperShift operator running');
}

export const ocm: Controller = {
  name: 'ocm',
  async start(ctx) {
    const joined = new Set<string>();
    ctx.spawn('ocm', () =>
      ctx.client.watch(MC, 'ManagedCluster', { signal: ctx.signal }, (t, mc) => {
        if (t === 'DELETED' || joined.has(mc.metadata.name)) return;
        joined.add(mc.metadata.name);
        ctx.spawn('ocm', () => joinCluster(ctx, mc));
      }),
    );
    const available = new Set<string>();
    const reconcileAll = serialReconciler(ctx, 'ocm', 'addon reconcile', async () => {
      for (const a of (await ctx.client.list(ADDON, 'ManagedClusterAddOn')).items) {
        const key = `${a.metadata.namespace}/${a.metadata.name}`;
        if (a.metadata.name !== 'hypershift-addon' || available.has(key)) continue;
        await reconcileAddon(ctx, a);
        const after = await ctx.client.get(ADDON, 'ManagedClusterAddOn', a.metadata.name, a.metadata.namespace);
        if (after?.status?.conditions?.some((x: Obj) => x.type === 'Available' && x.status === 'True')) available.add(key);
      }
    });
    ctx.spawn('ocm', () => ctx.client.watch(ADDON, 'ManagedClusterAddOn', { signal: ctx.signal }, (t, a) => (t === 'DELETED' || a.status?.conditions ? undefined : reconcileAll())));
    // Enabling HyperShift on the MCE later (the 2.2 preview override) must bring the addon up.
    ctx.spawn('ocm', () => ctx.client.watch('multicluster.openshift.io/v1', 'MultiClusterEngine', { signal: ctx.signal }, () => reconcileAll()));
  },
};
