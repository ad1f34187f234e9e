// diagnose, one injected fault at a time on the embedded cluster: each gives its diagnosis and next step; a
// healthy cluster gives none (exit 0, one line). `status` carries the diagnosis only when unhealthy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { create, get, mergePatch, pathOf, waitForAny, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
let env: SimEnv;
let ps: string;

beforeAll(async () => {
  env = await simEnv({ profile: 'instant' });
  ps = join(env.dir, 'ps.json');
  writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  expect((await env.cli(['create-cluster', 'healthy', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps])).code).toBe(0);
}, 60_000);
afterAll(() => env.stop());

const cc = (name: string, ...extra: string[]) => env.cli(['create-cluster', name, '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--timeout', '2s', ...extra]);
/** The cluster's objects as `create-cluster --render` prints them, created directly (past hcp-kv's preflight). */
const applyRendered = async (name: string, release = '4.12.3') => {
  const r = await env.cli(['create-cluster', name, '--replicas', '1', '--release', release, '--skip-version-check', '--pull-secret', ps, '--render', '--render-sensitive']);
  expect(r.code, r.stderr).toBe(0);
  for (const o of loadAll(r.stdout) as any[]) if (o) await create(env.sim.api, o.apiVersion, `${String(o.kind).toLowerCase()}s`, o);
};
const invalidRelease = (name: string) => waitUntil(env.sim.api, HS, 'hostedclusters', name, 'clusters', (hc) => (hc.status?.conditions ?? []).some((c: any) => c.type === 'ValidReleaseImage' && c.status === 'False'));
const inject = (spec: string) =>
  create(env.sim.api, 'v1', 'configmaps', { metadata: { name: 'hcp-kv-sim-inject', namespace: 'default' }, data: { inject: spec } }).then(() =>
    mergePatch(env.sim.api, 'v1', 'configmaps', 'hcp-kv-sim-inject', 'default', { data: { inject: spec } }),
  );

type Case = [fault: string, setup: () => Promise<string>, id: string, problem: RegExp, next: RegExp, cleanup?: () => Promise<void>];

let restoreDefault: string | undefined;
let savedPool: string[] = [];

const cases: Case[] = [
  [
    'VMs larger than any node',
    async () => {
      await cc('mem');
      // Past the capacity check (which would refuse it up front), as a pool created by another client would be.
      await env.cli(['nodepool', 'create', 'big', '--cluster-name', 'mem', '--replicas', '1', '--memory', '200Gi', '--timeout', '1s', '--skip-capacity-check']);
      return 'mem';
    },
    'vm-insufficient-memory',
    /not enough memory on any infra node/,
    /--memory at most 125Gi/,
  ],
  [
    'a VM node selector nothing matches',
    async () => {
      // create-cluster refuses a selector no node matches (preflight), so the pool gets it afterwards, as an
      // `oc edit nodepool` would.
      await cc('sel', '--replicas', '0');
      await mergePatch(env.sim.api, 'hypershift.openshift.io/v1beta1', 'nodepools', 'sel', 'clusters', { spec: { replicas: 1, platform: { kubevirt: { nodeSelector: { disk: 'nvme' } } } } });
      // The fault is there once the VM says so (what diagnose reads).
      await waitForAny(env.sim.api, 'kubevirt.io/v1', 'virtualmachines', 'clusters-sel', (vm) => (vm.status?.conditions ?? []).some((c: any) => /node affinity\/selector/.test(c.message ?? '')));
      return 'sel';
    },
    'vm-node-selector',
    /node selector disk=nvme matches no infra node/,
    /oc label node <node> disk=nvme/,
  ],
  [
    'no default StorageClass',
    async () => {
      const scs = (await call(env.sim.api, 'GET', pathOf('storage.k8s.io/v1', 'storageclasses'))).body.items;
      restoreDefault = scs.find((s: any) => s.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true').metadata.name;
      await mergePatch(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', restoreDefault!, undefined, { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } } });
      await cc('nosc');
      return 'nosc';
    },
    'no-default-storageclass',
    /no default StorageClass/,
    /storageclass.kubernetes.io\/is-default-class=true/,
    async () => {
      await mergePatch(env.sim.api, 'storage.k8s.io/v1', 'storageclasses', restoreDefault!, undefined, { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });
    },
  ],
  [
    'wildcard routes not allowed',
    async () => {
      await mergePatch(env.sim.api, 'operator.openshift.io/v1', 'ingresscontrollers', 'default', 'openshift-ingress-operator', { spec: { routeAdmission: { wildcardPolicy: 'WildcardsDisallowed' } } });
      // create-cluster refuses this up front (wildcard-routes preflight): the objects are applied as another client would.
      await applyRendered('wild');
      return 'wild';
    },
    'ingress-wildcard',
    /default ingress route is not admitted/,
    /hcp-kv bootstrap --only wildcard-ingress/,
    async () => {
      await mergePatch(env.sim.api, 'operator.openshift.io/v1', 'ingresscontrollers', 'default', 'openshift-ingress-operator', { spec: { routeAdmission: { wildcardPolicy: 'WildcardsAllowed' } } });
    },
  ],
  [
    'MetalLB pool exhausted',
    async () => {
      const ip = (await get(env.sim.api, 'v1', 'services', 'kube-apiserver', 'clusters-healthy')).status.loadBalancer.ingress[0].ip;
      const pool = (await call(env.sim.api, 'GET', pathOf('metallb.io/v1beta1', 'ipaddresspools', 'metallb-system'))).body.items[0];
      savedPool = pool.spec.addresses;
      await mergePatch(env.sim.api, 'metallb.io/v1beta1', 'ipaddresspools', pool.metadata.name, 'metallb-system', { spec: { addresses: [`${ip}-${ip}`] } });
      // The other clusters' addresses stay allocated: one address for three LoadBalancers.
      // Past the capacity check, which refuses a cluster with no free LoadBalancer address up front.
      await cc('nolb', '--skip-capacity-check');
      return 'nolb';
    },
    'metallb-exhausted',
    /APIServer LoadBalancer Service has no address: MetalLB pool .* is exhausted/,
    /add addresses to the pool/,
    async () => {
      const pool = (await call(env.sim.api, 'GET', pathOf('metallb.io/v1beta1', 'ipaddresspools', 'metallb-system'))).body.items[0];
      await mergePatch(env.sim.api, 'metallb.io/v1beta1', 'ipaddresspools', pool.metadata.name, 'metallb-system', { spec: { addresses: savedPool } });
    },
  ],
  [
    'a release the operator does not support',
    async () => {
      // OpenShift Virtualization 4.12 cannot run 4.14 workers, so create-cluster refuses it: applied as another client would.
      await applyRendered('old', '4.14.1');
      await invalidRelease('old');
      return 'old';
    },
    'release-unsupported',
    /release is not supported/,
    /destroy it and create it again with the same flags but a supported release: .*--release 4\.12 \(its newest patch/,
  ],
  [
    'the pull secret rejected by the registry',
    async () => {
      await inject('reject-pull-secret=psr');
      await env.cli(['create-cluster', 'psr', '--release', '4.12.3', '--pull-secret', ps, '--no-wait']);
      await invalidRelease('psr');
      return 'psr';
    },
    'pull-secret-rejected',
    /registry rejected the pull secret/,
    /set data secret\/psr-pull-secret/,
    () => inject(''),
  ],
  [
    'a finalizer that hangs the deletion',
    async () => {
      await cc('hang');
      await inject('hang-finalizer=hang');
      await env.cli(['destroy-cluster', 'hang', '--yes', '--grace-period', '1s']);
      return 'hang';
    },
    'deletion-stuck',
    /being deleted and is held by finalizers/,
    /destroy-cluster hang --yes --force/,
    () => inject(''),
  ],
];

describe('diagnose', () => {
  it('says a healthy cluster is healthy, in one line, exit 0; status adds no diagnosis', async () => {
    const r = await env.cli(['diagnose', 'healthy']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('clusters/healthy is healthy: control plane Available, version 4.12.3 Completed, 1/1 nodes Ready in 1 node pool(s)\n');
    expect((await env.cli(['status', 'healthy'])).stdout).not.toMatch(/Diagnosis/);
  });

  it.each(cases)(
    '%s',
    async (_fault, setup, id, problem, next, cleanup) => {
      const name = await setup();
      try {
        // The fault shows once the simulated operators have reacted to it (no start-up latency to hide that now
        // the CLI runs in-process): diagnose until it names it, within a deadline.
        const deadline = Date.now() + 20_000;
        let r = await env.cli(['diagnose', name, '-o', 'json']);
        while (Date.now() < deadline && JSON.parse(r.stdout).findings?.[0]?.id !== id) r = await env.cli(['diagnose', name, '-o', 'json']);
        expect(r.code, r.stderr).toBe(1);
        const d = JSON.parse(r.stdout);
        expect(d.findings[0], JSON.stringify(d.findings)).toMatchObject({ id, problem: expect.stringMatching(problem), next: expect.stringMatching(next) });
        expect(d.findings[0].evidence.length).toBeGreaterThan(0);
        const text = await env.cli(['diagnose', name]);
        expect(text.stdout).toMatch(new RegExp(`^1\\. .*\\[${id}\\]\\n   evidence: `, 'm'));
        const status = await env.cli(['status', name]);
        expect(status.stdout).toMatch(new RegExp(`Diagnosis\\n1\\. .*\\[${id}\\]`));
      } finally {
        await cleanup?.();
      }
    },
    30_000,
  );

  it('the healthy cluster stayed healthy through all of it', async () => {
    expect((await env.cli(['diagnose', 'healthy'])).code).toBe(0);
  });
});
