// The simulated operators' client keeps many watches open at once (one per kind per controller). A cap on its
// connections once let those watches hold every socket, so the next request waited in the agent's queue for ever
// and a `sim --preinstalled` start hung about one time in three. Go's http.Transport has no cap by default
// (net/http transport.go: MaxConnsPerHost zero means no limit), and neither may this client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { SimClient } from '../../../src/sim/controllers/client.js';

const WATCHES = 40;

describe('the simulated operators’ client', () => {
  let api: ApiServer;
  let client: SimClient;
  const stop = new AbortController();
  beforeAll(async () => {
    api = await startApiServer();
    client = SimClient.fromKubeconfig(api.kubeconfig({ token: api.systemToken }));
  });
  afterAll(async () => {
    stop.abort();
    client.close();
    await api.close();
  });

  it(`answers a request while ${WATCHES} watches are open`, async () => {
    const listed: Promise<void>[] = [];
    for (let i = 0; i < WATCHES; i++) {
      const namespace = `ns-${i}`;
      // Each watch reports its first (synthetic) ADDED of the ConfigMap below once its stream is open.
      listed.push(
        new Promise<void>((resolve) => {
          void client.watch('v1', 'ConfigMap', { namespace, signal: stop.signal }, () => resolve());
        }),
      );
      await client.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      await client.ensure({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'marker', namespace } });
    }
    await Promise.all(listed);
    const ns = await client.get('v1', 'Namespace', `ns-${WATCHES - 1}`);
    expect(ns?.metadata?.name).toBe(`ns-${WATCHES - 1}`);
  });
});
