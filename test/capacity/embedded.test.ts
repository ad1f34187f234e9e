// Capacity on the embedded cluster: the figure `hcp-kv capacity` predicts is the number of hosted clusters
// create-cluster then accepts — the next one is refused (exit 2, the numbers, nothing written); node-pool VMs
// likewise. One worker node (31.5 vCPU, 125 GiB, maxPods 500): 31.5 ÷ 5 vCPU = 6.3 → 6 control planes (CPU-bound).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { pathOf, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';

describe('capacity on the embedded cluster', () => {
  let env: SimEnv;
  let ps: string;
  const hostedClusters = async () => (await call(env.sim.api, 'GET', pathOf(HS, 'hostedclusters', 'clusters'))).body.items.map((h: { metadata: { name: string } }) => h.metadata.name).sort();
  const capacity = async (args: string[] = []) => {
    const r = await env.cli(['capacity', '-o', 'json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', workers: 1 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('u:p').toString('base64') } } }));
    const b = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
    expect(b.code, b.stderr).toBe(0);
  }, 120_000);
  afterAll(() => env?.stop());

  it('predicts how many more hosted clusters fit, and create-cluster accepts exactly that many', async () => {
    const before = await capacity();
    expect(before.ok).toBe(true);
    expect(before.controlPlanes.nodes).toHaveLength(1);
    expect(before.controlPlanes.requestBased).toEqual({ count: 6, boundBy: 'cpu' });
    // 8Gi workers: 125 GiB ÷ (8 GiB + 292 MiB of KubeVirt overhead) = 15.1 → 15
    expect(before.workers).toMatchObject({ count: 15, boundBy: 'memory' });
    // Load-based figures are never above the request-based one (the usage bound is added to the minimum).
    for (const load of ['lowLoad', 'mediumLoad', 'highLoad']) expect(before.controlPlanes[load].count).toBeLessThanOrEqual(6);
    const predicted = before.controlPlanes.requestBased.count;
    for (let i = 0; i < predicted; i++) {
      const r = await env.cli(['create-cluster', `kv-${i}`, '--replicas', '0', '--no-wait', '--pull-secret', ps]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/control plane fits/);
      expect((await capacity()).controlPlanes.requestBased.count).toBe(predicted - i - 1);
    }
    const refused = await env.cli(['create-cluster', 'kv-next', '--replicas', '0', '--no-wait', '--pull-secret', ps]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no room for another hosted control plane: 0 more fit on 1 node\(s\) by requests, bounded by cpu/);
    expect(refused.stderr).toMatch(/6 hosted cluster\(s\) already there/);
    expect(await hostedClusters()).toEqual(['kv-0', 'kv-1', 'kv-2', 'kv-3', 'kv-4', 'kv-5']);
    const secrets = (await call(env.sim.api, 'GET', pathOf('v1', 'secrets', 'clusters'))).body.items.map((s: { metadata: { name: string } }) => s.metadata.name);
    expect(secrets.filter((n: string) => n.startsWith('kv-next'))).toEqual([]);
    // The override: --skip-capacity-check creates it anyway.
    const forced = await env.cli(['create-cluster', 'kv-next', '--replicas', '0', '--no-wait', '--pull-secret', ps, '--skip-capacity-check']);
    expect(forced.code, forced.stderr).toBe(0);
    // Its control plane takes room as the simulated operator places it (kube-apiserver once etcd runs): wait until it
    // is placed, so the next test measures a settled cluster.
    await waitUntil(env.sim.api, 'v1', 'pods', 'kube-apiserver-6b9c5d7f8-sim01', 'clusters-kv-next', (p) => Boolean(p?.spec?.nodeName));
  }, 180_000);

  it('predicts how many worker VMs of a shape fit, and refuses a node pool that does not', async () => {
    // kv-next (forced above) must have its control-plane pods in place: they take room from the VM node too.
    await waitUntil(env.sim.api, 'v1', 'pods', 'kube-apiserver-6b9c5d7f8-sim01', 'clusters-kv-next', (p) => p.status?.phase === 'Running', 60_000);
    const c = await capacity(['--memory', '16Gi', '--cores', '4']);
    // Each asks 16 GiB + 324 MiB of KubeVirt overhead; what the control-plane pods already ask is taken first.
    expect(c.workers).toMatchObject({ boundBy: 'memory', shape: { memory: '16Gi', cores: 4 }, requestPerVm: { memoryBytes: 16 * 2 ** 30 + 324 * 2 ** 20 } });
    const fit = c.workers.count as number;
    expect(fit).toBeGreaterThan(0);
    const refused = await env.cli(['nodepool', 'create', 'big', '--cluster-name', 'kv-0', '--replicas', String(fit + 1), '--memory', '16Gi', '--cores', '4']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`no room for ${fit + 1} worker VM\\(s\\) of 16\\.0 GiB / 4 cores: ${fit} fit on 1 VM node\\(s\\), bounded by memory`));
    expect((await call(env.sim.api, 'GET', pathOf(HS, 'nodepools', 'clusters', 'big'))).status).toBe(404);
    const text = await env.cli(['capacity', '--memory', '16Gi', '--cores', '4']);
    expect(text.stdout).toMatch(new RegExp(`Worker VMs of 16Gi / 4 cores .*: ${fit} more fit on 1 VM node`));
    expect(text.stdout).toMatch(/by requests\s+0\s+CPU requests/);
  }, 120_000);

  it('refuses VMs whose node selector matches no node, naming the selector', async () => {
    const r = await env.cli(['nodepool', 'create', 'nowhere', '--cluster-name', 'kv-0', '--replicas', '1', '--vm-node-selector', 'example.com/vm-host=none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no node may run the worker VMs: the VM node selector example.com\/vm-host=none matches no Ready, untainted node/);
  }, 60_000);
});
