// The simulated operators only use the API: run them as `hcp-kv sim controllers` (a child process) against a
// second API server started without operators, with the real upstream CRDs, and check what they produce.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { CLI } from '../../helpers/cli.js';
import { call } from '../../helpers/https.js';
import { condTrue, create, get, mergePatch, pathOf, waitUntil } from '../../helpers/sim-api.js';
import { CRDS_DIR } from '../../helpers/fixtures.js';

const OLM = 'operators.coreos.com/v1alpha1';

describe('sim controllers against a separate API server, with the real CRDs', () => {
  let api: ApiServer;
  let child: ChildProcess;
  let output = '';
  beforeAll(async () => {
    api = await startApiServer();
    const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-ext-'));
    const kc = join(dir, 'kubeconfig');
    await api.writeKubeconfig(kc);
    child = spawn(process.execPath, [CLI, 'sim', 'controllers', '--kubeconfig', kc, '--crds', CRDS_DIR, '--profile', 'fast', '--time-scale', '0.3', '--mce-version', '2.5.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d) => (output += d));
  });
  // The operators' log, for a failing test only.
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.log(output.slice(-3000))));
  afterAll(async () => {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    await api.close();
  });

  it('seeds OpenShift, installs operators through OLM, and MCE 2.5 prunes the preview override and enables HyperShift', async () => {
    const cv = await waitUntil(api, 'config.openshift.io/v1', 'clusterversions', 'version', undefined, (o) => o.status?.desired?.version === '4.12.0');
    expect(cv.status.history[0].state).toBe('Completed');
    const pm = await waitUntil(api, 'packages.operators.coreos.com/v1', 'packagemanifests', 'multicluster-engine', 'openshift-marketplace', (o) => Boolean(o.status?.defaultChannel));
    expect(pm.status.defaultChannel).toBe('stable-2.5');
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'multicluster-engine' } });
    await create(api, 'operators.coreos.com/v1', 'operatorgroups', { kind: 'OperatorGroup', metadata: { name: 'mce', namespace: 'multicluster-engine' }, spec: { targetNamespaces: ['multicluster-engine'] } });
    await create(api, OLM, 'subscriptions', {
      kind: 'Subscription',
      metadata: { name: 'multicluster-engine', namespace: 'multicluster-engine' },
      spec: { name: 'multicluster-engine', channel: 'stable-2.5', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    const sub = await waitUntil(api, OLM, 'subscriptions', 'multicluster-engine', 'multicluster-engine', (s) => s.status?.state === 'AtLatestKnown');
    expect(sub.status.installedCSV).toBe('multicluster-engine.v2.5.1');
    expect((await get(api, OLM, 'installplans', sub.status.installPlanRef.name, 'multicluster-engine')).status.phase).toBe('Complete');
    // The real MultiClusterEngine CRD (the shipped real one) was registered by "OLM".
    const crd = await get(api, 'apiextensions.k8s.io/v1', 'customresourcedefinitions', 'multiclusterengines.multicluster.openshift.io');
    expect(JSON.stringify(crd.spec.versions[0].schema.openAPIV3Schema).length).toBeGreaterThan(5000);

    // Before MCE registers the ManagedCluster API, applying one fails with "no matches" (404).
    const early = await call(
      api,
      'PATCH',
      `${pathOf('cluster.open-cluster-management.io/v1', 'managedclusters', undefined, 'local-cluster')}?fieldManager=t`,
      JSON.stringify({ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'local-cluster' }, spec: { hubAcceptsClient: true } }),
      { contentType: 'application/apply-patch+yaml' },
    );
    expect(early.status).toBe(404);

    await create(api, 'multicluster.openshift.io/v1', 'multiclusterengines', {
      kind: 'MultiClusterEngine',
      metadata: { name: 'multiclusterengine' },
      spec: {
        overrides: {
          components: [
            { name: 'hypershift-preview', enabled: true },
            { name: 'console-mce', enabled: false },
          ],
        },
      },
    });
    const mce = await waitUntil(
      api,
      'multicluster.openshift.io/v1',
      'multiclusterengines',
      'multiclusterengine',
      undefined,
      (m) => m.status?.phase === 'Available' && !(m.spec.overrides?.components ?? []).some((c: any) => c.name === 'hypershift-preview'),
    );
    expect(mce.status.currentVersion).toBe('2.5.1');
    expect(mce.spec.overrides.components).toEqual([{ name: 'console-mce', enabled: false }]);
    const mc = await waitUntil(api, 'cluster.open-cluster-management.io/v1', 'managedclusters', 'local-cluster', undefined, condTrue('ManagedClusterConditionAvailable'));
    expect(mc.metadata.labels['local-cluster']).toBe('true');
    const addon = await waitUntil(api, 'addon.open-cluster-management.io/v1alpha1', 'managedclusteraddons', 'hypershift-addon', 'local-cluster', condTrue('Available'));
    expect(addon.status.conditions.find((c: any) => c.type === 'Degraded').status).toBe('False');
    await waitUntil(api, 'apps/v1', 'deployments', 'operator', 'hypershift', condTrue('Available'));
    // The preview override stays pruned on later reconciles.
    await mergePatch(api, 'multicluster.openshift.io/v1', 'multiclusterengines', 'multiclusterengine', undefined, { spec: { overrides: { components: [{ name: 'hypershift-preview', enabled: true }] } } });
    await waitUntil(api, 'multicluster.openshift.io/v1', 'multiclusterengines', 'multiclusterengine', undefined, (m) => !(m.spec.overrides?.components ?? []).some((c: any) => c.name === 'hypershift-preview'));
    expect(output).not.toMatch(/error:/);
  }, 60_000);
});
