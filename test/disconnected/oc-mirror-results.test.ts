// The oc-mirror results folder (test/fixtures/oc-mirror, see SOURCES.md there): what bootstrap applies, skips and
// refuses, for oc-mirror v2 (working-dir/cluster-resources) and v1 (results-*), and which catalog it picks.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseCatalog, readOcMirrorResults, resultsFolder } from '../../src/preflight/mirror-catalog.js';
import type { BootstrapContext } from '../../src/steps/bootstrap/context.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/oc-mirror/', import.meta.url));
const V2 = join(FIXTURES, 'v2');
const V1 = join(FIXTURES, 'v1', 'oc-mirror-workspace');
const tmp = mkdtempSync(join(tmpdir(), 'hcp-kv-ocmirror-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const kinds = (objects: Array<{ kind: string; metadata: { name: string } }>) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
const ctxWith = (catalogSource?: string) => ({ opts: { catalogSource } }) as unknown as BootstrapContext;

describe('oc-mirror v2 cluster-resources', () => {
  it('finds cluster-resources under the workspace and applies mirror sets before the catalog', () => {
    expect(resultsFolder(V2)).toBe(join(V2, 'working-dir', 'cluster-resources'));
    const r = readOcMirrorResults(V2);
    expect(kinds(r.objects)).toEqual([
      'ImageDigestMirrorSet/idms-operator-0',
      'ImageDigestMirrorSet/idms-release-0',
      'ImageTagMirrorSet/itms-operator-0',
      'ConfigMap/mirrored-release-signatures',
      'CatalogSource/cs-redhat-operator-index-v4-12',
    ]);
    const cs = r.catalogSources[0]!;
    expect(cs.metadata.namespace).toBe('openshift-marketplace');
    expect(cs).not.toHaveProperty('status');
    expect((cs.spec as { image: string }).image).toBe('mirror.example.com:5000/redhat/redhat-operator-index:v4.12');
    // The OLM v1 ClusterCatalog and the second copy of the signatures ConfigMap are not applied, and say why.
    expect(r.skipped.map((s) => s.file)).toEqual(['cc-redhat-operator-index-v4-12.yaml', 'signature-configmap.yaml']);
    expect(r.skipped[0]!.why).toMatch(/OLM v1/);
  });

  it('uses the one CatalogSource when --catalog-source is not given', () => {
    const r = readOcMirrorResults(V2);
    expect(chooseCatalog(ctxWith(), r)).toEqual({ name: 'cs-redhat-operator-index-v4-12', from: 'oc-mirror', fromResults: true });
    expect(chooseCatalog(ctxWith('my-catalog'), r)).toEqual({ name: 'my-catalog', from: 'flag', fromResults: false });
    expect(chooseCatalog(ctxWith(), undefined)).toEqual({ name: 'redhat-operators', from: 'default', fromResults: false });
  });

  it('asks which catalog when the results hold several', () => {
    const dir = join(tmp, 'two');
    cpSync(join(V2, 'working-dir', 'cluster-resources'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'cs-certified-operator-index-v4-12.yaml'),
      'apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n  name: cs-certified-operator-index-v4-12\n  namespace: openshift-marketplace\nspec:\n  image: mirror.example.com:5000/redhat/certified-operator-index:v4.12\n  sourceType: grpc\n',
    );
    expect(() => chooseCatalog(ctxWith(), readOcMirrorResults(dir))).toThrow(/holds 2 CatalogSources \(cs-certified-operator-index-v4-12, cs-redhat-operator-index-v4-12\)/);
  });

  it('refuses a kind it does not support, naming the file and the kind', () => {
    const dir = join(tmp, 'unknown');
    mkdirSync(dir);
    writeFileSync(join(dir, 'extra.yaml'), 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-registries\n');
    expect(() => readOcMirrorResults(dir)).toThrow(/extra\.yaml: MachineConfig \(machineconfiguration\.openshift\.io\/v1\) 99-registries is not a kind/);
  });

  it('refuses a folder with nothing oc-mirror writes', () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir);
    expect(() => readOcMirrorResults(dir)).toThrow(/holds no cluster resources oc-mirror writes/);
  });
});

describe('oc-mirror v1 results', () => {
  it('finds the one results-* folder: catalogSource-*.yaml and the ImageContentSourcePolicies; mapping.txt is not applied', () => {
    const r = readOcMirrorResults(V1);
    expect(r.folder).toBe(join(V1, 'results-1700000000'));
    expect(kinds(r.objects)).toEqual(['ImageContentSourcePolicy/operator-0', 'ImageContentSourcePolicy/release-0', 'CatalogSource/redhat-operator-index']);
    expect(r.skipped.map((s) => s.file)).toEqual(['mapping.txt']);
  });

  it('asks which results folder when there are several', () => {
    const dir = join(tmp, 'workspace');
    cpSync(V1, dir, { recursive: true });
    cpSync(join(dir, 'results-1700000000'), join(dir, 'results-1700000500'), { recursive: true });
    expect(() => resultsFolder(dir)).toThrow(/holds 2 oc-mirror v1 results folders/);
  });
});
