// The embedded API server is never more permissive than kube-apiserver for pods and nodes:
// ValidatePodUpdate (kubernetes/kubernetes pkg/apis/core/validation/validation.go @000f26050b9be6fb3d79fae95e06b47fc96128cd),
// the pods/binding subresource (pkg/registry/core/pod/storage/storage.go @00bdb3fade2ef1ada898bd8fae2c6a1958da3a5d),
// and the default admission plugins (pkg/kubeapiserver/options/plugins.go @008b3652959ca58af8be3fb5b6ecfe9ae7638282).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { call } from '../../helpers/https.js';

const P = '/api/v1/namespaces/default/pods';
const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'img:1' }], ...spec } });
const binding = (name: string, node: string) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: node } });
const merge = (api: ApiServer, path: string, body: unknown) => call(api, 'PATCH', path, body, { contentType: 'application/merge-patch+json' });

describe('pods and nodes as kube-apiserver v1.32 admits them', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  it("refuses a spec.nodeName patch with kube's message and binds only through pods/binding, once", async () => {
    expect((await call(api, 'POST', P, pod('bind-me'))).status).toBe(201);
    const patched = await merge(api, `${P}/bind-me`, { spec: { nodeName: 'node-a' } });
    expect(patched.status).toBe(422);
    expect(patched.body.reason).toBe('Invalid');
    expect(patched.body.message).toContain(
      'Pod "bind-me" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(patched.body.message).toContain('spec.nodeName');
    expect((await call(api, 'GET', `${P}/bind-me`)).body.spec.nodeName).toBeUndefined();

    const bound = await call(api, 'POST', `${P}/bind-me/binding`, binding('bind-me', 'node-a'));
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({ kind: 'Status', status: 'Success' });
    const got = (await call(api, 'GET', `${P}/bind-me`)).body;
    expect(got.spec.nodeName).toBe('node-a');
    expect(got.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'PodScheduled', status: 'True' })]));

    const again = await call(api, 'POST', `${P}/bind-me/binding`, binding('bind-me', 'node-b'));
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('Conflict');
    expect(again.body.message).toBe('Operation cannot be fulfilled on pods/binding "bind-me": pod bind-me is already assigned to node "node-a"');
    expect((await call(api, 'POST', `${P}/bind-me/binding`, binding('other', 'node-b'))).status).toBe(400);
    expect((await call(api, 'POST', `${P}/missing/binding`, binding('missing', 'node-b'))).status).toBe(404);
    const disc = (await call(api, 'GET', '/api/v1')).body.resources.find((r: any) => r.name === 'pods/binding');
    expect(disc).toMatchObject({ kind: 'Binding', verbs: ['create'] });
  });

  it('allows the updates kube allows: images, tolerations added, activeDeadlineSeconds lowered; refuses the rest', async () => {
    await call(api, 'POST', P, pod('upd', { activeDeadlineSeconds: 100 }));
    expect((await merge(api, `${P}/upd`, { metadata: { labels: { a: 'b' } } })).status).toBe(200);
    const image = await call(api, 'PATCH', `${P}/upd`, { spec: { containers: [{ name: 'c', image: 'img:2' }] } }, { contentType: 'application/strategic-merge-patch+json' });
    expect(image.status).toBe(200);
    expect(image.body.spec.containers[0].image).toBe('img:2');
    expect((await merge(api, `${P}/upd`, { spec: { activeDeadlineSeconds: 50 } })).status).toBe(200);
    const raised = await merge(api, `${P}/upd`, { spec: { activeDeadlineSeconds: 500 } });
    expect(raised.status).toBe(422);
    expect(raised.body.message).toContain('spec.activeDeadlineSeconds: Invalid value: 500: must be less than or equal to previous value');
    const cur = (await call(api, 'GET', `${P}/upd`)).body;
    const more = await merge(api, `${P}/upd`, { spec: { tolerations: [...cur.spec.tolerations, { key: 'x', operator: 'Exists', effect: 'NoSchedule' }] } });
    expect(more.status).toBe(200);
    const fewer = await merge(api, `${P}/upd`, { spec: { tolerations: [] } });
    expect(fewer.status).toBe(422);
    expect(fewer.body.message).toContain('existing toleration can not be modified except its tolerationSeconds');
    const added = await merge(api, `${P}/upd`, {
      spec: {
        containers: [
          { name: 'c', image: 'img:2' },
          { name: 'd', image: 'x' },
        ],
      },
    });
    expect(added.body.message).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
    const env = await merge(api, `${P}/upd`, { spec: { restartPolicy: 'Never' } });
    expect(env.status).toBe(422);
    // Status writes cannot move a pod either.
    const viaStatus = await merge(api, `${P}/upd/status`, { spec: { nodeName: 'node-z' }, status: { phase: 'Running' } });
    expect(viaStatus.status).toBe(200);
    expect(viaStatus.body.spec.nodeName).toBeUndefined();
  });

  it('admission defaults pods: default service account, not-ready/unreachable NoExecute tolerations for 300 s, priority 0', async () => {
    const created = (await call(api, 'POST', P, pod('defaults', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] }))).body;
    expect(created.spec.serviceAccountName).toBe('default');
    expect(created.spec.priority).toBe(0);
    expect(created.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const own = (await call(api, 'POST', P, pod('own-sa', { serviceAccountName: 'builder' }))).body;
    expect(own.spec.serviceAccountName).toBe('builder');
  });

  it('taints a new Node node.kubernetes.io/not-ready:NoSchedule (TaintNodesByCondition), keeping its own taints', async () => {
    const n = await call(api, 'POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'role', value: 'infra', effect: 'NoSchedule' }] } });
    expect(n.status).toBe(201);
    expect(n.body.spec.taints).toEqual([
      { key: 'role', value: 'infra', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
    // Only on create: an update may remove it (the node-lifecycle controller does).
    const cleared = await merge(api, '/api/v1/nodes/n1', { spec: { taints: [{ key: 'role', value: 'infra', effect: 'NoSchedule' }] } });
    expect(cleared.body.spec.taints).toEqual([{ key: 'role', value: 'infra', effect: 'NoSchedule' }]);
  });

  it('NamespaceLifecycle: no creates in a missing or terminating namespace', async () => {
    const missing = await call(api, 'POST', '/api/v1/namespaces/nope/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(missing.status).toBe(404);
    await call(api, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ending' } });
    await call(api, 'POST', '/api/v1/namespaces/ending/pods', { ...pod('p'), metadata: { name: 'p', finalizers: ['x/y'] } });
    await call(api, 'DELETE', '/api/v1/namespaces/ending');
    const refused = await call(api, 'POST', '/api/v1/namespaces/ending/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('because it is being terminated');
    const immortal = await call(api, 'DELETE', '/api/v1/namespaces/kube-system');
    expect(immortal.status).toBe(403);
    expect(immortal.body.message).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });
});
