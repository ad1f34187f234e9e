// Never take away what is in use: a bootstrap whose new MetalLB addresses leave out addresses LoadBalancer
// Services hold is refused (exit 2, nothing changed) unless --replace-metallb-addresses; doctor's free-address
// count is never negative and its hint is not a destructive command with placeholders.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { create, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

describe('MetalLB addresses held by Services', () => {
  let env: SimEnv;
  let held: string;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    expect((await env.cli(['create-cluster', 'kv-00', '--replicas', '1', '--release', '4.12.3', '--pull-secret', 'ps.json'])).code).toBe(0);
    const api = { ...env.sim.api, token: env.sim.api.systemToken };
    const services = (await call(api, 'GET', '/api/v1/services')).body.items.filter((s: any) => s.status?.loadBalancer?.ingress?.length);
    expect(services.length).toBeGreaterThan(0);
    held = services[0].status.loadBalancer.ingress[0].ip;
  }, 90_000);
  afterAll(() => env.stop());

  it('bootstrap with a range that leaves them out: exit 2, listing the Services and addresses, nothing changed', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', '192.0.2.100-192.0.2.120']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`Error: the new MetalLB addresses \\(192\\.0\\.2\\.100-192\\.0\\.2\\.120\\) leave out addresses LoadBalancer Services hold: clusters-kv-00/\\S+ ${held.replace(/\./g, '\\.')}`));
    expect(r.stderr).toMatch(/Hint: .*--replace-metallb-addresses/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('a range that still holds them is fine; --replace-metallb-addresses replaces anyway', async () => {
    const keep = await env.cli(['bootstrap', '--metallb-addresses', `${POOL},192.0.2.100-192.0.2.120`]);
    expect(keep.code, keep.stderr.slice(-1000)).toBe(0);
    const replaced = await env.cli(['bootstrap', '--metallb-addresses', '192.0.2.200-192.0.2.200', '--replace-metallb-addresses']);
    expect(replaced.code, replaced.stderr.slice(-1000)).toBe(0);
  });
});

describe("doctor's MetalLB row", () => {
  it('never counts a negative number of free addresses, and its hint has no placeholder', async () => {
    const env = await simEnv({ profile: 'instant' });
    try {
      expect((await env.cli(['bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.10'])).code).toBe(0);
      // Two Services report load-balancer addresses outside the one-address pool (ClusterIP: MetalLB leaves them be).
      const api = { ...env.sim.api, token: env.sim.api.systemToken };
      for (const [name, ip] of [
        ['outside-1', '198.51.100.7'],
        ['outside-2', '198.51.100.8'],
      ]) {
        await create(api, 'v1', 'services', { metadata: { name, namespace: 'default' }, spec: { type: 'ClusterIP', ports: [{ port: 80 }] } });
        await call(api, 'PATCH', pathOf('v1', 'services', 'default', name, 'status'), { status: { loadBalancer: { ingress: [{ ip }] } } }, { contentType: 'application/merge-patch+json' });
      }
      const r = await env.cli(['doctor', '-o', 'json']);
      const row = JSON.parse(r.stdout).checks.find((c: any) => c.check === 'metallb');
      expect(row.detail).toBe('1 pool(s), 1 of 1 addresses free');
      // Full pool: the hint says what to do without a placeholder.
      await call(api, 'PATCH', pathOf('v1', 'services', 'default', 'outside-1', 'status'), { status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } }, { contentType: 'application/merge-patch+json' });
      const full = JSON.parse((await env.cli(['doctor', '-o', 'json'])).stdout).checks.find((c: any) => c.check === 'metallb');
      expect(full.detail).toBe('1 pool(s), 0 of 1 addresses free');
      expect(full.hint).toMatch(/current ranges \(192\.0\.2\.10-192\.0\.2\.10\)/);
      expect(full.hint).not.toMatch(/…|<[a-z -]+>/);
    } finally {
      await env.stop();
    }
  }, 60_000);
});
