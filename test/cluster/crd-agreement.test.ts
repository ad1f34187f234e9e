// What the CLI accepts, the real CRDs accept: create-cluster's manifests for a range of flag values (rendered by
// `render cluster`, the same builders) are sent with dryRun=All to the embedded API server loaded with the real
// HostedCluster and NodePool CRDs (CEL rules included, openshift/hypershift@3ee9615567ac); none may be refused.
// A NodePool with arch arm64 (which the CLI refuses, test/cluster/arch.test.ts) shows the server does refuse.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { call } from '../helpers/https.js';
import { pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';
const cases: string[][] = [
  ['--pausedUntil', 'true'],
  ['--infra-id', 'a'.repeat(60)],
  ['--labels', 'a=b'],
  ['--annotations', 'x/y=z'],
  ['--feature-set', 'TechPreviewNoUpgrade'],
  ['--network-type', 'Other', '--disable-multi-network'],
  ['--network-type', 'Other', '--allocate-node-cidrs=false'],
  ['--root-volume-size', '16'],
  ['--node-pool-replicas', '0'],
  ['--node-drain-timeout', '1h'],
  ['--etcd-storage-size', '1Mi'],
  ['--arch', 's390x'],
  ['--arch', 'ppc64le'],
  ['--olm-catalog-placement', 'guest'],
  ['--external-dns-domain', 'ext.example.com'],
  ['--control-plane-availability-policy', 'SingleReplica'],
  ['--toleration', 'key=a,value=b,effect=NoSchedule'],
  ['--node-selector', 'a=b'],
  ['--pods-labels', 'a=b'],
  ['--additional-network', 'name:ns/nad'],
  ['--attach-default-network=false', '--additional-network', 'name:ns/nad'],
  ['--fips'],
  ['--name', 'a'.repeat(40)],
  ['--release-image', 'quay.io/x/y@sha256:' + 'a'.repeat(64)],
  ['--default-dual'],
  ['--kas-dns-name', 'api.example.com'],
  ['--base-domain-prefix', 'none'],
  ['--infra-availability-policy', 'HighlyAvailable'],
  ['--disable-cluster-capabilities', 'ImageRegistry,Insights,baremetal,openshift-samples,NodeTuning,Console,Ingress'],
  ['--root-volume-access-modes', 'ReadWriteOnce,ReadWriteMany'],
  ['--ovn-kubernetes-mtu', '9216'],
];
let env: SimEnv;
beforeAll(async () => {
  env = await simEnv({ profile: 'instant', crdsDir: CRDS_DIR });
  writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  await call(env.sim.api, 'POST', '/api/v1/namespaces', { metadata: { name: 'clusters' } });
}, 90_000);
afterAll(async () => {
  await env.stop();
  rmSync(env.dir, { recursive: true, force: true });
});

it('every manifest the CLI would send is accepted by the real CRDs', async () => {
  const refused: string[] = [];
  for (const c of cases) {
    const args = ['render', 'cluster', ...(c.includes('--name') ? [] : ['--name', 'probe']), '--pull-secret', 'ps.json', ...c];
    const r = await env.cli(args);
    expect(r.code, `${c.join(' ')}: ${r.stderr}`).toBe(0);
    for (const o of loadAll(r.stdout).filter(Boolean) as any[]) {
      if (!['HostedCluster', 'NodePool'].includes(o.kind)) continue;
      const res = await call(env.sim.api, 'POST', `${pathOf(o.apiVersion, o.kind === 'HostedCluster' ? 'hostedclusters' : 'nodepools', 'clusters')}?dryRun=All`, o);
      if (res.status >= 300) refused.push(`${c.join(' ')} ${o.kind}: ${res.body?.message ?? res.text}`);
      if (o.kind === 'NodePool' && c[0] === '--arch' && c[1] === 's390x') {
        const arm = await call(env.sim.api, 'POST', `${pathOf(o.apiVersion, 'nodepools', 'clusters')}?dryRun=All`, { ...o, spec: { ...o.spec, arch: 'arm64' } });
        expect(arm.status).toBe(422);
        expect(arm.text).toContain('Setting Arch to arm64 is only supported for AWS, Azure, Agent, GCP and None');
      }
    }
  }
  expect(refused).toEqual([]);
}, 300_000);
