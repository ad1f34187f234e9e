// Informer.follow (src/sim/controllers/informer.ts): a controller keeping a cache of its own on the shared watch
// gets every object once as ADDED, whether it follows before the first list is in or after, then every event.
// Handing the listed objects over twice made the tokens controller give a Secret two tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { SimClient } from '../../../src/sim/controllers/client.js';
import { Informer } from '../../../src/sim/controllers/informer.js';

let api: ApiServer;
let c: SimClient;
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k: name } });

beforeAll(async () => {
  api = await startApiServer({ openshiftApis: false });
  c = SimClient.fromKubeconfig(api.kubeconfig({ token: api.systemToken }));
  for (const n of ['a', 'b', 'c']) await c.create(cm(n));
});

afterAll(async () => {
  c?.close();
  await api?.close();
});

/** Follows `inf`, records `type name`, and resolves once a ConfigMap `last` was created and seen. */
async function record(inf: Informer, last: string): Promise<string[]> {
  const seen: string[] = [];
  let sawLast!: () => void;
  const done = new Promise<void>((r) => (sawLast = r));
  const following = inf.follow((t, o) => {
    if (o.metadata.namespace !== 'default') return;
    seen.push(`${t} ${o.metadata.name}`);
    if (o.metadata.name === last) sawLast();
  });
  await following;
  await c.create(cm(last));
  await done;
  return seen;
}

describe('Informer.follow', () => {
  it('before the first list: each listed object once, then the new one', async () => {
    const inf = new Informer(c, 'v1', 'ConfigMap');
    const seen = await record(inf, 'd');
    expect(seen.filter((s) => /^ADDED [abc]$/.test(s)).sort()).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
    expect(seen).toContain('ADDED d');
  });

  it('after the first list: the cache replayed once, then the new one', async () => {
    const inf = new Informer(c, 'v1', 'ConfigMap');
    await inf.synced;
    const seen = await record(inf, 'e');
    expect(seen.filter((s) => /^ADDED [abcd]$/.test(s)).sort()).toEqual(['ADDED a', 'ADDED b', 'ADDED c', 'ADDED d']);
    expect(seen).toContain('ADDED e');
  });
});
