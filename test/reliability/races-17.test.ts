// Issue 17 item 5: races resolved by the server, not by luck — in loops, part of them with injected latency.
// Two `nodepool create` of one name with different settings: exactly one succeeds, the other names the
// difference; with two different --cluster-name the pool never moves. Two `nodepool scale` of one pool never lose
// an update (resourceVersion precondition: the second reads what the first wrote). Two bootstraps racing to create
// the MetalLB pool with different ranges: never both "created", a loser names the change. `destroy-cluster
// --ignore-not-found` racing `create-cluster` of the same name never deletes the new cluster's secrets.
// The three races are three files (races-17, races-17-metallb, races-17-destroy) so that they run side by side.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watch } from '../helpers/https.js';
import { get, pathOf, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const ROUNDS = Array.from({ length: 10 }, (_, i) => [i]);
/** Rounds 5..9 run with injected latency on every request of the CLI (src/sim/apiserver/faults.ts). */
const latency = (i: number) => (i >= 5 ? 'latency=40ms,jitter=40ms' : '');

describe('races on node pools', () => {
  let env: SimEnv;
  const ps = 'ps.json';
  const api = () => ({ ...env.sim.api, token: env.sim.api.systemToken });
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    writeFileSync(join(env.dir, ps), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    const [a, b] = await Promise.all(['c1', 'c2'].map((c) => env.cli(['create-cluster', c, '--replicas', '0', '--release', '4.12.3', '--pull-secret', ps, '--no-wait'])));
    expect(a!.code, a!.stderr.slice(-1500)).toBe(0);
    expect(b!.code, b!.stderr.slice(-1500)).toBe(0);
    // nodepool create reads the hosted cluster's admin kubeconfig at its end (check-nodes): wait until both publish it.
    for (const c of ['c1', 'c2']) await waitUntil(env.sim.api, HS, 'hostedclusters', c, 'clusters', (o) => Boolean(o.status?.kubeconfig?.name), 90_000);
  }, 180_000);
  afterAll(() => env.stop());

  it.each(ROUNDS)(
    'round %i: two nodepool create of one name with different memory — exactly one succeeds, the other names the difference',
    async (i) => {
      env.sim.api.setFaults(latency(i));
      const name = `np-${i}`;
      const events = watch(api(), `${pathOf(HS, 'nodepools', 'clusters')}?watch=true&fieldSelector=metadata.name%3D${name}`);
      try {
        const run = (mem: string) => env.cli(['nodepool', 'create', name, '--cluster-name', 'c1', '--replicas', '0', '--memory', mem], { timeout: 60_000 });
        const rs = await Promise.all([run('6Gi'), run('8Gi')]);
        env.sim.api.setFaults('');
        const ok = rs.filter((r) => r.code === 0);
        expect(ok, rs.map((r) => r.stderr.slice(-800)).join('\n----\n')).toHaveLength(1);
        const loser = rs.find((r) => r.code !== 0)!;
        expect(loser.code).toBe(2);
        expect(loser.stderr).toMatch(
          /node pool clusters\/np-\d+ (already exists|of hosted cluster c1 already exists).* with a different configuration: spec\.platform\.kubevirt\.compute \(live \{.*"memory":"(6|8)Gi".*\}, requested \{.*"memory":"(6|8)Gi".*\}\)/,
        );
        const memories = new Set(events.events.filter((e) => e.object?.spec).map((e) => e.object.spec.platform.kubevirt.compute.memory));
        expect(memories.size, `the pool's memory changed: ${[...memories].join(', ')}`).toBe(1);
      } finally {
        env.sim.api.setFaults('');
        events.close();
      }
    },
    90_000,
  );

  it.each(ROUNDS)(
    'round %i: two nodepool create of one name for two clusters — one succeeds, the pool never moves',
    async (i) => {
      env.sim.api.setFaults(latency(i));
      const name = `mv-${i}`;
      const events = watch(api(), `${pathOf(HS, 'nodepools', 'clusters')}?watch=true&fieldSelector=metadata.name%3D${name}`);
      try {
        const run = (cluster: string) => env.cli(['nodepool', 'create', name, '--cluster-name', cluster, '--replicas', '0'], { timeout: 60_000 });
        const rs = await Promise.all([run('c1'), run('c2')]);
        env.sim.api.setFaults('');
        expect(
          rs.filter((r) => r.code === 0),
          rs.map((r) => r.stderr.slice(-800)).join('\n----\n'),
        ).toHaveLength(1);
        expect(rs.find((r) => r.code !== 0)!.stderr).toMatch(/node pool clusters\/mv-\d+ (already exists and belongs to hosted cluster c[12]|of hosted cluster c[12] already exists .*spec\.clusterName \(live "c[12]", requested "c[12]"\))/);
        const owners = new Set(events.events.filter((e) => e.object?.spec).map((e) => e.object.spec.clusterName));
        expect(owners.size, `the pool moved between clusters: ${[...owners].join(' → ')}`).toBe(1);
      } finally {
        env.sim.api.setFaults('');
        events.close();
      }
    },
    90_000,
  );

  it.each(ROUNDS)(
    'round %i: two nodepool scale of one pool — the later one reads what the earlier wrote (no lost update)',
    async (i) => {
      if (i === 0) expect((await env.cli(['nodepool', 'create', 'sc', '--cluster-name', 'c1', '--replicas', '0'])).code).toBe(0);
      const cur = (await get(env.sim.api, HS, 'nodepools', 'sc', 'clusters')).spec.replicas as number;
      const [a, b] = [0, 1, 2].filter((n) => n !== cur);
      env.sim.api.setFaults(latency(i) || 'latency=20ms');
      try {
        const run = (n: number) => env.cli(['nodepool', 'scale', 'sc', '--replicas', String(n), '-o', 'json', '--timeout', '1m'], { timeout: 90_000 });
        const rs = await Promise.all([run(a!), run(b!)]);
        env.sim.api.setFaults('');
        const moves = rs.map((r) => {
          const step = JSON.parse(r.stdout).steps.find((s: any) => s.id === 'scale-nodepool');
          const m = /^replicas (\d+) → (\d+)$/.exec(step.message ?? '');
          expect(m, `${step.status}: ${step.message}`).not.toBeNull();
          return [Number(m![1]), Number(m![2])] as const;
        });
        // One move starts from the value both read; the other from what the first wrote.
        const first = moves.find(([from]) => from === cur);
        const second = moves.find((x) => x !== first);
        expect(first, JSON.stringify(moves)).toBeDefined();
        expect(second![0], `lost update: ${JSON.stringify(moves)}`).toBe(first![1]);
        expect((await get(env.sim.api, HS, 'nodepools', 'sc', 'clusters')).spec.replicas).toBe(second![1]);
      } finally {
        env.sim.api.setFaults('');
      }
    },
    120_000,
  );
});
