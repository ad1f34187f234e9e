// A hosted cluster's API server starts with what its control plane installs (guest.ts installed(), seeded through
// the server's own writes: apiserver/server.ts SimApi.seed): the same objects the operators' requests made before,
// refused when the API would refuse them, and never written over a restored store.
import { afterAll, describe, expect, it } from 'vitest';
import { startApiServer, type SeedObject } from '../../../src/sim/apiserver/index.js';
import type { Obj } from '../../../src/sim/controllers/client.js';
import { Guest } from '../../../src/sim/controllers/guest.js';
import { crdFor, loadEmbeddedCrds } from '../../../src/sim/controllers/runtime.js';

const CONFIG = 'config.openshift.io/v1';
const KINDS: [string, string][] = [
  [CONFIG, 'ClusterVersion'],
  [CONFIG, 'ClusterOperator'],
  ['v1', 'Namespace'],
  ['v1', 'Pod'],
];

/** What a guest serves of the installed kinds, without what differs from one write to the next. */
async function contents(g: Guest): Promise<Record<string, Obj[]>> {
  const out: Record<string, Obj[]> = {};
  for (const [apiVersion, kind] of KINDS) {
    const items = (await g.client.list(apiVersion, kind)).items;
    const text = JSON.stringify(items)
      .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g, '"<time>"')
      .replace(/"(resourceVersion|uid|clusterID)":"[^"]*"/g, '"$1":"<$1>"');
    out[kind] = JSON.parse(text);
  }
  return out;
}

const configCrds = async () => {
  await loadEmbeddedCrds();
  return ['clusteroperators', 'clusterversions'].map((crd) => crdFor(`${crd}.config.openshift.io`));
};

describe('guest API server seeded at start', () => {
  const guests: Guest[] = [];
  afterAll(async () => {
    for (const g of guests) await g.stop();
  });

  it('serves what the operators requests made before, with the same managers, in a few requests', async () => {
    const seeded = await Guest.start('seeded', '4.14.5');
    guests.push(seeded);
    // The same guest installed over HTTP: its store holds only the CRDs (as a restored etcd would), so the
    // operators create and patch everything through the API, as they did before seeding.
    const bare = await startApiServer({ openshiftApis: false, crds: await configCrds() });
    const snapshot = bare.storeSnapshot();
    await bare.close();
    const requested = await Guest.start('requested', '4.14.5', snapshot);
    guests.push(requested);

    const a = await contents(seeded);
    expect(a).toEqual(await contents(requested));
    expect(a.ClusterOperator).toHaveLength(15);
    expect(a.Pod!.map((p) => p.status.phase)).toEqual(Array(5).fill('Running'));
    const ingress = a.ClusterOperator!.find((co) => co.metadata.name === 'ingress')!;
    expect(ingress.status.conditions.map((c: Obj) => [c.type, c.status])).toEqual([
      ['Available', 'False'],
      ['Progressing', 'False'],
      ['Degraded', 'True'],
    ]);
    expect(ingress.metadata.managedFields.map((m: Obj) => [m.manager, m.operation, m.subresource])).toEqual([
      ['unknown', 'Update', undefined],
      ['unknown', 'Update', 'status'],
    ]);
    expect(a.ClusterVersion![0]!.status.history[0]).toMatchObject({ state: 'Partial', version: '4.14.5' });
    // The installed objects cost no request (the node watch, discovery and the router Service remain).
    expect(seeded.api.stats().systemRequests).toBeLessThan(15);
    expect(requested.api.stats().systemRequests).toBeGreaterThan(50);

    // Later changes are requests, as before: ingress admitted makes every operator available.
    await seeded.setOperators(true);
    const after = await seeded.client.get(CONFIG, 'ClusterOperator', 'ingress');
    expect(after!.status.conditions[0]).toMatchObject({ type: 'Available', status: 'True' });
    expect((await seeded.client.get(CONFIG, 'ClusterVersion', 'version'))!.status.history[0].state).toBe('Completed');
  });

  it('refuses a seed the API would refuse', async () => {
    const crds = await configCrds();
    const badStatus: SeedObject = { object: { apiVersion: CONFIG, kind: 'ClusterOperator', metadata: { name: 'dns' }, spec: {} }, status: { conditions: [{ type: 'Available', status: 'Maybe' }] } };
    await expect(startApiServer({ openshiftApis: false, crds, objects: [badStatus] })).rejects.toMatchObject({ code: 422 });
    const containers = [{ name: 'c', image: 'i' }];
    const ephemeral: SeedObject = { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers, ephemeralContainers: containers } } };
    await expect(startApiServer({ openshiftApis: false, objects: [ephemeral] })).rejects.toMatchObject({ code: 422 });
    const badName: SeedObject = { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Not_A_Name' } } };
    await expect(startApiServer({ openshiftApis: false, objects: [badName] })).rejects.toMatchObject({ code: 422 });
    const noNamespace: SeedObject = { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'absent' }, spec: { containers } } };
    await expect(startApiServer({ openshiftApis: false, objects: [noNamespace] })).rejects.toMatchObject({ code: 404 });
  });

  it('does not seed over a restored store', async () => {
    const first = await Guest.start('restored', '4.14.5');
    // A change of its user's that a seed would undo (a restored guest's start writes the operators' own state).
    await first.client.patch(CONFIG, 'ClusterVersion', 'version', undefined, { spec: { channel: 'candidate-4.14' } });
    const before = await contents(first);
    const uid = (await first.client.get(CONFIG, 'ClusterVersion', 'version'))!.metadata.uid;
    const snapshot = first.api.storeSnapshot();
    await first.stop();
    const restored = await Guest.start('restored', '4.14.5', snapshot);
    guests.push(restored);
    expect(await contents(restored)).toEqual(before);
    const cv = (await restored.client.get(CONFIG, 'ClusterVersion', 'version'))!;
    expect([cv.metadata.uid, cv.spec.channel]).toEqual([uid, 'candidate-4.14']);
  });
});
