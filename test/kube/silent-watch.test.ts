// A watch stream that stays open and silent (a half-open connection, a proxy that swallowed it) is dropped
// after the idle limit and resumed from the last resourceVersion, instead of waiting out the whole timeout.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Discovery } from '../../src/kube/discovery.js';
import { KubeHttp } from '../../src/kube/http.js';
import { waitFor } from '../../src/kube/wait.js';

let server: Server;
let url: string;
const watches: string[] = [];
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    const json = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (u.pathname === '/api/v1') return json({ resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }] });
    if (u.searchParams.get('watch') !== 'true') return json({ metadata: { resourceVersion: '5' }, items: [] });
    watches.push(u.search);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    // The first watch says nothing, ever; the resumed one delivers the object.
    if (watches.length === 1) return void held.push(res);
    res.end(`${JSON.stringify({ type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default', resourceVersion: '6' } } })}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  held.forEach((r) => r.destroy());
  await new Promise((r) => server.close(r));
});

it('drops a silent watch after the idle limit and resumes it from the list resourceVersion', async () => {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: url, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  const http = new KubeHttp(kc, url, undefined, {}, undefined, { watchIdleMs: 400 });
  const started = performance.now();
  const obj = await waitFor(http, new Discovery(http), { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', namespace: 'default' }, (o) => (o ? { done: true } : { done: false, reason: 'absent' }), { timeout: 10_000 });
  http.close();
  expect(obj?.metadata.name).toBe('cm');
  expect(performance.now() - started).toBeLessThan(3000);
  expect(watches).toHaveLength(2);
  // Both ask the server to end the watch itself (timeoutSeconds), and the resume starts where the list left off.
  expect(watches[1]).toMatch(/timeoutSeconds=\d+/);
  expect(watches[1]).toMatch(/resourceVersion=5/);
});
