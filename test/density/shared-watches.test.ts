// Issue 24.1: every wait of a connection shares one list+watch per kind and namespace (src/kube/informer.ts),
// fanned out in memory; a waiter that joins a running watch never sees a state older than its own last write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type KubeClient } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/kube/types.js';
import { startApiServer, type ApiServer } from '../../src/sim/apiserver/index.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-informer-'));
let api: ApiServer;
let kube: KubeClient;
beforeAll(async () => {
  api = await startApiServer({});
  await api.writeKubeconfig(join(dir, 'kubeconfig'));
  kube = await connect({ kubeconfig: join(dir, 'kubeconfig') });
  await kube.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'w' } }]);
});
afterAll(async () => {
  kube.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

type Cm = KubeObject & { data?: Record<string, string> };
const cm = (name: string, data: Record<string, string>): Cm => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'w' }, data });
const ref = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'w' });

it('serves 40 concurrent waits with one list and one watch', async () => {
  api.resetStats();
  const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
  const waits = names.map((n) => kube.waitFor<Cm>(ref(n), (o) => (o?.data?.ready === 'yes' ? { done: true } : { done: false, reason: 'not ready' }), { timeout: 60_000 }));
  for (const n of names) await kube.create(cm(n, { ready: 'yes' }));
  const got = await Promise.all(waits);
  expect(got.map((o) => o?.metadata.name)).toEqual(names);
  const s = api.stats().byVerb;
  expect(s.list).toBe(1);
  expect(s.watch).toBe(1);
  expect(s.create).toBe(40);
});

it('a waiter joining a running watch sees its own last write, never an older state', async () => {
  await kube.create(cm('flip', { v: '0' }));
  // Keeps the ConfigMap watch of namespace w running throughout.
  const holder = new AbortController();
  const hold = kube.waitFor(ref('never'), () => ({ done: false, reason: 'held' }), { timeout: 120_000, signal: holder.signal }).catch(() => undefined);
  for (let i = 1; i <= 30; i++) {
    await kube.patch(ref('flip'), { data: { v: String(i) } }, 'merge');
    const seen = await kube.waitFor<Cm>(ref('flip'), (o) => (o?.data?.v === String(i) ? { done: true } : { failed: `saw v=${o?.data?.v} after writing v=${i}` }), { timeout: 30_000 });
    expect(seen?.data?.v).toBe(String(i));
  }
  holder.abort();
  await hold;
});
