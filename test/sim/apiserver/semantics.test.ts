// kube-apiserver semantics the embedded API server must not relax (issue 17 item 8), each checked against
// kubernetes/kubernetes: managedFields and apply conflicts (k8s.io/apiserver fieldmanager), immutable
// Secrets/ConfigMaps (pkg/apis/core/validation/validation.go @000f26050b9be6fb3d79fae95e06b47fc96128cd), garbage
// collection with several owners (pkg/controller/garbagecollector attemptToDeleteItem), AllowCreateOnUpdate,
// checkName, delete preconditions, ValidateDryRun (422 Invalid, apiserver handlers/create.go), and filtered
// watches (apiserver cacher).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { call, watch } from '../../helpers/https.js';

const CM = '/api/v1/namespaces/default/configmaps';
const cm = (name: string, data: Record<string, string> = { a: '1' }, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data, ...extra });
const apply = (api: ApiServer, path: string, body: unknown, manager: string, force = false) =>
  call(api, 'PATCH', `${path}?fieldManager=${manager}${force ? '&force=true' : ''}`, JSON.stringify(body), { contentType: 'application/apply-patch+yaml' });
const owners = (o: any) =>
  (o.metadata.managedFields ?? []).map((e: any) => [
    e.manager,
    e.operation,
    Object.keys(e.fieldsV1?.['f:data'] ?? {})
      .sort()
      .join(','),
  ]);

describe('kube-apiserver semantics of the embedded API server', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  it('records managedFields for create, update and patch (Update entries by fieldManager)', async () => {
    const created = await call(api, 'POST', `${CM}?fieldManager=creator`, cm('mf', { a: '1', b: '2' }));
    expect(owners(created.body)).toEqual([['creator', 'Update', 'f:a,f:b']]);
    const patched = await call(api, 'PATCH', `${CM}/mf?fieldManager=patcher`, { data: { b: '3' } }, { contentType: 'application/merge-patch+json' });
    expect(owners(patched.body)).toEqual([
      ['creator', 'Update', 'f:a'],
      ['patcher', 'Update', 'f:b'],
    ]);
    const put = await call(api, 'PUT', `${CM}/mf?fieldManager=putter`, { ...patched.body, data: { a: '9', b: '3' } });
    expect(owners(put.body)).toEqual([
      ['patcher', 'Update', 'f:b'],
      ['putter', 'Update', 'f:a'],
    ]);
  });

  it("refuses an apply that changes another manager's field with kube's conflict message; force moves ownership", async () => {
    expect((await apply(api, `${CM}/ssa`, cm('ssa', { a: '1', b: '1' }), 'alpha')).status).toBe(201);
    // Same values: shared ownership, no conflict.
    expect((await apply(api, `${CM}/ssa`, cm('ssa', { a: '1' }), 'beta')).status).toBe(200);
    const one = await apply(api, `${CM}/ssa`, cm('ssa', { a: '2' }), 'beta');
    expect(one.status).toBe(409);
    expect(one.body.reason).toBe('Conflict');
    expect(one.body.message).toBe('Apply failed with 1 conflict: conflict with "alpha": .data.a');
    expect(one.body.details.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.data.a' }]);
    await call(api, 'PATCH', `${CM}/ssa?fieldManager=editor`, { metadata: { labels: { x: 'y' } } }, { contentType: 'application/merge-patch+json' });
    const two = await apply(api, `${CM}/ssa`, { ...cm('ssa', { a: '2', b: '2' }), metadata: { name: 'ssa', labels: { x: 'z' } } }, 'gamma');
    expect(two.status).toBe(409);
    // beta shares .data.a with alpha (it applied the same value), so both are named.
    expect(two.body.message).toBe('Apply failed with 4 conflicts: conflicts with "alpha"\n- .data.a\n- .data.b\nconflicts with "beta"\n- .data.a\nconflicts with "editor" using v1\n- .metadata.labels.x');
    const forced = await apply(api, `${CM}/ssa`, cm('ssa', { a: '2' }), 'beta', true);
    expect(forced.status).toBe(200);
    expect(forced.body.data).toEqual({ a: '2', b: '1' });
    const after = owners(forced.body).filter((o: string[]) => o[0] !== 'editor');
    expect(after).toEqual([
      ['alpha', 'Apply', 'f:b'],
      ['beta', 'Apply', 'f:a'],
    ]);
  });

  it('freezes the data of immutable Secrets and ConfigMaps', async () => {
    await call(api, 'POST', CM, cm('frozen', { a: '1' }, { immutable: true }));
    const changed = await call(api, 'PATCH', `${CM}/frozen`, { data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toBe('ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const thawed = await call(api, 'PATCH', `${CM}/frozen`, { immutable: false }, { contentType: 'application/merge-patch+json' });
    expect(thawed.body.message).toContain('immutable: Forbidden: field is immutable when `immutable` is set');
    expect((await call(api, 'PATCH', `${CM}/frozen`, { metadata: { labels: { ok: 'yes' } } }, { contentType: 'application/merge-patch+json' })).status).toBe(200);
    const S = '/api/v1/namespaces/default/secrets';
    await call(api, 'POST', S, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { k: 'YQ==' }, immutable: true });
    const sec = await call(api, 'PUT', `${S}/sec`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { k: 'Yg==' }, immutable: true });
    expect(sec.status).toBe(422);
    expect(sec.body.message).toContain('data: Forbidden: field is immutable when `immutable` is set');
  });

  it('deletes a dependent only when its last owner is gone', async () => {
    const a = (await call(api, 'POST', CM, cm('owner-a'))).body;
    const b = (await call(api, 'POST', CM, cm('owner-b'))).body;
    const ref = (o: any) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid });
    await call(api, 'POST', CM, { ...cm('dep'), metadata: { name: 'dep', ownerReferences: [ref(a), ref(b)] } });
    expect((await call(api, 'DELETE', `${CM}/owner-a`)).status).toBe(200);
    const dep = await call(api, 'GET', `${CM}/dep`);
    expect(dep.status).toBe(200);
    expect(dep.body.metadata.ownerReferences).toEqual([ref(b)]);
    await call(api, 'DELETE', `${CM}/owner-b`);
    expect((await call(api, 'GET', `${CM}/dep`)).status).toBe(404);
  });

  it('PUT: 404 for a missing ConfigMap or custom resource, 400 when the body names another object; services may be created', async () => {
    const missing = await call(api, 'PUT', `${CM}/nope`, cm('nope'));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('configmaps "nope" not found');
    await call(api, 'POST', CM, cm('named'));
    const other = await call(api, 'PUT', `${CM}/named`, cm('different'));
    expect(other.status).toBe(400);
    expect(other.body.message).toBe('the name of the object (different) does not match the name on the URL (named)');
    // Custom resources: apiextensions-apiserver's customResourceStrategy has AllowCreateOnUpdate() false.
    await call(api, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gizmos.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    for (let i = 0; i < 500 && (await call(api, 'GET', '/apis/example.com/v1')).status !== 200; i++) await new Promise((r) => setTimeout(r, 10));
    const cr = await call(api, 'PUT', '/apis/example.com/v1/namespaces/default/gizmos/g1', { apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'g1' } });
    expect(cr.status).toBe(404);
    expect(cr.body.message).toBe('gizmos.example.com "g1" not found');
    const svc = await call(api, 'PUT', '/api/v1/namespaces/default/services/made-by-put', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'made-by-put' }, spec: { ports: [{ port: 80 }] } });
    expect(svc.status).toBe(201);
  });

  it('honours delete preconditions and refuses an invalid dryRun value', async () => {
    const o = (await call(api, 'POST', CM, cm('pre'))).body;
    const uid = await call(api, 'DELETE', `${CM}/pre`, { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'other-uid' } });
    expect(uid.status).toBe(409);
    expect(uid.body.message).toBe(`Operation cannot be fulfilled on configmaps "pre": Precondition failed: UID in precondition: other-uid, UID in object meta: ${o.metadata.uid}`);
    const rv = await call(api, 'DELETE', `${CM}/pre`, { preconditions: { resourceVersion: '1' } });
    expect(rv.status).toBe(409);
    expect(rv.body.message).toContain('Precondition failed: ResourceVersion in precondition: 1');
    expect((await call(api, 'DELETE', `${CM}/pre`, { preconditions: { uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion } })).status).toBe(200);
    const bogus = await call(api, 'POST', `${CM}?dryRun=Bogus`, cm('dry'));
    expect(bogus.status).toBe(422);
    expect(bogus.body.message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Bogus"}: supported values: "All"');
    expect((await call(api, 'GET', `${CM}/dry`)).status).toBe(404);
    expect((await call(api, 'POST', `${CM}?dryRun=All`, cm('dry'))).status).toBe(201);
    expect((await call(api, 'GET', `${CM}/dry`)).status).toBe(404);
  });

  it('label-selector watches see ADDED when an object enters the selector and DELETED when it leaves', async () => {
    const start = (await call(api, 'POST', CM, cm('moving'))).body.metadata.resourceVersion;
    const w = watch(api, `${CM}?watch=true&labelSelector=team%3Dblue&resourceVersion=${start}`);
    try {
      const label = (v: string | null) => call(api, 'PATCH', `${CM}/moving`, { metadata: { labels: { team: v } } }, { contentType: 'application/merge-patch+json' });
      await label('blue');
      await call(api, 'PATCH', `${CM}/moving`, { data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
      await label('red');
      await w.waitFor((ev) => ev.length >= 3, 10_000);
      expect(w.events.map((e) => [e.type, e.object.metadata.labels?.team])).toEqual([
        ['ADDED', 'blue'],
        ['MODIFIED', 'blue'],
        ['DELETED', 'red'],
      ]);
    } finally {
      w.close();
    }
    // The same from history: a watch started at the old resourceVersion replays the transitions.
    const replay = watch(api, `${CM}?watch=true&labelSelector=team%3Dblue&resourceVersion=${start}`);
    try {
      await replay.waitFor((ev) => ev.length >= 3, 10_000);
      expect(replay.events.slice(0, 3).map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    } finally {
      replay.close();
    }
  });
});
