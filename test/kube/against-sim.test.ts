import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../src/sim/apiserver/index.js';
import { connect, type KubeClient } from '../../src/kube/client.js';
import { conditionCheck, exists } from '../../src/kube/conditions.js';
import type { KubeObject } from '../../src/kube/types.js';
import { call } from '../helpers/https.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-kube-'));
const gadgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
      },
    ],
  },
};
const gadget = (name: string, size: unknown = 1): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name, namespace: 'demo' }, spec: { size } });
const cm = (name: string, data: Record<string, string> = { a: '1' }): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'demo' }, data });

describe('kube layer against the embedded API server', () => {
  let api: ApiServer;
  let kube: KubeClient;
  const kubeconfig = join(dir, 'kubeconfig');
  beforeAll(async () => {
    api = await startApiServer({ establishDelayMs: 50 });
    await api.writeKubeconfig(kubeconfig);
    kube = await connect({ kubeconfig });
    await kube.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }]);
  });
  afterAll(async () => {
    kube.close();
    await api.close();
  });

  it('applies idempotently: the second apply changes nothing', async () => {
    const objs: KubeObject[] = [
      cm('idem'),
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'idem', namespace: 'demo', labels: { app: 'idem' } },
        spec: { replicas: 1, selector: { matchLabels: { app: 'idem' } }, template: { metadata: { labels: { app: 'idem' } }, spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }] }] } } },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'idem-ns', labels: { 'openshift.io/cluster-monitoring': 'true' } } },
    ];
    const first = await kube.apply(objs);
    expect(first.map((r) => r.ref.kind)).toEqual(['Namespace', 'ConfigMap', 'Deployment']);
    expect(first.map((r) => r.action)).toEqual(['created', 'created', 'created']);
    api.resetStats();
    const second = await kube.apply(objs);
    expect(second.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(second.map((r) => r.object.metadata.resourceVersion)).toEqual(first.map((r) => r.object.metadata.resourceVersion));
    expect(api.stats().mutating).toBe(3); // three apply PATCHes reached the server and changed nothing
    const dep = await kube.get<KubeObject & { spec: any }>({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'idem', namespace: 'demo' });
    expect(dep?.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80 }]);
    const changed = await kube.apply([cm('idem', { a: '2' })]);
    expect(changed[0]!.action).toBe('configured');
  });

  it('retries an apply whose CRD is registered late, then applies it', async () => {
    const lines: string[] = [];
    const pending = kube.apply([gadget('late')], { report: (l) => lines.push(l), crdTimeout: 20_000 });
    await new Promise((r) => setTimeout(r, 800));
    await call(api, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', gadgetCrd);
    const [res] = await pending;
    expect(res!.action).toBe('created');
    expect(lines).toContain('waiting for the Gadget API (example.com/v1) to be registered');
  });

  it('gives up on a kind that never registers at the deadline, naming the kind', async () => {
    const p = kube.apply([{ apiVersion: 'never.example.com/v1', kind: 'Nothing', metadata: { name: 'n', namespace: 'demo' } }], { crdTimeout: 600 });
    await expect(p).rejects.toThrow(/does not serve Nothing \(never.example.com\/v1\)/);
  });

  it('does not retry a 422 and reports its causes', async () => {
    await kube.waitFor({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'gadgets.example.com' }, conditionCheck('Established'), { timeout: 5000 });
    api.resetStats();
    await expect(kube.apply([gadget('bad', 'big')])).rejects.toThrow(/invalid: spec.size/);
    expect(api.stats().requests['patch gadgets']).toBe(1);
  });

  it('changes nothing with --dry-run=server', async () => {
    api.resetStats();
    const [r] = await kube.apply([cm('dry')], { dryRun: true });
    expect(r!.action).toBe('dry-run');
    expect(api.stats().mutating).toBe(0);
    expect(await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'dry', namespace: 'demo' })).toBeUndefined();
  });

  it('honours Retry-After on 429', async () => {
    await kube.apply([cm('ra')]);
    api.setFaults('fail=get:configmaps:1:429');
    const t0 = performance.now();
    const got = await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'ra', namespace: 'demo' });
    expect(got?.metadata.name).toBe('ra');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950); // Retry-After: 1
    api.setFaults('');
  });

  it('waitFor completes although the server drops the watch several times', async () => {
    await kube.apply([cm('w1')]);
    api.setFaults('watch-close=150ms');
    api.resetStats();
    const lines: string[] = [];
    setTimeout(() => void call(api, 'PATCH', '/api/v1/namespaces/demo/configmaps/w1', { metadata: { labels: { ready: 'yes' } } }, { contentType: 'application/merge-patch+json' }), 900);
    const obj = await kube.waitFor({ apiVersion: 'v1', kind: 'ConfigMap', name: 'w1', namespace: 'demo' }, (o) => (o?.metadata.labels?.ready === 'yes' ? { done: true } : { done: false, reason: 'not labelled yet' }), {
      timeout: 10_000,
      report: (l) => lines.push(l),
    });
    expect(obj?.metadata.labels?.ready).toBe('yes');
    expect(api.stats().byVerb.watch).toBeGreaterThanOrEqual(3);
    expect(lines[0]).toMatch(/^waiting up to 10s for ConfigMap demo\/w1 \(until \d\d:\d\d:\d\d\)$/);
    api.setFaults('');
  });

  it('waitFor resumes after 410 Expired by listing again', async () => {
    await kube.apply([gadget('expiring')]);
    const pending = kube.waitFor({ apiVersion: 'example.com/v1', kind: 'Gadget', name: 'expiring', namespace: 'demo' }, conditionCheck('Ready'), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    api.compact();
    api.setFaults('watch-close=100ms');
    await new Promise((r) => setTimeout(r, 300));
    api.setFaults('');
    await call(api, 'PATCH', '/apis/example.com/v1/namespaces/demo/gadgets/expiring/status', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, { contentType: 'application/merge-patch+json' });
    expect((await pending)?.metadata.name).toBe('expiring');
  });

  it('times out naming the object and its last conditions', async () => {
    await kube.apply([gadget('stuck')]);
    await call(
      api,
      'PATCH',
      '/apis/example.com/v1/namespaces/demo/gadgets/stuck/status',
      { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'NoCapacity', message: 'waiting for a node' }] } },
      { contentType: 'application/merge-patch+json' },
    );
    const err = await kube.waitFor({ apiVersion: 'example.com/v1', kind: 'Gadget', name: 'stuck', namespace: 'demo' }, conditionCheck('Ready'), { timeout: 700 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/timed out after 700ms waiting for Gadget demo\/stuck: Ready=False NoCapacity: waiting for a node; conditions: Ready=False \(NoCapacity: waiting for a node\)/);
  });

  it('waits for an object that does not exist yet, and for deletion', async () => {
    setTimeout(() => void kube.apply([cm('later')]), 300);
    expect((await kube.waitFor({ apiVersion: 'v1', kind: 'ConfigMap', name: 'later', namespace: 'demo' }, exists, { timeout: 5000 }))?.metadata.name).toBe('later');
    setTimeout(() => void kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'later', namespace: 'demo' }), 300);
    expect(await kube.waitFor({ apiVersion: 'v1', kind: 'ConfigMap', name: 'later', namespace: 'demo' }, (o) => (o ? { done: false, reason: 'exists' } : { done: true }), { timeout: 5000 })).toBeUndefined();
    expect(await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'later', namespace: 'demo' })).toBe(false);
  });

  it('answers permissions truthfully for a read-only identity', async () => {
    const roPath = join(dir, 'ro');
    await api.writeKubeconfig(roPath, { readOnly: true });
    const ro = await connect({ kubeconfig: roPath });
    expect(await ro.can('create', { group: '', resource: 'namespaces' })).toBe(false);
    expect(await ro.can('list', { group: '', resource: 'namespaces' })).toBe(true);
    expect(await kube.can('create', { group: '', resource: 'namespaces' })).toBe(true);
    await expect(ro.apply([cm('ro')])).rejects.toThrow(/forbidden/i);
    ro.close();
  });

  it('fails with exit 3 when the server is unreachable or refuses the token', async () => {
    const other = await startApiServer();
    const path = join(dir, 'gone');
    await other.writeKubeconfig(path);
    await other.close();
    const k = await connect({ kubeconfig: path });
    await expect(k.version()).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/cannot reach the cluster/) });
    const wrong = join(dir, 'wrong');
    await api.writeKubeconfig(wrong, { token: 'not-the-token' });
    const w = await connect({ kubeconfig: wrong });
    await expect(w.list('v1', 'Namespace')).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/refused the credentials/) });
  });
});
