// An API-server restart in the middle of a wait is ridden out.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

describe('an API-server restart during a wait', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'fast', timeScale: 4 });
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  }, 90_000);
  afterAll(() => env.stop());

  it('create-cluster rides out the server being down for 2s and succeeds', async () => {
    const ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    const run = env.cli(['create-cluster', 'blink', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--reconnect-window', '30s'], { timeout: 90_000 });
    const api = { ...env.sim.api, token: env.sim.api.systemToken };
    // Once the NodePool (applied last) exists the CLI is in its waits: take the server away, then bring it back
    // on the same port.
    for (let i = 0; i < 800 && !(await get(api, 'hypershift.openshift.io/v1beta1', 'nodepools', 'blink', 'clusters')); i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    await env.sim.api.down();
    await new Promise((r) => setTimeout(r, 2000));
    await env.sim.api.up();
    const r = await run;
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr).toMatch(/connection to the API server lost/);
    expect((await get(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'blink', 'clusters')).status.version.history[0].state).toBe('Completed');
  }, 120_000);
});
