// Servers that hang or blink: a socket that accepts and never answers ends a command with exit 3 within the
// request timeout (and within --timeout when requests may wait forever); an API-server restart in the middle
// of a wait is ridden out (servers-restart.test.ts, a file of its own so that the two run side by side).
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
