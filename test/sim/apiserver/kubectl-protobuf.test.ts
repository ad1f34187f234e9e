// kubectl's own commands against the embedded cluster: the typed ones (create ns|secret|configmap|...) send
// protobuf bodies and ask for protobuf answers; get, wait, patch and delete use JSON. Each result is read back
// through the JSON API.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { call } from '../../helpers/https.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe.skipIf(!KUBECTL)('kubectl create, get, wait, patch and delete through protobuf and JSON', () => {
  let sim: Sim;
  let kc: string;
  const run = (...args: string[]): Promise<{ code: number; out: string }> =>
    new Promise((resolve) => {
      execFile(KUBECTL!, ['--kubeconfig', kc, ...args], { timeout: 30_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, out: `${stdout}${stderr}` }));
    });
  const ok = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    expect(r.code, `kubectl ${args.join(' ')}\n${r.out}`).toBe(0);
    return r.out;
  };
  const read = async (path: string) => {
    const r = await call(sim.api, 'GET', path);
    expect(r.status, `${path}: ${r.text}`).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    sim = await startSim({ controllers: false });
    kc = join(mkdtempSync(join(tmpdir(), 'hcp-kv-kubectl-pb-')), 'kubeconfig');
    await sim.api.writeKubeconfig(kc);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('sends protobuf for the typed create commands and gets protobuf back (kubectl -v=8)', async () => {
    const out = await ok('create', 'ns', 'probe', '-v=8');
    expect(out).toMatch(/Content-Type: application\/vnd\.kubernetes\.protobuf\n[\s\S]*Response Status: 201[\s\S]*Content-Type: application\/vnd\.kubernetes\.protobuf/);
    expect(out).toMatch(/namespace\/probe created/);
  });

  it('creates a namespace, a secret, a configmap, a service account, a deployment and a service', async () => {
    expect(await ok('create', 'ns', 'pb')).toMatch(/namespace\/pb created/);
    expect((await read('/api/v1/namespaces/pb')).status.phase).toBe('Active');

    await ok('-n', 'pb', 'create', 'secret', 'generic', 'creds', '--from-literal=password=s3cr3t', '--from-literal=user=admin');
    const secret = await read('/api/v1/namespaces/pb/secrets/creds');
    expect(secret.data).toEqual({ password: b64('s3cr3t'), user: b64('admin') });
    expect(secret.type).toBe('Opaque');
    expect(secret.metadata).toMatchObject({ name: 'creds', namespace: 'pb' });
    expect(secret.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await ok('-n', 'pb', 'create', 'configmap', 'settings', '--from-literal=color=red', '--from-literal=size=10');
    expect((await read('/api/v1/namespaces/pb/configmaps/settings')).data).toEqual({ color: 'red', size: '10' });

    await ok('-n', 'pb', 'create', 'serviceaccount', 'robot');
    expect((await read('/api/v1/namespaces/pb/serviceaccounts/robot')).metadata.name).toBe('robot');

    // replicas 0 is a pointer's zero, kept; the strategy's maxSurge/maxUnavailable are IntOrString.
    await ok('-n', 'pb', 'create', 'deployment', 'web', '--image=registry.example/web:1', '--replicas=0', '--port=8080');
    const deploy = await read('/apis/apps/v1/namespaces/pb/deployments/web');
    expect(deploy.spec.replicas).toBe(0);
    expect(deploy.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deploy.spec.template.spec.containers).toEqual([expect.objectContaining({ name: 'web', image: 'registry.example/web:1', ports: [{ containerPort: 8080 }] })]);

    await ok('-n', 'pb', 'create', 'service', 'clusterip', 'web', '--tcp=80:8080');
    const svc = await read('/api/v1/namespaces/pb/services/web');
    expect(svc.spec.ports).toEqual([expect.objectContaining({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' })]);
  });

  it('gets them back as YAML with the values and the secret data in base64', async () => {
    const yaml = await ok('-n', 'pb', 'get', 'secret', 'creds', '-o', 'yaml');
    expect(yaml).toMatch(new RegExp(`password: ${b64('s3cr3t')}`));
    expect(yaml).toMatch(/kind: Secret/);
    expect(await ok('-n', 'pb', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.color}/{.data.size}')).toBe('red/10');
    expect(await ok('get', 'ns', 'pb', '-o', 'jsonpath={.status.phase}')).toBe('Active');
    expect(await ok('-n', 'pb', 'get', 'sa,cm,secret', '-o', 'name')).toMatch(/serviceaccount\/robot[\s\S]*configmap\/settings[\s\S]*secret\/creds/);
  });

  it('answers auth can-i and describe, which also use the typed protobuf client', async () => {
    expect((await ok('auth', 'can-i', 'create', 'secrets', '-n', 'pb')).trim()).toBe('yes');
    expect(await ok('describe', 'ns', 'pb')).toMatch(/Name:\s+pb[\s\S]*Status:\s+Active/);
    expect(await ok('-n', 'pb', 'describe', 'secret', 'creds')).toMatch(/password:\s+6 bytes/);
  });

  it('waits for a jsonpath value and for a condition', async () => {
    expect(await ok('wait', '--for=jsonpath={.status.phase}=Active', 'ns/pb', '--timeout=10s')).toMatch(/namespace\/pb condition met/);
    const waiting = run('-n', 'pb', 'wait', '--for=condition=Ready', 'pod/runner', '--timeout=15s');
    await call(sim.api, 'POST', '/api/v1/namespaces/pb/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'runner' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    await call(sim.api, 'PATCH', '/api/v1/namespaces/pb/pods/runner/status', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }, { contentType: 'application/merge-patch+json' });
    const done = await waiting;
    expect(done.code, done.out).toBe(0);
    expect(done.out).toMatch(/pod\/runner condition met/);
  });

  it('patches with merge, JSON and strategic patches', async () => {
    await ok('-n', 'pb', 'patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"color":"blue","shape":"round"}}');
    await ok('-n', 'pb', 'patch', 'configmap', 'settings', '--type=json', '-p', '[{"op":"remove","path":"/data/size"}]');
    expect((await read('/api/v1/namespaces/pb/configmaps/settings')).data).toEqual({ color: 'blue', shape: 'round' });
    await ok('-n', 'pb', 'patch', 'serviceaccount', 'robot', '-p', '{"imagePullSecrets":[{"name":"pull"}]}');
    await ok('-n', 'pb', 'patch', 'deployment', 'web', '--type=strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"registry.example/web:2"}]}}}}');
    expect((await read('/api/v1/namespaces/pb/serviceaccounts/robot')).imagePullSecrets).toEqual([{ name: 'pull' }]);
    const containers = (await read('/apis/apps/v1/namespaces/pb/deployments/web')).spec.template.spec.containers;
    expect(containers).toEqual([expect.objectContaining({ name: 'web', image: 'registry.example/web:2', ports: [{ containerPort: 8080 }] })]);
    await ok('-n', 'pb', 'patch', 'secret', 'creds', '-p', JSON.stringify({ data: { password: b64('n3w') } }));
    expect((await read('/api/v1/namespaces/pb/secrets/creds')).data.password).toBe(b64('n3w'));
  });

  it('deletes, waits for the deletion, and deletes the namespace with its content', async () => {
    expect(await ok('-n', 'pb', 'delete', 'secret', 'creds')).toMatch(/secret "creds" deleted/);
    expect((await call(sim.api, 'GET', '/api/v1/namespaces/pb/secrets/creds')).status).toBe(404);
    await ok('-n', 'pb', 'wait', '--for=delete', 'secret/creds', '--timeout=5s');
    expect(await ok('delete', 'ns', 'pb', '--wait=true', '--timeout=20s')).toMatch(/namespace "pb" deleted/);
    expect((await call(sim.api, 'GET', '/api/v1/namespaces/pb')).status).toBe(404);
    expect((await call(sim.api, 'GET', '/api/v1/namespaces/pb/configmaps/settings')).status).toBe(404);
  });
});
if (!KUBECTL) console.log('kubectl not found in /usr/bin or /usr/local/bin: the kubectl protobuf tests were skipped');
