// A connected cluster moved onto a mirror: --disable-default-sources with the oc-mirror results. The mirror catalog
// serves the same packages as redhat-operators (its PackageManifests are found by their catalog label, not by
// name), the default catalog and its packages go away, and every Subscription uses the mirror.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBootstrapOptions } from '../../src/config/bootstrap.js';
import { call } from '../helpers/https.js';
import { get } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const RESULTS = fileURLToPath(new URL('../fixtures/oc-mirror/v1/oc-mirror-workspace', import.meta.url));
const OLM = 'operators.coreos.com/v1alpha1';

describe('--disable-default-sources with oc-mirror v1 results on a connected cluster', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
  });
  afterAll(() => env.stop());

  it('refuses --disable-default-sources alone: the operators would have no catalog (zero writes)', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--disable-default-sources']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Error: --disable-default-sources removes redhat-operators/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('disables the default sources, applies the ICSPs and the catalog, and subscribes from it', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oc-mirror-results', RESULTS, '--disable-default-sources', '-o', 'json'], { timeout: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/disconnected: --disable-default-sources; using catalog redhat-operator-index \(the one CatalogSource in .*results-1700000000\)/);
    expect((await get(env.sim.api, 'config.openshift.io/v1', 'operatorhubs', 'cluster')).spec.disableAllDefaultSources).toBe(true);
    expect(await get(env.sim.api, OLM, 'catalogsources', 'redhat-operators', 'openshift-marketplace')).toBeUndefined();
    const icsp = (await call(env.sim.api, 'GET', '/apis/operator.openshift.io/v1alpha1/imagecontentsourcepolicies')).body.items.map((o: any) => o.metadata.name);
    expect(icsp.sort()).toEqual(['operator-0', 'release-0']);
    const pms = (await call(env.sim.api, 'GET', '/apis/packages.operators.coreos.com/v1/namespaces/openshift-marketplace/packagemanifests')).body.items;
    expect(pms.length).toBeGreaterThan(0);
    expect(new Set(pms.map((p: any) => p.status.catalogSource))).toEqual(new Set(['redhat-operator-index']));
    const subs = (await call(env.sim.api, 'GET', `/apis/${OLM}/subscriptions`)).body.items;
    expect(subs.length).toBe(5);
    for (const s of subs) expect([s.metadata.name, s.spec.source, Boolean(s.status?.installedCSV)]).toEqual([s.metadata.name, 'redhat-operator-index', true]);
  });
});

describe('the catalog settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-catalog-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('come from the config file, the environment and the flags, in that order of precedence', async () => {
    const file = join(dir, 'c.yaml');
    writeFileSync(file, `metallb:\n  addresses: [${POOL}]\ncatalogSource: from-file\nocMirrorResults: /mirror/results\ndisableDefaultSources: true\n`);
    expect(await resolveBootstrapOptions({ config: file }, {})).toMatchObject({ catalogSource: 'from-file', ocMirrorResults: '/mirror/results', disableDefaultSources: true });
    expect((await resolveBootstrapOptions({ config: file }, { HCP_KV_CATALOG_SOURCE: 'from-env' })).catalogSource).toBe('from-env');
    expect((await resolveBootstrapOptions({ config: file, catalogSource: 'from-flag' }, { HCP_KV_CATALOG_SOURCE: 'from-env' })).catalogSource).toBe('from-flag');
    const plain = await resolveBootstrapOptions({ metallbAddresses: POOL }, {});
    expect(plain.catalogSource).toBeUndefined();
    await expect(resolveBootstrapOptions({ metallbAddresses: POOL, catalogSource: 'Bad_Name' }, {})).rejects.toThrow(/--catalog-source "Bad_Name" is not a CatalogSource name/);
  });
});
