// Servers that hang or blink: a socket that accepts and never answers ends a command with exit 3 within the
// request timeout (and within --timeout when requests may wait forever); an API-server restart in the middle
// of a wait is ridden out.
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

describe('a server that accepts connections and never answers', () => {
  let env: SimEnv;
  let hung: Server;
  const sockets = new Set<Socket>();
  let kubeconfig: string;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', controllers: false });
    hung = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    const port = (hung.address() as { port: number }).port;
    kubeconfig = join(env.dir, 'hung.kubeconfig');
    writeFileSync(kubeconfig, env.sim.api.kubeconfig().replace(env.sim.api.url, `https://127.0.0.1:${port}`));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => hung.close(r));
    await env.stop();
  });

  it.each([
    ['list', ['list']],
    ['status', ['status', 'kv-00']],
    ['doctor', ['doctor']],
    ['bootstrap', ['bootstrap', '--metallb-addresses', POOL]],
    ['destroy-cluster', ['destroy-cluster', 'kv-00', '--yes']],
  ])(
    '%s: exit 3 "API server not responding" within the request timeout',
    async (_n, args) => {
      const r = await env.cli(['--request-timeout', '1500ms', ...args], { kubeconfig, timeout: 20_000 });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/Error: .*API server not responding at https:\/\/127\.0\.0\.1:\d+/);
      expect(r.stderr).toMatch(/Hint: .*--request-timeout/);
      expect(r.ms).toBeLessThan(8000);
    },
    30_000,
  );

  it('bootstrap with no request timeout still ends at --timeout, naming the deadline', async () => {
    const r = await env.cli(['--request-timeout', '0', 'bootstrap', '--metallb-addresses', POOL, '--timeout', '2s'], { kubeconfig, timeout: 20_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/bootstrap did not finish within 2s/);
    expect(r.ms).toBeLessThan(8000);
  }, 30_000);
});

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
