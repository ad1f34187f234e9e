// The upstream command line on the embedded cluster (real CRDs registered): the docs' `hcp create cluster
// kubevirt` lines as `hcp-kv create-cluster`, releases through ClusterImageSets, immutable fields refused before
// any write, and the legacy (before 4.12.2) ingress routed through the hosted cluster's router NodePort.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { call } from '../helpers/https.js';
import { get, mergePatch, pathOf, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';
import { startSim, type Sim } from '../../src/sim/index.js';
import { createDocsPrerequisites } from '../helpers/docs-prerequisites.js';
import { docsCommandLines } from '../helpers/upstream-docs.js';

const HS = 'hypershift.openshift.io/v1beta1';
let env: SimEnv;
let infra: Sim;
let ps: string;
beforeAll(async () => {
  // external-infrastructure.md: a separate infrastructure cluster that runs the VMs; HyperShift needs KubeVirt 1.0
  // and Kubernetes 1.27 there (OpenShift 4.14), which hcp-kv checks (src/capacity/infra-versions.ts).
  infra = await startSim({ profile: 'instant', preinstalled: true, ocpVersion: '4.14.0', kubeVersion: '1.27.16', log: () => {} });
  // Many hosted clusters with VMs on one cluster: room for them all (the capacity check counts each one).
  env = await simEnv({ profile: 'instant', crdsDir: CRDS_DIR, workers: 8 });
  ps = join(env.dir, 'ps.json');
  writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  expect(boot.code, boot.stderr).toBe(0);
  await createDocsPrerequisites(env.sim.api);
}, 90_000);
afterAll(async () => {
  await env.stop();
  await infra?.stop();
});

const hcOf = (name: string) => get(env.sim.api, HS, 'hostedclusters', name, 'clusters');
const npOf = (name: string) => get(env.sim.api, HS, 'nodepools', name, 'clusters');

describe('the upstream docs command lines as hcp-kv create-cluster', () => {
  it('creates each one (the CIDR example collides with this management network and is refused)', async () => {
    const { base, lines } = docsCommandLines(env.dir, ps);
    // external-infrastructure.md: the infra kubeconfig must reach a cluster that grants the docs' Role; the
    // second embedded cluster (OpenShift 4.14) plays the infrastructure cluster.
    writeFileSync(join(env.dir, 'external-infra-kubeconfig'), infra.api.kubeconfig());
    let i = 0;
    for (const [title, extra, check] of lines) {
      const name = `doc-${i++}`;
      const args = ['create-cluster', ...base.map((a) => (a === 'example' ? name : a)), ...extra, '--no-wait'];
      env.sim.api.resetStats();
      const r = await env.cli(args);
      if (extra.includes('--cluster-cidr')) {
        expect(r.code, title).toBe(2);
        expect(r.stderr).toMatch(/--cluster-cidr 10\.128\.0\.0\/14 overlaps the management cluster's cluster network/);
        expect(env.sim.api.stats().mutating).toBe(0);
        continue;
      }
      expect(r.code, `${title}: ${r.stderr}`).toBe(0);
      const hc = await hcOf(name);
      expect(hc.metadata.labels['hypershift.openshift.io/auto-created-for-infra']).toBe(hc.spec.infraID);
      check(hc, await npOf(name), []);
    }
  }, 120_000);
});

describe('release resolution on the embedded cluster', () => {
  const image = async (name: string) => (await hcOf(name)).spec.release.image;
  it('resolves none, x.y and x.y.z through the ClusterImageSets, falls back to the public image for an unknown x.y.z', async () => {
    for (const [name, extra] of [
      ['rel-none', []],
      ['rel-minor', ['--release', '4.11']],
      ['rel-patch', ['--release', '4.12.5']],
      ['rel-public', ['--release', '4.12.4']],
    ] as const) {
      const r = await env.cli(['create-cluster', name, '--pull-secret', ps, '--no-wait', ...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await image('rel-none')).toBe('quay.io/openshift-release-dev/ocp-release:4.12.12-x86_64');
    expect(await image('rel-minor')).toBe('quay.io/openshift-release-dev/ocp-release:4.11.12-x86_64');
    expect(await image('rel-patch')).toBe('quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64');
    expect(await image('rel-public')).toBe('quay.io/openshift-release-dev/ocp-release:4.12.4-x86_64');
  }, 60_000);

  it('refuses an unsupported x.y, and an x.y without ClusterImageSets, with exit 2 and a hint', async () => {
    env.sim.api.resetStats();
    const unsupported = await env.cli(['create-cluster', 'rel-bad', '--pull-secret', ps, '--release', '4.14']);
    expect(unsupported.code).toBe(2);
    expect(unsupported.stderr).toMatch(/OpenShift 4\.14 is not supported by this HyperShift operator \(supported: 4\.12, 4\.11, 4\.10\)/);
    const sets = (await call(env.sim.api, 'GET', pathOf('hive.openshift.io/v1', 'clusterimagesets'))).body.items.filter((s: any) => s.metadata.name.startsWith('img4.10.'));
    expect(sets.length).toBeGreaterThanOrEqual(3);
    for (const s of sets) await call(env.sim.api, 'DELETE', pathOf('hive.openshift.io/v1', 'clusterimagesets', undefined, s.metadata.name));
    env.sim.api.resetStats();
    const none = await env.cli(['create-cluster', 'rel-bad', '--pull-secret', ps, '--release', '4.10']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no ClusterImageSet offers OpenShift 4\.10/);
    expect(none.stderr).toMatch(/Hint: .*--release 4\.10\.z/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});

describe('immutable fields', () => {
  const first = ['create-cluster', 'imm', '--pull-secret', '', '--release', '4.12.5', '--no-wait', '--etcd-storage-class', 'lvms-vg1', '--infra-storage-class-mapping', 'a/b', '--infra-availability-policy', 'HighlyAvailable'];
  beforeAll(async () => {
    first[3] = ps;
    const r = await env.cli(first);
    expect(r.code, r.stderr).toBe(0);
  }, 30_000);

  it('a re-run with the same flags converges', async () => {
    const r = await env.cli(first);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a re-run resumes and never changes, even what the API lets change (infrastructureAvailabilityPolicy)', async () => {
    const before = (await hcOf('imm')).spec.infrastructureAvailabilityPolicy;
    const args = [...first];
    args.splice(args.indexOf('--infra-availability-policy'), 2, '--infra-availability-policy', 'SingleReplica');
    const r = await env.cli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/HostedCluster clusters\/imm exists with other content; create-cluster does not change it/);
    expect((await hcOf('imm')).spec.infrastructureAvailabilityPolicy).toBe(before);
    expect((await env.cli(first)).code).toBe(0);
  });

  const changes: Array<[string, string[], RegExp]> = [
    ['controller availability policy', ['--control-plane-availability-policy', 'SingleReplica'], /spec\.controllerAvailabilityPolicy \(live "HighlyAvailable", requested "SingleReplica"\)/],
    ['FIPS mode', ['--fips'], /spec\.fips \(live false, requested true\)/],
    ['etcd storage class', ['--etcd-storage-class', 'other'], /spec\.etcd\.managed\.storage\.persistentVolume\.storageClassName \(live "lvms-vg1", requested "other"\)/],
    ['etcd storage size', ['--etcd-storage-size', '16Gi'], /persistentVolume\.size \(live "8Gi", requested "16Gi"\)/],
    ['cluster network', ['--cluster-cidr', '10.136.0.0/14'], /spec\.networking\.clusterNetwork \(live \[\{"cidr":"10\.132\.0\.0\/14"\}\], requested \[\{"cidr":"10\.136\.0\.0\/14"\}\]\)/],
    ['service network', ['--service-cidr', '172.29.0.0/16'], /spec\.networking\.serviceNetwork/],
    ['base domain', ['--base-domain', 'example.org'], /spec\.dns\.baseDomain \(live "", requested "example\.org"\).*baseDomainPassthrough \(live true, requested unset\)/],
    ['services', ['--external-dns-domain', 'ext.example.org'], /spec\.services \(live \[.*"LoadBalancer".*, requested \[.*"Route"/],
    ['infraID', ['--infra-id', 'imm-other'], /spec\.infraID \(live "imm-[a-z0-9]{5}", requested "imm-other"\)/],
    ['storage driver', ['--infra-storage-class-mapping', 'c/d'], /spec\.platform\.kubevirt\.storageDriver \(live .*"infraStorageClassName":"a".*requested .*"infraStorageClassName":"c"/],
    ['node pool arch', ['--arch', 's390x'], /spec\.arch \(live "amd64", requested "s390x"\)/],
  ];
  it.each(changes)('refuses a changed %s before any write, naming the field, live and requested values', async (_n, change, pattern) => {
    const args = [...first];
    for (let i = 0; i < change.length; i += 2) {
      const at = args.indexOf(change[i]!);
      if (at >= 0) args.splice(at, 2);
    }
    env.sim.api.resetStats();
    const r = await env.cli([...args, ...change]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/HostedCluster clusters\/imm exists and these fields cannot change|NodePool clusters\/imm exists and these fields cannot change/);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).toMatch(/Hint: keep the live values \(nothing was changed\); these fields only change by re-creating the cluster clusters\/\S+/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});

describe('legacy ingress (before 4.12.2)', () => {
  it('routes to the hosted router NodePort; a wrong port leaves the cluster incomplete saying why; a re-run repairs it', async () => {
    const kubeconfigOut = join(env.dir, 'leg-kubeconfig');
    const r = await env.cli(['create-cluster', 'leg', '--pull-secret', ps, '--release', '4.12.1', '--replicas', '1', '--kubeconfig-out', kubeconfigOut, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).steps.find((s: any) => s.id === 'ingress-passthrough').status).toBe('done');
    const guest = SimClient.fromKubeconfig(readFileSync(kubeconfigOut, 'utf8'));
    const router = await guest.get('v1', 'Service', 'router-nodeport-default', 'openshift-ingress');
    guest.close();
    const https = router!.spec.ports.find((p: any) => p.name === 'https').nodePort;
    const svc = await get(env.sim.api, 'v1', 'services', 'leg-apps-ingress', 'clusters-leg');
    expect(svc.spec.ports.find((p: any) => p.name === 'https-443').targetPort).toBe(https);
    const route = await get(env.sim.api, 'route.openshift.io/v1', 'routes', 'leg-apps-ingress', 'clusters-leg');
    expect(route.spec).toMatchObject({ host: 'data.apps.leg.apps.mgmt.example.com', wildcardPolicy: 'Subdomain', tls: { termination: 'passthrough' } });
    expect((await hcOf('leg')).status.version.history[0].state).toBe('Completed');

    await mergePatch(env.sim.api, 'v1', 'services', 'leg-apps-ingress', 'clusters-leg', {
      spec: {
        ports: [
          { name: 'https-443', port: 443, targetPort: 443, protocol: 'TCP' },
          { name: 'http-80', port: 80, targetPort: 80, protocol: 'TCP' },
        ],
      },
    });
    const broken = await waitUntil(env.sim.api, HS, 'hostedclusters', 'leg', 'clusters', (hc) => hc.status?.version?.history?.[0]?.state === 'Partial');
    const cv = broken.status.conditions.find((c: any) => c.type === 'ClusterVersionAvailable');
    expect(cv.message).toMatch(new RegExp(`sends the passthrough traffic to port 443, but the hosted cluster's router listens on NodePort ${https}`));

    const again = await env.cli(['create-cluster', 'leg', '--pull-secret', ps, '--release', '4.12.1', '--replicas', '1', '--kubeconfig-out', kubeconfigOut, '--force']);
    expect(again.code, again.stderr).toBe(0);
    expect((await hcOf('leg')).status.version.history[0].state).toBe('Completed');
  }, 90_000);
});
