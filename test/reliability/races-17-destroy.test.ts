// Issue 17 item 5: races resolved by the server, not by luck — in loops, part of them with injected latency.
// Two `nodepool create` of one name with different settings: exactly one succeeds, the other names the
// difference; with two different --cluster-name the pool never moves. Two `nodepool scale` of one pool never lose
// an update (resourceVersion precondition: the second reads what the first wrote). Two bootstraps racing to create
// the MetalLB pool with different ranges: never both "created", a loser names the change. `destroy-cluster
// --ignore-not-found` racing `create-cluster` of the same name never deletes the new cluster's secrets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, watch } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const ROUNDS = Array.from({ length: 10 }, (_, i) => [i]);

describe('destroy-cluster --ignore-not-found racing create-cluster of the same name', () => {
  let env: SimEnv;
  const ps = 'ps.json';
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    writeFileSync(join(env.dir, ps), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  }, 120_000);
  afterAll(() => env.stop());

  it.each(ROUNDS)(
    'round %i: the new cluster keeps its secrets and its configuration stays valid',
    async (i) => {
      const name = `dr-${i}`;
      const api = { ...env.sim.api, token: env.sim.api.systemToken };
      const hcs = watch(api, `${pathOf(HS, 'hostedclusters', 'clusters')}?watch=true&fieldSelector=metadata.name%3D${name}`);
      const secrets = watch(api, `${pathOf('v1', 'secrets', 'clusters')}?watch=true&labelSelector=hypershift.openshift.io%2Fsafe-to-delete-with-cluster%3Dtrue`);
      env.sim.api.setFaults(i % 2 ? 'latency=30ms,jitter=30ms' : '');
      try {
        const [c, d] = await Promise.all([
          env.cli(['create-cluster', name, '--replicas', '0', '--release', '4.12.3', '--pull-secret', ps, '--no-wait'], { timeout: 60_000 }),
          env.cli(['destroy-cluster', name, '--yes', '--ignore-not-found', '-o', 'json'], { timeout: 60_000 }),
        ]);
        env.sim.api.setFaults('');
        expect(d.code, d.stderr.slice(-1500)).toBe(0);
        const deletedHc = JSON.parse(d.stdout).steps.find((s: any) => s.id === 'delete-hosted-cluster').status === 'done';
        if (deletedHc) return; // destroy saw the new cluster and deleted it on purpose: nothing to check here.
        expect(c.code, c.stderr.slice(-1500)).toBe(0);
        const deleted = secrets.events.filter((e) => e.type === 'DELETED' && e.object.metadata.name.startsWith(`${name}-`)).map((e) => e.object.metadata.name);
        expect(deleted, 'destroy deleted secrets of the new cluster').toEqual([]);
        expect((await call(api, 'GET', pathOf('v1', 'secrets', 'clusters', `${name}-pull-secret`))).status).toBe(200);
        const hc = await get(env.sim.api, HS, 'hostedclusters', name, 'clusters');
        expect(hc.metadata.deletionTimestamp).toBeUndefined();
        const invalid = hcs.events.filter((e) => e.object?.status?.conditions?.some((x: any) => x.type === 'ValidConfiguration' && x.status === 'False'));
        expect(invalid, 'the HostedCluster became ValidConfiguration=False').toEqual([]);
      } finally {
        env.sim.api.setFaults('');
        hcs.close();
        secrets.close();
      }
    },
    90_000,
  );
});
