import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { call, watch } from '../../helpers/https.js';

const crd = (name = 'widgets', group = 'example.com', extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${name}.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural: name, singular: name.slice(0, -1), kind: name[0]!.toUpperCase() + name.slice(1, -1), shortNames: [`${name.slice(0, 2)}x`] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['color'],
                properties: {
                  color: { type: 'string', enum: ['red', 'blue'] },
                  size: { type: 'integer', default: 1 },
                  tags: { type: 'array', items: { type: 'string' } },
                  parts: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' } } } },
                },
              },
              status: {
                type: 'object',
                properties: {
                  conditions: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['type'],
                    items: { type: 'object', properties: { type: { type: 'string' }, status: { type: 'string' }, reason: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
      },
    ],
    ...extra,
  },
});

const widget = (name: string, spec: Record<string, unknown> = { color: 'red' }) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace: 'default' }, spec });
const W = '/apis/example.com/v1/namespaces/default/widgets';
const apply = (api: ApiServer, path: string, body: unknown, manager = 'test') => call(api, 'PATCH', `${path}?fieldManager=${manager}&force=true`, JSON.stringify(body), { contentType: 'application/apply-patch+yaml' });
const until = async (f: () => Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met');
};

describe('embedded API server', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ historySize: 50 });
    const r = await call(api, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd());
    expect(r.status).toBe(201);
    await until(async () => (await call(api, 'GET', '/apis/example.com/v1')).status === 200);
  });
  afterAll(() => api.close());

  it('answers /version and discovery like kube-apiserver', async () => {
    expect((await call(api, 'GET', '/version', undefined, { token: null })).body.gitVersion).toMatch(/^v1\.\d+/);
    const core = await call(api, 'GET', '/api/v1');
    const ns = core.body.resources.find((r: any) => r.name === 'namespaces');
    expect(ns).toMatchObject({ kind: 'Namespace', namespaced: false, shortNames: ['ns'], singularName: 'namespace' });
    const groups = (await call(api, 'GET', '/apis')).body.groups.map((g: any) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'storage.k8s.io', 'config.openshift.io', 'route.openshift.io', 'packages.operators.coreos.com', 'example.com']));
  });

  it('serves a CRD only once it is Established', async () => {
    expect((await call(api, 'GET', '/apis/late.example.com/v1')).status).toBe(404);
    const c = crd('gadgets', 'late.example.com');
    await call(api, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', c);
    // Right after create: not in discovery, and a request for the kind is a 404 ("no matches for kind").
    expect((await call(api, 'GET', '/apis/late.example.com/v1/namespaces/default/gadgets')).status).toBe(404);
    await until(async () => (await call(api, 'GET', '/apis/late.example.com/v1')).status === 200);
    const got = await call(api, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.late.example.com');
    expect(got.body.status.conditions.find((x: any) => x.type === 'Established').status).toBe('True');
    const disc = await call(api, 'GET', '/apis/late.example.com/v1');
    expect(disc.body.resources.map((r: any) => r.name)).toEqual(['gadgets', 'gadgets/status']);
  });

  it('rejects unknown tokens (401) and mutations with the read-only token (403), and SSAR tells the truth', async () => {
    expect((await call(api, 'GET', '/api/v1/namespaces', undefined, { token: 'nope' })).status).toBe(401);
    expect((await call(api, 'GET', '/api/v1/namespaces', undefined, { token: null })).body.reason).toBe('Unauthorized');
    const ro = await call(api, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ro' } }, { token: api.readOnlyToken });
    expect(ro.status).toBe(403);
    expect(ro.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect((await call(api, 'GET', '/api/v1/namespaces', undefined, { token: api.readOnlyToken })).status).toBe(200);
    const review = (verb: string, token: string) =>
      call(api, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource: 'namespaces' } } }, { token });
    expect((await review('create', api.readOnlyToken)).body.status.allowed).toBe(false);
    expect((await review('list', api.readOnlyToken)).body.status.allowed).toBe(true);
    expect((await review('create', api.token)).body.status.allowed).toBe(true);
  });

  it('validates custom resources against the CRD schema: defaults, pruning, 422, Strict', async () => {
    const created = await call(api, 'POST', W, { ...widget('schema-a'), spec: { color: 'red', bogus: 1 } });
    expect(created.status).toBe(201);
    expect(created.body.spec).toEqual({ color: 'red', size: 1 });
    const badEnum = await call(api, 'POST', W, widget('schema-b', { color: 'green' }));
    expect(badEnum.status).toBe(422);
    expect(badEnum.body.reason).toBe('Invalid');
    expect(badEnum.body.details.causes[0]).toMatchObject({ field: 'spec.color' });
    expect((await call(api, 'POST', W, widget('schema-c', { color: 'red', size: 'big' }))).status).toBe(422);
    expect((await call(api, 'POST', W, widget('schema-d', { size: 2 }))).body.message).toMatch(/spec.color: Required value/);
    const strict = await call(api, 'POST', `${W}?fieldValidation=Strict`, widget('schema-e', { color: 'red', bogus: 1 }));
    expect(strict.status).toBe(422);
    expect(strict.body.message).toMatch(/unknown field "spec.bogus"/);
  });

  it('apply merges keyed lists, replaces other lists, and an identical apply changes nothing', async () => {
    const path = `${W}/apply-a`;
    const first = await apply(api, path, widget('apply-a', { color: 'red', tags: ['a', 'b'], parts: [{ name: 'x', count: 1 }] }));
    expect(first.status).toBe(201);
    const other = await apply(api, path, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'apply-a' }, spec: { color: 'red', tags: ['c'], parts: [{ name: 'y', count: 2 }] } }, 'other');
    expect(other.body.spec.parts).toEqual([
      { name: 'x', count: 1 },
      { name: 'y', count: 2 },
    ]);
    expect(other.body.spec.tags).toEqual(['c']);
    const rv = other.body.metadata.resourceVersion;
    const again = await apply(api, path, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'apply-a' }, spec: { color: 'red', tags: ['c'], parts: [{ name: 'y', count: 2 }] } }, 'other');
    expect(again.body.metadata.resourceVersion).toBe(rv);
    // A field the manager applied before and omits now is removed.
    const dropped = await apply(api, path, widget('apply-a', { color: 'red' }));
    expect(dropped.body.spec.parts).toEqual([{ name: 'y', count: 2 }]);
  });

  it('merges built-in containers by name and conditions by type (strategic merge and status apply)', async () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: 'b' } },
        template: {
          metadata: { labels: { a: 'b' } },
          spec: {
            containers: [
              { name: 'one', image: 'i1' },
              { name: 'two', image: 'i2' },
            ],
          },
        },
      },
    };
    expect((await call(api, 'POST', '/apis/apps/v1/namespaces/default/deployments', dep)).status).toBe(201);
    const p = await call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/d', { spec: { template: { spec: { containers: [{ name: 'two', image: 'i2b' }] } } } }, { contentType: 'application/strategic-merge-patch+json' });
    expect(p.body.spec.template.spec.containers).toEqual([
      { name: 'one', image: 'i1' },
      { name: 'two', image: 'i2b' },
    ]);
    const merge = await call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/d', { spec: { template: { spec: { containers: [{ name: 'three', image: 'i3' }] } } } }, { contentType: 'application/merge-patch+json' });
    expect(merge.body.spec.template.spec.containers).toEqual([{ name: 'three', image: 'i3' }]);
    await call(api, 'POST', W, widget('cond'));
    const s1 = await apply(api, `${W}/cond/status`, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'cond', namespace: 'default' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'a');
    expect(s1.status).toBe(200);
    const s2 = await apply(api, `${W}/cond/status`, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'cond', namespace: 'default' }, status: { conditions: [{ type: 'Available', status: 'True' }] } }, 'b');
    expect(s2.body.status.conditions).toEqual([
      { type: 'Ready', status: 'False' },
      { type: 'Available', status: 'True' },
    ]);
  });

  it('json patch works and strategic merge is refused for custom resources (415)', async () => {
    await call(api, 'POST', W, widget('jp'));
    const jp = await call(api, 'PATCH', `${W}/jp`, [{ op: 'add', path: '/spec/tags', value: ['x'] }], { contentType: 'application/json-patch+json' });
    expect(jp.body.spec.tags).toEqual(['x']);
    expect((await call(api, 'PATCH', `${W}/jp`, { spec: {} }, { contentType: 'application/strategic-merge-patch+json' })).status).toBe(415);
  });

  it('returns 409 on create of an existing object and on an update with a stale resourceVersion', async () => {
    const a = await call(api, 'POST', W, widget('conflict'));
    expect((await call(api, 'POST', W, widget('conflict'))).body.reason).toBe('AlreadyExists');
    const upd = await call(api, 'PUT', `${W}/conflict`, { ...a.body, spec: { color: 'blue' } });
    expect(upd.status).toBe(200);
    const stale = await call(api, 'PUT', `${W}/conflict`, { ...a.body, spec: { color: 'red' } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
  });

  it('keeps spec and status apart through the status subresource', async () => {
    const a = await call(api, 'POST', W, { ...widget('iso'), status: { conditions: [{ type: 'X', status: 'True' }] } });
    expect(a.body.status).toBeUndefined(); // status is ignored on create
    const st = await call(api, 'PUT', `${W}/iso/status`, { ...a.body, spec: { color: 'blue' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(st.body.spec.color).toBe('red');
    expect(st.body.status.conditions[0].type).toBe('Ready');
    expect(st.body.metadata.generation).toBe(1);
    const main = await call(api, 'PUT', `${W}/iso`, { ...st.body, spec: { color: 'blue' }, status: { conditions: [] } });
    expect(main.body.status.conditions[0].type).toBe('Ready');
    expect(main.body.metadata.generation).toBe(2);
  });

  it('honours finalizers and dryRun', async () => {
    const dry = await call(api, 'POST', `${W}?dryRun=All`, widget('dry'));
    expect(dry.status).toBe(201);
    expect((await call(api, 'GET', `${W}/dry`)).status).toBe(404);
    await call(api, 'POST', W, { ...widget('fin'), metadata: { name: 'fin', namespace: 'default', finalizers: ['example.com/keep'] } });
    const del = await call(api, 'DELETE', `${W}/fin`);
    expect(del.body.metadata.deletionTimestamp).toBeTruthy();
    expect((await call(api, 'GET', `${W}/fin`)).status).toBe(200);
    await call(api, 'PATCH', `${W}/fin`, { metadata: { finalizers: null } }, { contentType: 'application/merge-patch+json' });
    expect((await call(api, 'GET', `${W}/fin`)).status).toBe(404);
  });

  it('deletes a namespace with its contents, and dependents with their owner', async () => {
    await call(api, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    const owner = await call(api, 'POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' }, data: { a: '1' } });
    await call(api, 'POST', '/api/v1/namespaces/doomed/secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.body.metadata.uid }] },
      data: {},
    });
    await call(api, 'POST', '/api/v1/namespaces/doomed/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'orphan' } });
    await call(api, 'DELETE', '/api/v1/namespaces/doomed/configmaps/owner');
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed/secrets/child')).status).toBe(404);
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed/secrets/orphan')).status).toBe(200);
    await call(api, 'DELETE', '/api/v1/namespaces/doomed');
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed/secrets/orphan')).status).toBe(404);
    expect((await call(api, 'GET', '/api/v1/namespaces/doomed')).status).toBe(404);
    const refused = await call(api, 'POST', '/api/v1/namespaces/doomed/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'late' } });
    expect(refused.status).toBe(404);
  });

  it('lists with label and field selectors', async () => {
    for (const [n, l] of [
      ['sel-a', { tier: 'a' }],
      ['sel-b', { tier: 'b' }],
      ['sel-c', {}],
    ] as const) {
      await call(api, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, labels: l } });
    }
    const names = async (q: string) => (await call(api, 'GET', `/api/v1/namespaces/default/configmaps?${q}`)).body.items.map((i: any) => i.metadata.name).filter((n: string) => n.startsWith('sel-'));
    expect(await names('labelSelector=tier%3Da')).toEqual(['sel-a']);
    expect(await names('labelSelector=tier%20in%20(a%2Cb)')).toEqual(['sel-a', 'sel-b']);
    expect(await names('labelSelector=!tier')).toEqual(['sel-c']);
    expect(await names('fieldSelector=metadata.name%3Dsel-b')).toEqual(['sel-b']);
  });

  it('watches from a resourceVersion and answers 410 Expired for a compacted one', async () => {
    const list = await call(api, 'GET', W);
    const rv = list.body.metadata.resourceVersion;
    await call(api, 'POST', W, widget('watch-a'));
    const w = watch(api, `${W}?watch=true&resourceVersion=${rv}`);
    await call(api, 'PATCH', `${W}/watch-a`, { spec: { size: 5 } }, { contentType: 'application/merge-patch+json' });
    await w.waitFor((ev) => ev.some((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'watch-a'));
    expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'watch-a' } } });
    w.close();
    api.compact();
    const old = watch(api, `${W}?watch=true&resourceVersion=${rv}`);
    await old.ended;
    expect(old.events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) }]);
  });

  it('counts requests by verb in /sim/stats', async () => {
    api.resetStats();
    await call(api, 'GET', W);
    await call(api, 'POST', W, widget('stats'));
    await call(api, 'POST', `${W}?dryRun=All`, widget('stats-dry'));
    const s = (await call(api, 'GET', '/sim/stats')).body;
    expect(s.byVerb).toMatchObject({ list: 1, create: 2 });
    expect(s.mutating).toBe(1);
    expect(s.dryRun).toBe(1);
    expect(s.requests['create widgets']).toBe(2);
  });
});
