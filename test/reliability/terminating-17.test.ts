// Issue 17 item 6: a node pool being deleted is refused before any write by `nodepool scale` and `nodepool
// create`; `nodepool delete` of a pool already being deleted says since when, sends nothing, waits for it with
// the announced deadline (and fails at it naming the finalizer), and finishes once the pool goes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { get, mergePatch, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const HOLD = 'test.hcp-kv.io/hold';

describe('a node pool that is being deleted', () => {
  let env: SimEnv;
  let since: string;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    const c = await env.cli(['create-cluster', 'tc', '--replicas', '1', '--release', '4.12.3', '--pull-secret', 'ps.json']);
    expect(c.code, c.stderr.slice(-1500)).toBe(0);
    const np = await env.cli(['nodepool', 'create', 'tp', '--cluster-name', 'tc', '--replicas', '1']);
    expect(np.code, np.stderr.slice(-1500)).toBe(0);
    // A finalizer nobody removes keeps the pool terminating.
    const live = await get(env.sim.api, HS, 'nodepools', 'tp', 'clusters');
    await mergePatch(env.sim.api, HS, 'nodepools', 'tp', 'clusters', { metadata: { finalizers: [...(live.metadata.finalizers ?? []), HOLD] } });
    expect((await call(env.sim.api, 'DELETE', pathOf(HS, 'nodepools', 'clusters', 'tp'))).status).toBeLessThan(300);
    since = (await get(env.sim.api, HS, 'nodepools', 'tp', 'clusters')).metadata.deletionTimestamp;
    expect(since).toBeTruthy();
  }, 120_000);
  afterAll(() => env.stop());

  it('nodepool scale and nodepool create refuse it before any write', async () => {
    env.sim.api.resetStats();
    const scale = await env.cli(['nodepool', 'scale', 'tp', '--replicas', '2']);
    expect(scale.code).not.toBe(0);
    expect(scale.stderr).toContain(`NodePool clusters/tp is being deleted since ${since}`);
    expect(scale.stderr).toMatch(new RegExp(`finalizers: .*${HOLD.replace(/\./g, '\\.')}\\); nothing was changed`));
    const create = await env.cli(['nodepool', 'create', 'tp', '--cluster-name', 'tc', '--replicas', '1']);
    expect(create.code).not.toBe(0);
    expect(create.stderr).toContain(`NodePool clusters/tp is being deleted since ${since}`);
    expect(env.sim.api.stats().mutating, 'a write reached a terminating pool').toBe(0);
    expect((await get(env.sim.api, HS, 'nodepools', 'tp', 'clusters')).spec.replicas).toBe(1);
  }, 60_000);

  it('nodepool delete says since when, sends no delete, and waits only up to its announced deadline', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['nodepool', 'delete', 'tp', '--timeout', '3s', '-o', 'json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`NodePool clusters/tp is already being deleted since ${since}`);
    expect(r.stderr).toMatch(/waiting up to 3s for NodePool clusters\/tp/);
    const steps = Object.fromEntries(JSON.parse(r.stdout).steps.map((s: any) => [s.id, s]));
    expect(steps['delete-nodepool'].status).toBe('already-done');
    expect(steps['delete-nodepool'].message).toBe(`already being deleted since ${since}`);
    expect(steps['wait-nodepool-gone'].status).toBe('failed');
    expect(JSON.stringify(steps['wait-nodepool-gone'])).toContain(HOLD);
    expect(env.sim.api.stats().mutating).toBe(0);
  }, 60_000);

  it('nodepool delete finishes once the pool goes', async () => {
    const child = spawn(process.execPath, [CLI, '--kubeconfig', env.kubeconfig, '--progress', 'plain', 'nodepool', 'delete', 'tp', '--timeout', '2m'], { cwd: env.dir });
    let stderr = '';
    let released = false;
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        // Once it waits, let the pool go: remove the finalizer that held it.
        if (!released && /waiting up to 2m for NodePool clusters\/tp/.test(stderr)) {
          released = true;
          void get(env.sim.api, HS, 'nodepools', 'tp', 'clusters').then((np) => mergePatch(env.sim.api, HS, 'nodepools', 'tp', 'clusters', { metadata: { finalizers: (np.metadata.finalizers as string[]).filter((f) => f !== HOLD) } }));
        }
      });
      child.on('close', resolve);
    });
    expect(code, stderr.slice(-1500)).toBe(0);
    expect(stderr).toContain(`already being deleted since ${since}`);
    expect(stderr).toMatch(/NodePool, VMs and Nodes gone/);
  }, 150_000);
});
