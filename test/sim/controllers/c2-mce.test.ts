// MCE ≥2.4 through raw API calls: HyperShift on by default, the preview override pruned from spec, and the
// ManagedCluster CRD only appearing after MCE is Available (an early create gets 404, a later one works).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { call } from '../../helpers/https.js';
import { condTrue, create, get, pathOf, waitUntil } from '../../helpers/sim-api.js';

const OLM = 'operators.coreos.com/v1alpha1';
const MC = 'cluster.open-cluster-management.io/v1';

describe('MCE 2.5', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ profile: 'fast', timeScale: 0.2, mceVersion: '2.5.1' });
  });
  afterAll(() => sim.stop());

  it('enables hypershift, prunes the preview override, and registers ManagedCluster only after Available', async () => {
    const api = sim.api;
    const ns = 'multicluster-engine';
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: ns } });
    await create(api, 'operators.coreos.com/v1', 'operatorgroups', { kind: 'OperatorGroup', metadata: { name: ns, namespace: ns }, spec: { targetNamespaces: [ns] } });
    await create(api, OLM, 'subscriptions', { kind: 'Subscription', metadata: { name: 'multicluster-engine', namespace: ns }, spec: { name: 'multicluster-engine', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' } });
    const sub = await waitUntil(api, OLM, 'subscriptions', 'multicluster-engine', ns, (s) => Boolean(s.status?.installedCSV));
    await waitUntil(api, OLM, 'clusterserviceversions', sub.status.installedCSV, ns, (c) => c.status?.phase === 'Succeeded');

    // No ManagedCluster CRD yet: the create is refused with 404 (kubectl: "no matches for kind").
    const early = await call(api, 'POST', pathOf(MC, 'managedclusters'), { apiVersion: MC, kind: 'ManagedCluster', metadata: { name: 'early' }, spec: { hubAcceptsClient: true } });
    expect(early.status).toBe(404);

    await create(api, 'multicluster.openshift.io/v1', 'multiclusterengines', { kind: 'MultiClusterEngine', metadata: { name: 'multiclusterengine' }, spec: { overrides: { components: [{ name: 'hypershift-preview', enabled: true }] } } });
    const mce = await waitUntil(api, 'multicluster.openshift.io/v1', 'multiclusterengines', 'multiclusterengine', undefined, (m) => m.status?.phase === 'Available');
    expect(mce.status.currentVersion).toBe('2.5.1');
    const pruned = await waitUntil(api, 'multicluster.openshift.io/v1', 'multiclusterengines', 'multiclusterengine', undefined, (m) => !(m.spec?.overrides?.components ?? []).some((c: any) => c.name === 'hypershift-preview'));
    expect(pruned.spec.overrides?.components ?? []).not.toContainEqual(expect.objectContaining({ name: 'hypershift-preview' }));

    // Later the CRD exists and the same kind of create succeeds.
    const late = await waitUntil(api, MC, 'managedclusters', 'local-cluster', undefined, condTrue('ManagedClusterJoined'));
    expect(late.metadata.name).toBe('local-cluster');
    const again = await call(api, 'POST', pathOf(MC, 'managedclusters'), { apiVersion: MC, kind: 'ManagedCluster', metadata: { name: 'later' }, spec: { hubAcceptsClient: true } });
    expect(again.status).toBe(201);
    await waitUntil(api, 'addon.open-cluster-management.io/v1alpha1', 'managedclusteraddons', 'hypershift-addon', 'local-cluster', condTrue('Available'));
    await waitUntil(api, 'apps/v1', 'deployments', 'operator', 'hypershift', condTrue('Available'));
    expect(await get(api, 'v1', 'configmaps', 'supported-versions', 'hypershift')).toBeTruthy();
  }, 60_000);
});
