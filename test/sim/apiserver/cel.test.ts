// CRD validation rules (x-kubernetes-validations) on the embedded API server, with the REAL HostedCluster and
// NodePool CRDs: what upstream's rules reject is rejected with kube's 422, and what hcp-kv renders is accepted.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { defaultClusterSpec } from '../../../src/config/cluster.js';
import { hostedCluster, nodePool, type ClusterSpec } from '../../../src/manifests/hypershift.js';
import { validateCel } from '../../../src/sim/apiserver/cel.js';
import { applySchema } from '../../../src/sim/apiserver/schema.js';
import { celStats, compileSchema } from '../../../src/sim/apiserver/cel-compile.js';
import { CRDS_DIR as CRDS } from '../../helpers/fixtures.js';
import { call } from '../../helpers/https.js';
import { condTrue, create, pathOf, waitUntil } from '../../helpers/sim-api.js';

const HS = 'hypershift.openshift.io/v1beta1';
const NS = 'clusters';

const spec = (name: string, extra: Partial<ClusterSpec> = {}): ClusterSpec => ({
  ...defaultClusterSpec(name, NS, `${name}-x7k2p`, 'quay.io/openshift-release-dev/ocp-release:4.17.0-x86_64', 2),
  controllerAvailabilityPolicy: 'SingleReplica',
  baseDomain: 'example.com',
  ...extra,
});

type Obj = Record<string, any>;

describe('CEL validation rules of the real HyperShift CRDs', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ openshiftApis: false, establishDelayMs: 0 });
    for (const f of ['hostedclusters.hypershift.openshift.io.yaml', 'nodepools.hypershift.openshift.io.yaml']) {
      const crd = load(readFileSync(`${CRDS}${f}`, 'utf8')) as Obj;
      expect((await call(api, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
      await waitUntil(api, 'apiextensions.k8s.io/v1', 'customresourcedefinitions', crd.metadata.name, undefined, condTrue('Established'));
    }
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: NS } });
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (plural: string, obj: Obj) => call(api, 'POST', pathOf(HS, plural, NS), obj);
  const put = (plural: string, obj: Obj) => call(api, 'PUT', pathOf(HS, plural, NS, obj.metadata.name), obj);
  const edit = async (plural: string, name: string, change: (o: Obj) => void) => {
    const cur = (await call(api, 'GET', pathOf(HS, plural, NS, name))).body;
    change(cur);
    return put(plural, cur);
  };
  const causes = (r: { body: any }) => (r.body?.details?.causes ?? []).map((c: Obj) => `${c.field}: ${c.message}`);

  it('accepts the HostedCluster and NodePool hcp-kv renders, and an unchanged update', async () => {
    for (const s of [spec('hc-plain'), spec('hc-manual', { baseDomain: '', storageClassMapping: [{ infra: 'lvms', guest: 'default' }], etcdStorageClass: 'lvms' })]) {
      const hc = await post('hostedclusters', hostedCluster(s, false));
      expect(hc.status, hc.text).toBe(201);
      const np = await post('nodepools', nodePool(s));
      expect(np.status, np.text).toBe(201);
      expect((await edit('hostedclusters', s.name, () => {})).status).toBe(200);
      expect((await edit('nodepools', s.name, (o) => (o.spec.replicas = 3))).status).toBe(200);
    }
  });

  it('rejects changes to immutable HostedCluster fields with kube 422 Invalid and the rule message', async () => {
    const s = spec('hc-immutable', { storageClassMapping: [{ infra: 'lvms', guest: 'default' }], etcdStorageClass: 'lvms' });
    expect((await post('hostedclusters', hostedCluster(s, false))).status).toBe(201);
    const cases: Array<[string, (o: Obj) => void, string]> = [
      [
        'services',
        (o) => (o.spec.services[3].servicePublishingStrategy = { type: 'NodePort', nodePort: { address: '192.0.2.1' } }),
        'spec: Invalid value: "object": Services is immutable. Changes might result in unpredictable and disruptive behavior.',
      ],
      ['platform type', (o) => (o.spec.platform = { type: 'None' }), 'spec.platform.type: Invalid value: "string": Type is immutable'],
      ['controllerAvailabilityPolicy', (o) => (o.spec.controllerAvailabilityPolicy = 'HighlyAvailable'), 'spec.controllerAvailabilityPolicy: Invalid value: "string": ControllerAvailabilityPolicy is immutable'],
      [
        'etcd managementType',
        (o) => (o.spec.etcd = { managementType: 'Unmanaged', unmanaged: { endpoint: 'https://etcd:2379', tls: { clientSecret: { name: 'etcd' } } } }),
        'spec.etcd.managementType: Invalid value: "string": managementType is immutable',
      ],
      // size is int-or-string: its structural type is empty, and so is the value kube reports.
      ['etcd storage size', (o) => (o.spec.etcd.managed.storage.persistentVolume.size = '16Gi'), 'spec.etcd.managed.storage.persistentVolume.size: Invalid value: "": Etcd PV storage size is immutable'],
      ['etcd storage class', (o) => (o.spec.etcd.managed.storage.persistentVolume.storageClassName = 'other'), 'spec.etcd.managed.storage.persistentVolume.storageClassName: Invalid value: "string": storageClassName is immutable'],
      ['cluster network', (o) => (o.spec.networking.clusterNetwork = [{ cidr: '10.128.0.0/14' }]), 'spec.networking.clusterNetwork: Invalid value: "array": clusterNetwork is immutable and cannot be modified once set.'],
      ['service network', (o) => (o.spec.networking.serviceNetwork = [{ cidr: '172.30.0.0/16' }]), 'spec.networking.serviceNetwork: Invalid value: "array": serviceNetwork is immutable and cannot be modified once set.'],
      ['infraID', (o) => (o.spec.infraID = 'other-infra'), 'spec.infraID: Invalid value: "string": infraID is immutable'],
      ['baseDomain', (o) => (o.spec.dns.baseDomain = 'example.org'), 'spec.dns.baseDomain: Invalid value: "string": baseDomain is immutable'],
      ['kubevirt storage driver', (o) => (o.spec.platform.kubevirt.storageDriver = { type: 'None' }), 'spec.platform.kubevirt.storageDriver: Invalid value: "object": storageDriver is immutable'],
      ['fips', (o) => (o.spec.fips = true), 'spec.fips: Invalid value: "boolean": fips is immutable'],
      ['olmCatalogPlacement', (o) => (o.spec.olmCatalogPlacement = 'guest'), 'spec.olmCatalogPlacement: Invalid value: "string": OLMCatalogPlacement is immutable'],
    ];
    for (const [what, change, cause] of cases) {
      const r = await edit('hostedclusters', s.name, change);
      expect(r.status, what).toBe(422);
      expect(r.body.reason).toBe('Invalid');
      expect(causes(r), what).toContain(cause);
      expect(r.body.message, what).toContain(`HostedCluster.hypershift.openshift.io "${s.name}" is invalid: `);
    }
    // The exact kube message for a single failing rule.
    const one = await edit('hostedclusters', s.name, (o) => (o.spec.infraID = 'other-infra'));
    expect(one.body.message).toBe(`HostedCluster.hypershift.openshift.io "hc-immutable" is invalid: spec.infraID: Invalid value: "string": infraID is immutable`);
    expect(one.body.details.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: "string": infraID is immutable', field: 'spec.infraID' }]);
    // The same changes through a merge patch and a server-side apply are rejected too.
    const patch = await call(api, 'PATCH', pathOf(HS, 'hostedclusters', NS, s.name), { spec: { fips: true } }, { contentType: 'application/merge-patch+json' });
    expect(causes(patch)).toContain('spec.fips: Invalid value: "boolean": fips is immutable');
    const applied = hostedCluster({ ...s, controllerAvailabilityPolicy: 'HighlyAvailable' }, false);
    const apply = await call(api, 'PATCH', `${pathOf(HS, 'hostedclusters', NS, s.name)}?fieldManager=test&force=true`, JSON.stringify(applied), { contentType: 'application/apply-patch+yaml' });
    expect(apply.status).toBe(422);
    expect(causes(apply)).toContain('spec.controllerAvailabilityPolicy: Invalid value: "string": ControllerAvailabilityPolicy is immutable');
    // What upstream leaves mutable stays mutable: infrastructureAvailabilityPolicy, release image, a dry run says so.
    const ok = await edit('hostedclusters', s.name, (o) => {
      o.spec.infrastructureAvailabilityPolicy = 'HighlyAvailable';
      o.spec.release.image = 'quay.io/openshift-release-dev/ocp-release:4.17.1-x86_64';
    });
    expect(ok.status, ok.text).toBe(200);
  });

  it('allows setting baseDomain once when it was empty (oldSelf == "")', async () => {
    const s = spec('hc-domain', { baseDomain: '' });
    expect((await post('hostedclusters', hostedCluster(s, false))).status).toBe(201);
    expect((await edit('hostedclusters', s.name, (o) => (o.spec.dns.baseDomain = 'apps.example.com'))).status).toBe(200);
    expect((await edit('hostedclusters', s.name, (o) => (o.spec.dns.baseDomain = 'apps.example.org'))).status).toBe(422);
  });

  it('rejects HostedClusters the rules forbid on create', async () => {
    const base = () => hostedCluster(spec('hc-bad'), false) as Obj;
    const cases: Array<[string, (o: Obj) => void, string]> = [
      ['too few services', (o) => o.spec.services.pop(), 'spec: Invalid value: "object": spec.services in body should have at least 4 items or 3 for IBMCloud'],
      [
        'overlapping networks',
        (o) => (o.spec.networking.serviceNetwork = [{ cidr: '10.132.0.0/14' }]),
        'spec.networking: Invalid value: "object": CIDR ranges in machineNetwork, clusterNetwork, and serviceNetwork must be unique and non-overlapping',
      ],
      [
        'route with nodePort',
        (o) => (o.spec.services[1].servicePublishingStrategy.nodePort = { address: '192.0.2.1' }),
        'spec.services[1].servicePublishingStrategy: Invalid value: "object": only route is allowed when type is Route, and forbidden otherwise',
      ],
      ['managed etcd without config', (o) => delete o.spec.etcd.managed, 'spec.etcd: Invalid value: "object": Only managed configuration must be set when managementType is Managed'],
      [
        'infraID pattern',
        (o) => (o.spec.infraID = 'Bad.ID'),
        'spec.infraID: Invalid value: "string": infraID must consist of lowercase alphanumeric characters or \'-\', start and end with an alphanumeric character, and be between 1 and 253 characters',
      ],
      ['release image with a space', (o) => (o.spec.release.image = 'quay.io/x y'), 'spec.release.image: Invalid value: "string": Image must start with a word character (letters, digits, or underscores) and contain no white spaces'],
      ['bad base domain', (o) => (o.spec.dns.baseDomain = 'exa mple.com'), 'spec.dns.baseDomain: Invalid value: "string": baseDomain must be a valid domain name (e.g., example, example.com, sub.example.com)'],
      ['issuerURL not a URL', (o) => (o.spec.issuerURL = 'not a url'), 'spec.issuerURL: Invalid value: "string": issuerURL must be a valid absolute URL'],
      ['bad pausedUntil', (o) => (o.spec.pausedUntil = 'tomorrow'), "spec.pausedUntil: Invalid value: \"string\": PausedUntil must be a date in RFC3339 format or 'True', 'true', 'False' or 'false'"],
    ];
    for (const [what, change, cause] of cases) {
      const o = base();
      change(o);
      const r = await post('hostedclusters', o);
      expect(r.status, what).toBe(422);
      expect(causes(r), what).toContain(cause);
    }
    expect((await call(api, 'GET', pathOf(HS, 'hostedclusters', NS, 'hc-bad'))).status).toBe(404);
  });

  it('rejects NodePool changes and combinations the rules forbid', async () => {
    const s = spec('np-rules');
    expect((await post('nodepools', nodePool(s))).status).toBe(201);
    const immutable: Array<[(o: Obj) => void, string]> = [
      [(o) => (o.spec.clusterName = 'other'), 'spec.clusterName: Invalid value: "string": ClusterName is immutable'],
      [(o) => (o.spec.arch = 'arm64'), 'spec.arch: Invalid value: "string": Arch is immutable'],
      [(o) => (o.spec.management.upgradeType = 'InPlace'), 'spec.management.upgradeType: Invalid value: "string": UpgradeType is immutable'],
    ];
    for (const [change, cause] of immutable) {
      const r = await edit('nodepools', s.name, change);
      expect(r.status).toBe(422);
      expect(causes(r)).toContain(cause);
    }
    const both = nodePool(spec('np-both')) as Obj;
    both.spec.autoScaling = { min: 3, max: 1 };
    const r = await post('nodepools', both);
    expect(r.status).toBe(422);
    expect(causes(r)).toEqual(expect.arrayContaining(['spec: Invalid value: "object": Both replicas or autoScaling should not be set', 'spec.autoScaling: Invalid value: "object": max must be equal or greater than min']));
  });

  it('reports every rule of every real CRD as compiled, none skipped, in /sim/stats', async () => {
    const stats = (await call(api, 'GET', '/sim/stats')).body;
    expect(stats.cel.compiled).toBeGreaterThan(100);
    expect(stats.cel.skippedRules).toEqual([]);
  });

  it('compiles every rule of every shipped CRD (all versions); none is skipped', () => {
    const before = celStats();
    let rules = 0;
    for (const f of readdirSync(CRDS).filter((x) => x.endsWith('.yaml'))) {
      const crd = load(readFileSync(`${CRDS}${f}`, 'utf8')) as Obj;
      for (const v of crd.spec.versions) {
        rules += (JSON.stringify(v.schema ?? {}).match(/"rule":/g) ?? []).length;
        compileSchema(v.schema.openAPIV3Schema, `${crd.metadata.name}/${v.name}`);
      }
    }
    const after = celStats();
    expect(rules).toBeGreaterThan(500);
    expect(after.compiled - before.compiled + after.skipped - before.skipped).toBe(rules);
    expect(after.skippedRules.slice(before.skippedRules.length)).toEqual([]);
  });

  it('evaluates the rules of a HostedCluster in a few milliseconds (create and update)', async () => {
    const crd = load(readFileSync(`${CRDS}hostedclusters.hypershift.openshift.io.yaml`, 'utf8')) as Obj;
    const schema = crd.spec.versions.find((v: Obj) => v.name === 'v1beta1').schema.openAPIV3Schema;
    // As the server sees it: defaults applied first (autoscaling.scaling, which a rule reads).
    const hc = applySchema(hostedCluster(spec('hc-cost'), false) as Obj, schema).value;
    const t0 = performance.now();
    expect(validateCel(schema, hc, undefined).errors).toEqual([]); // first use: compiles the CRD's rules
    const compileMs = performance.now() - t0;
    const n = 200;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) validateCel(schema, hc, undefined);
    const createMs = (performance.now() - t1) / n;
    const t2 = performance.now();
    for (let i = 0; i < n; i++) validateCel(schema, hc, hc);
    const updateMs = (performance.now() - t2) / n;
    console.log(`HostedCluster rules: first use (compile) ${compileMs.toFixed(1)} ms, create ${createMs.toFixed(2)} ms, update ${updateMs.toFixed(2)} ms`);
    expect(createMs).toBeLessThan(25);
    expect(updateMs).toBeLessThan(25);
  });
});
