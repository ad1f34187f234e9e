// Races: two runs of the same command at the same time, many times over. What must never change once made (the
// etcd encryption key, the infraID, the pull-secret reference) keeps the first run's values, and each object is
// reported "created" by exactly one run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watch } from '../helpers/https.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const createdLines = (stderr: string) => new Set([...stderr.matchAll(/: (\S+ \S+) created$/gm)].map((m) => m[1]!));

describe('two create-cluster runs of the same name at the same time', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  }, 60_000);
  afterAll(() => env.stop());

  it.each(Array.from({ length: 10 }, (_, i) => [i]))(
    'round %i: both succeed and converge on one etcd key, infraID and pull-secret reference',
    async (i) => {
      const name = `race-${i}`;
      const api = { ...env.sim.api, token: env.sim.api.systemToken };
      const keys = watch(api, `/api/v1/namespaces/clusters/secrets?watch=true&fieldSelector=metadata.name%3D${name}-etcd-encryption-key`);
      const hcs = watch(api, `/apis/hypershift.openshift.io/v1beta1/namespaces/clusters/hostedclusters?watch=true&fieldSelector=metadata.name%3D${name}`);
      try {
        const run = (n: number) => env.cli(['create-cluster', name, '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--kubeconfig-out', `${name}-${n}.kubeconfig`], { timeout: 60_000 });
        const [a, b] = await Promise.all([run(1), run(2)]);
        expect(a.code, a.stderr.slice(-1500)).toBe(0);
        expect(b.code, b.stderr.slice(-1500)).toBe(0);
        await new Promise((r) => setTimeout(r, 200));
        const keyValues = new Set(keys.events.filter((e) => e.object?.data).map((e) => e.object.data.key));
        expect(keyValues.size, 'the etcd encryption key was replaced after it was created').toBe(1);
        const infraIDs = new Set(hcs.events.filter((e) => e.object?.spec).map((e) => e.object.spec.infraID));
        expect(infraIDs.size, `the infraID changed: ${[...infraIDs].join(', ')}`).toBe(1);
        expect(new Set(hcs.events.filter((e) => e.object?.spec).map((e) => e.object.spec.pullSecret.name))).toEqual(new Set([`${name}-pull-secret`]));
        // Each of the create-only objects is claimed by exactly one run.
        const [ca, cb] = [createdLines(a.stderr), createdLines(b.stderr)];
        for (const what of [`HostedCluster clusters/${name}`, `Secret clusters/${name}-etcd-encryption-key`]) expect(Number(ca.has(what)) + Number(cb.has(what)), what).toBe(1);
        expect(
          [...ca].filter((x) => cb.has(x)),
          'reported created by both runs',
        ).toEqual([]);
      } finally {
        keys.close();
        hcs.close();
      }
    },
    90_000,
  );
});

describe('two bootstraps at the same time', () => {
  it.each([[1], [2], [3]])(
    'round %i: both succeed and no object is reported created by both',
    async () => {
      const env = await simEnv({ profile: 'instant' });
      try {
        const run = () => env.cli(['bootstrap', '--metallb-addresses', POOL], { timeout: 60_000 });
        const [a, b] = await Promise.all([run(), run()]);
        expect(a.code, a.stderr.slice(-1500)).toBe(0);
        expect(b.code, b.stderr.slice(-1500)).toBe(0);
        const [ca, cb] = [createdLines(a.stderr), createdLines(b.stderr)];
        expect(ca.size + cb.size).toBeGreaterThan(10);
        expect(
          [...ca].filter((x) => cb.has(x)),
          'reported created by both runs',
        ).toEqual([]);
      } finally {
        await env.stop();
      }
    },
    90_000,
  );
});
