// bootstrap + create-cluster + destroy-cluster succeed while the API server fails 10 % of requests
// (500/503/429 with Retry-After, connection resets) and closes every watch after 2 s, for several seeds,
// and end in the same state as a clean run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type ExpectStatic } from 'vitest';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, tempDir, type SimEnv } from '../helpers/sim-env.js';

const FAULTS = 'error-rate=0.08,reset-rate=0.02,watch-close=2s';

// The seeds run side by side, each on its own embedded cluster, in one shared folder (in-process runs in
// different folders would take turns): the file takes as long as its slowest seed.
const shared = tempDir();
const ps = join(shared, 'ps.json');
writeFileSync(ps, JSON.stringify({ auths: { 'quay.io': { auth: 'eDp5' } } }));

describe.concurrent.each([[11], [23], [47]])('under faults (seed %i)', (seed) => {
  it('bootstraps, creates and destroys a hosted cluster, ending in the clean-run state', async ({ expect }) => {
    const env = await simEnv({ profile: 'fast', timeScale: 0.3, seed, faults: FAULTS });
    try {
      await lifecycle(env, `kv-${seed}`, expect);
    } finally {
      await env.stop();
    }
  }, 240_000);
});

async function lifecycle(env: SimEnv, name: string, expect: ExpectStatic): Promise<void> {
  const cli = (args: string[]) => env.cli(args, { timeout: 120_000, cwd: shared });
  const boot = await cli(['bootstrap', '--metallb-addresses', POOL, '-o', 'json']);
  expect(boot.code, boot.stderr.slice(-1500)).toBe(0);
  const create = await cli(['create-cluster', name, '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps, '-o', 'json']);
  expect(create.code, create.stderr.slice(-1500)).toBe(0);
  expect(env.sim.api.stats().faultsInjected).toBeGreaterThan(5);
  // The test's own checks use the never-faulted system token.
  const api = { ...env.sim.api, token: env.sim.api.systemToken };
  expect((await get(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', name, 'clusters')).status.version.history[0].state).toBe('Completed');
  expect((await call(api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', `clusters-${name}`))).body.items).toHaveLength(2);
  const destroy = await cli(['destroy-cluster', name, '--yes']);
  expect(destroy.code, destroy.stderr.slice(-1500)).toBe(0);
  expect((await call(api, 'GET', pathOf('v1', 'namespaces', undefined, `clusters-${name}`))).status).toBe(404);
  // Same end state as a clean bootstrap: one default class, one MCE, one pool.
  const defaults = (await call(api, 'GET', '/apis/storage.k8s.io/v1/storageclasses')).body.items.filter((c: any) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  expect(defaults.map((c: any) => c.metadata.name)).toEqual(['ocs-storagecluster-ceph-rbd']);
  expect((await call(api, 'GET', '/apis/multicluster.openshift.io/v1/multiclusterengines')).body.items).toHaveLength(1);
  const doctor = await cli(['doctor', '-o', 'json']);
  expect(JSON.parse(doctor.stdout).ready).toBe(true);
}
