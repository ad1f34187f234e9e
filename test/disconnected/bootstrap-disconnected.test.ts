// Bootstrap on a disconnected site (`sim --disconnected`: default sources disabled in OperatorHub, public
// registries unreachable): refused without a mirror, with zero writes; from the oc-mirror results it completes with
// every Subscription on the mirror catalog; a re-run is already done; doctor reports catalogs and mirror sets.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { create, get, mergePatch, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const RESULTS = fileURLToPath(new URL('../fixtures/oc-mirror/v2', import.meta.url));
const MIRROR = 'cs-redhat-operator-index-v4-12';
const OLM = 'operators.coreos.com/v1alpha1';

describe('bootstrap on a disconnected site', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ disconnected: true, timeScale: 0.5 });
  });
  afterAll(() => env.stop());

  it('starts with the default sources disabled and no default catalog', async () => {
    expect((await get(env.sim.api, 'config.openshift.io/v1', 'operatorhubs', 'cluster'))?.spec?.disableAllDefaultSources).toBe(true);
    expect(await get(env.sim.api, OLM, 'catalogsources', 'redhat-operators', 'openshift-marketplace')).toBeUndefined();
    const pms = await call(env.sim.api, 'GET', '/apis/packages.operators.coreos.com/v1/namespaces/openshift-marketplace/packagemanifests');
    expect(pms.body.items).toEqual([]);
  });

  it('refuses without a mirror, naming the missing catalog, with zero writes', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/disconnected: default sources disabled; using catalog redhat-operators/);
    expect(r.stderr).toMatch(/Error: the catalog redhat-operators does not exist in openshift-marketplace: the default sources are disabled/);
    expect(r.stderr).toMatch(/Hint: .*--oc-mirror-results DIR/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('refuses --catalog-source of a catalog without the packages, naming the package and the catalog', async () => {
    await create(env.sim.api, OLM, 'catalogsources', {
      kind: 'CatalogSource',
      metadata: { name: 'certified-mirror', namespace: 'openshift-marketplace' },
      spec: { sourceType: 'grpc', image: 'mirror.example.com:5000/redhat/certified-operator-index:v4.12' },
    });
    await waitUntil(env.sim.api, OLM, 'catalogsources', 'certified-mirror', 'openshift-marketplace', (o) => o.status?.connectionState?.lastObservedState === 'READY');
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--catalog-source', 'certified-mirror']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Error: the catalog certified-mirror has no package local-storage-operator/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('OLM leaves a Subscription to the disabled default catalog unresolved, with its conditions', async () => {
    await create(env.sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'probe' } });
    await create(env.sim.api, OLM, 'subscriptions', {
      kind: 'Subscription',
      metadata: { name: 'metallb-operator', namespace: 'probe' },
      spec: { name: 'metallb-operator', channel: 'stable', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    const sub = await waitUntil(env.sim.api, OLM, 'subscriptions', 'metallb-operator', 'probe', (o) => Boolean(o.status?.conditions?.length));
    const cond = (t: string) => sub.status.conditions.find((c: any) => c.type === t);
    expect(cond('CatalogSourcesUnhealthy')).toMatchObject({ status: 'True', reason: 'UnhealthyCatalogSourceFound', message: 'targeted catalogsource openshift-marketplace/redhat-operators missing' });
    expect(cond('ResolutionFailed').message).toBe(
      'constraints not satisfiable: no operators found from catalog redhat-operators in namespace openshift-marketplace referenced by subscription metallb-operator, subscription metallb-operator exists',
    );
    expect(sub.status.installedCSV).toBeUndefined();
  });

  it('--dry-run=server with the oc-mirror results changes nothing', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oc-mirror-results', RESULTS, '--dry-run=server']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/mirror-resources: CatalogSource openshift-marketplace\/cs-redhat-operator-index-v4-12 validated by the server/);
    expect(env.sim.api.stats().mutating).toBe(0);
    expect(await get(env.sim.api, OLM, 'catalogsources', MIRROR, 'openshift-marketplace')).toBeUndefined();
  });

  it('completes from the oc-mirror results, every Subscription on the mirror catalog; a re-run is already done', async () => {
    const first = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oc-mirror-results', RESULTS, '-o', 'json'], { timeout: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`disconnected: default sources disabled; using catalog ${MIRROR} \\(the one CatalogSource in .*cluster-resources\\)`));
    expect(first.stderr).toMatch(/not applied: cc-redhat-operator-index-v4-12\.yaml: ClusterCatalog/);
    const steps = JSON.parse(first.stdout).steps as Array<{ id: string; status: string; message?: string }>;
    expect(steps.find((s) => s.id === 'mirror-resources')).toMatchObject({ status: 'done' });
    const subs = (await call(env.sim.api, 'GET', `/apis/${OLM}/subscriptions`)).body.items.filter((s: any) => s.metadata.namespace !== 'probe');
    expect(subs.length).toBe(5);
    for (const s of subs) {
      expect(s.spec.source, s.metadata.name).toBe(MIRROR);
      expect(s.status.installedCSV, s.metadata.name).toBeTruthy();
    }
    const idms = (await call(env.sim.api, 'GET', '/apis/config.openshift.io/v1/imagedigestmirrorsets')).body.items.map((o: any) => o.metadata.name);
    expect(idms.sort()).toEqual(['idms-operator-0', 'idms-release-0']);

    env.sim.api.resetStats();
    const second = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oc-mirror-results', RESULTS, '-o', 'json'], { timeout: 240_000 });
    expect(second.code, second.stderr).toBe(0);
    const again = JSON.parse(second.stdout).steps as Array<{ id: string; status: string; message?: string }>;
    expect(again.find((s) => s.id === 'mirror-resources')).toMatchObject({ status: 'already-done', message: expect.stringMatching(/^already applied: ImageDigestMirrorSet idms-operator-0, .*CatalogSource cs-redhat-operator-index-v4-12$/) });
    const rerun = again.filter((s) => s.id !== 'preflight' && s.status !== 'disabled');
    expect(rerun.map((s) => `${s.id} ${s.status}`)).toEqual(rerun.map((s) => `${s.id} already-done`));
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('doctor reports the default sources, each catalog with its state, and the mirror sets', async () => {
    const r = await env.cli(['doctor', '-o', 'json']);
    const checks = JSON.parse(r.stdout).checks as Array<{ check: string; status: string; detail: string }>;
    const row = (id: string) => checks.find((c) => c.check === id);
    expect(row('default-sources')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^disabled/) });
    expect(row('catalogs')).toMatchObject({ status: 'ok', detail: `certified-mirror READY, ${MIRROR} READY` });
    const text = await env.cli(['doctor', '--all']);
    expect(text.stdout).toMatch(/Default catalog sources +disabled/);
    expect(text.stdout).toMatch(new RegExp(`Catalogs +certified-mirror READY, ${MIRROR} READY`));
    expect(text.stdout).toMatch(/Mirror sets +2 ImageDigestMirrorSet, 1 ImageTagMirrorSet/);
    expect(row('mirror-sets')?.detail).toBe(
      '2 ImageDigestMirrorSet, 1 ImageTagMirrorSet, 0 ImageContentSourcePolicy; sources: quay.io/openshift-release-dev/ocp-release, quay.io/openshift-release-dev/ocp-v4.0-art-dev, registry.redhat.io/container-native-virtualization, registry.redhat.io/lvms4, registry.redhat.io/multicluster-engine, registry.redhat.io/odf4, registry.redhat.io/openshift4',
    );
  });
});

describe('a disconnected site with the default sources enabled', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ disconnected: true, profile: 'instant' });
    await mergePatch(env.sim.api, 'config.openshift.io/v1', 'operatorhubs', 'cluster', undefined, { spec: { disableAllDefaultSources: false } });
    // The marketplace brings redhat-operators back; its index cannot be pulled.
    await waitUntil(env.sim.api, OLM, 'catalogsources', 'redhat-operators', 'openshift-marketplace', (o) => o.status?.connectionState?.lastObservedState === 'TRANSIENT_FAILURE');
  });
  afterAll(() => env.stop());

  it('preflight refuses the unreachable default catalog, with zero writes', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/disconnected: redhat-operators TRANSIENT_FAILURE; using catalog redhat-operators/);
    expect(r.stderr).toMatch(/Error: the catalog redhat-operators is not READY \(TRANSIENT_FAILURE\)/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('doctor warns about the catalog that is not READY', async () => {
    const r = await env.cli(['doctor', '-o', 'json']);
    const row = (JSON.parse(r.stdout).checks as Array<{ check: string; status: string; detail: string }>).find((c) => c.check === 'catalogs');
    expect(row).toMatchObject({ status: 'warn', detail: 'redhat-operators TRANSIENT_FAILURE' });
  });

  it('OLM leaves a Subscription to the unreachable catalog unresolved, with its conditions', async () => {
    await create(env.sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'probe' } });
    await create(env.sim.api, OLM, 'subscriptions', {
      kind: 'Subscription',
      metadata: { name: 'metallb-operator', namespace: 'probe' },
      spec: { name: 'metallb-operator', channel: 'stable', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    const sub = await waitUntil(env.sim.api, OLM, 'subscriptions', 'metallb-operator', 'probe', (o) => Boolean(o.status?.conditions?.length));
    expect(sub.status.conditions.find((c: any) => c.type === 'CatalogSourcesUnhealthy')).toMatchObject({
      status: 'True',
      reason: 'UnhealthyCatalogSourceFound',
      message: 'targeted catalogsource openshift-marketplace/redhat-operators unhealthy',
    });
    expect(sub.status.catalogHealth[0]).toMatchObject({ healthy: false, catalogSourceRef: { name: 'redhat-operators' } });
    expect(sub.status.installedCSV).toBeUndefined();
  });

  it('OLM resolves a waiting Subscription once its catalog appears and is READY', async () => {
    await create(env.sim.api, OLM, 'subscriptions', { kind: 'Subscription', metadata: { name: 'lvms-operator', namespace: 'probe' }, spec: { name: 'lvms-operator', source: 'late-mirror', sourceNamespace: 'openshift-marketplace' } });
    const waiting = await waitUntil(env.sim.api, OLM, 'subscriptions', 'lvms-operator', 'probe', (o) => Boolean(o.status?.conditions?.length));
    expect(waiting.status.conditions.find((c: any) => c.type === 'CatalogSourcesUnhealthy').message).toBe('targeted catalogsource openshift-marketplace/late-mirror missing');
    await create(env.sim.api, OLM, 'catalogsources', {
      kind: 'CatalogSource',
      metadata: { name: 'late-mirror', namespace: 'openshift-marketplace' },
      spec: { sourceType: 'grpc', image: 'mirror.example.com:5000/redhat/redhat-operator-index:v4.12' },
    });
    const sub = await waitUntil(env.sim.api, OLM, 'subscriptions', 'lvms-operator', 'probe', (o) => Boolean(o.status?.installedCSV));
    expect(sub.status.installedCSV).toMatch(/^lvms-operator\.v/);
    expect(sub.status.conditions.some((c: any) => c.type === 'ResolutionFailed')).toBe(false);
  });
});
