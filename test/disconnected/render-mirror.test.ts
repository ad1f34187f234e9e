// render bootstrap and render cluster include the mirror objects: what mirror-resources applies from oc-mirror's
// results (mirror sets, CatalogSource, OperatorHub) before the Subscriptions, which name the mirror catalog; the
// HostedCluster's imageContentSources and its user-ca-bundle ConfigMap (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// cmd/cluster/core/create.go applyTrustBundleAndImageSources), also copied from the management cluster's mirror sets.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocMirrorClusterResources } from '../../src/sim/mirror-results.js';
import { runCli } from '../helpers/cli.js';
import { validateAgainstCrd } from '../helpers/crd-schema.js';
import { create } from '../helpers/sim-api.js';
import { removeSimEnv, simEnv, tempDir, type SimEnv } from '../helpers/sim-env.js';

const RESULTS = fileURLToPath(new URL('../fixtures/oc-mirror/v2', import.meta.url));
const CA = '-----BEGIN CERTIFICATE-----\nMIIBsim\n-----END CERTIFICATE-----\n';

describe('render with mirrors', () => {
  it('render bootstrap: the oc-mirror resources and OperatorHub first, every Subscription from the mirror catalog', async () => {
    const r = await runCli(['render', 'bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.20', '--oc-mirror-results', RESULTS, '--disable-default-sources']);
    expect(r.code, r.stderr).toBe(0);
    const docs = loadAll(r.stdout) as any[];
    expect(docs.slice(0, 7).map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ImageDigestMirrorSet/idms-operator-0',
      'ImageDigestMirrorSet/idms-release-0',
      'ImageTagMirrorSet/itms-operator-0',
      'ConfigMap/mirrored-release-signatures',
      'CatalogSource/cs-redhat-operator-index-v4-12',
      'OperatorHub/cluster',
      'Namespace/openshift-local-storage',
    ]);
    const subs = docs.filter((d) => d.kind === 'Subscription');
    expect(subs.length).toBeGreaterThan(3);
    expect(new Set(subs.map((s) => s.spec.source))).toEqual(new Set(['cs-redhat-operator-index-v4-12']));
  });

  it('render cluster: spec.imageContentSources and the user-ca-bundle ConfigMap, as upstream renders them', async () => {
    const dir = tempDir();
    const ics = join(dir, 'ics.yaml');
    const ca = join(dir, 'ca.crt');
    writeFileSync(ics, '- source: quay.io/openshift-release-dev/ocp-v4.0-art-dev\n  mirrors:\n  - mirror.example.com:5000/openshift/release\n');
    writeFileSync(ca, CA);
    const r = await runCli(['render', 'cluster', 'kv-00', '--image-content-sources', ics, '--additional-trust-bundle', ca]);
    expect(r.code, r.stderr).toBe(0);
    const docs = loadAll(r.stdout) as any[];
    expect(docs.find((d) => d.kind === 'ConfigMap')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'user-ca-bundle', namespace: 'clusters' }, data: { 'ca-bundle.crt': CA } });
    const hc = docs.find((d) => d.kind === 'HostedCluster');
    expect(hc.spec.imageContentSources).toEqual([{ source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', mirrors: ['mirror.example.com:5000/openshift/release'] }]);
    expect(hc.spec.additionalTrustBundle).toEqual({ name: 'user-ca-bundle' });
    expect(validateAgainstCrd(hc)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('render cluster --image-content-sources-from-management', () => {
    let env: SimEnv;
    beforeAll(async () => {
      env = await simEnv({ profile: 'instant' });
      for (const doc of loadAll(ocMirrorClusterResources()['idms-oc-mirror.yaml']!)) if (doc) await create(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', doc);
    });
    afterAll(() => removeSimEnv(env));

    it("copies the management cluster's ImageDigestMirrorSets", async () => {
      const r = await env.cli(['render', 'cluster', 'kv-00', '--image-content-sources-from-management']);
      expect(r.code, r.stderr).toBe(0);
      const hc = (loadAll(r.stdout) as any[]).find((d) => d.kind === 'HostedCluster');
      expect(hc.spec.imageContentSources).toContainEqual({ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.example.com:5000/openshift/release-images'] });
      expect(hc.spec.imageContentSources).toHaveLength(6);
      expect(validateAgainstCrd(hc)).toEqual([]);
    });
  });
});
