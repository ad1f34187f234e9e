// Capacity on the embedded cluster: the figure `hcp-kv capacity` predicts is the number of hosted clusters
// create-cluster then accepts — the next one is refused (exit 2, the numbers, nothing written); node-pool VMs
// likewise. One worker node (31.5 vCPU, 125 GiB, 250 pods): 250 ÷ 75 pods = 3.33 → 3 control planes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { pathOf } from '../helpers/sim-api.js';
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
    expect(before.controlPlanes.requestBased).toEqual({ count: 3, boundBy: 'pods' });
    // Load-based figures are never above the request-based one (the usage bound is added to the minimum).
    for (const load of ['lowLoad', 'mediumLoad', 'highLoad']) expect(before.controlPlanes[load].count).toBeLessThanOrEqual(3);
    const predicted = before.controlPlanes.requestBased.count;
    for (let i = 0; i < predicted; i++) {
      const r = await env.cli(['create-cluster', `kv-${i}`, '--replicas', '0', '--no-wait', '--pull-secret', ps]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/control plane fits/);
      expect((await capacity()).controlPlanes.requestBased.count).toBe(predicted - i - 1);
    }
    const refused = await env.cli(['create-cluster', 'kv-next', '--replicas', '0', '--no-wait', '--pull-secret', ps]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no room for another hosted control plane: 0 more fit on 1 node\(s\) by requests, bounded by pods/);
    expect(refused.stderr).toMatch(/3 hosted cluster\(s\) already there/);
    expect(await hostedClusters()).toEqual(['kv-0', 'kv-1', 'kv-2']);
    const secrets = (await call(env.sim.api, 'GET', pathOf('v1', 'secrets', 'clusters'))).body.items.map((s: { metadata: { name: string } }) => s.metadata.name);
    expect(secrets.filter((n: string) => n.startsWith('kv-next'))).toEqual([]);
    // The override: --skip-capacity-check creates it anyway.
    const forced = await env.cli(['create-cluster', 'kv-next', '--replicas', '0', '--no-wait', '--pull-secret', ps, '--skip-capacity-check']);
    expect(forced.code, forced.stderr).toBe(0);
  }, 180_000);

  it('predicts how many worker VMs of a shape fit, and refuses a node pool that does not', async () => {
    const c = await capacity(['--memory', '16Gi', '--cores', '4']);
    // 125 GiB ÷ (16 GiB + 324 MiB of KubeVirt overhead) = 7.6 → 7 on the one worker
    expect(c.workers).toMatchObject({ count: 7, boundBy: 'memory', shape: { memory: '16Gi', cores: 4 } });
    const refused = await env.cli(['nodepool', 'create', 'big', '--cluster-name', 'kv-0', '--replicas', '8', '--memory', '16Gi', '--cores', '4']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no room for 8 worker VM\(s\) of 16\.0 GiB \/ 4 cores: 7 fit on 1 VM node\(s\), bounded by memory/);
    expect((await call(env.sim.api, 'GET', pathOf(HS, 'nodepools', 'clusters', 'big'))).status).toBe(404);
    const text = await env.cli(['capacity', '--memory', '16Gi', '--cores', '4']);
    expect(text.stdout).toMatch(/Worker VMs of 16Gi \/ 4 cores .*: 7 more fit on 1 VM node/);
    expect(text.stdout).toMatch(/by requests\s+0\s+maxPods/);
  }, 120_000);

  it('refuses VMs whose node selector matches no node, naming the selector', async () => {
    const r = await env.cli(['nodepool', 'create', 'nowhere', '--cluster-name', 'kv-0', '--replicas', '1', '--vm-node-selector', 'example.com/vm-host=none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no node may run the worker VMs: the VM node selector example.com\/vm-host=none matches no Ready, untainted node/);
  }, 60_000);
});
