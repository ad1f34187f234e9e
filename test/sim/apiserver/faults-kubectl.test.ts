import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startApiServer } from '../../../src/sim/apiserver/index.js';
import { servingCerts } from '../../../src/sim/apiserver/certs.js';
import { call } from '../../helpers/https.js';
import { CRDS_DIR } from '../../helpers/fixtures.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

describe('faults', () => {
  it('injects the same sequence of faults for the same seed', async () => {
    const run = async (seed: number) => {
      const api = await startApiServer({ seed, faults: 'error-rate=0.3' });
      const codes: number[] = [];
      for (let i = 0; i < 30; i++) codes.push((await call(api, 'GET', '/api/v1/namespaces')).status);
      const injected = api.stats().faultsInjected;
      await api.close();
      return { codes, injected };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a.codes).toEqual(b.codes);
    expect(a.codes).not.toEqual(c.codes);
    expect(a.injected).toBeGreaterThan(0);
    expect(a.codes.filter((x) => x !== 200).length).toBe(a.injected);
    expect(new Set(a.codes.filter((x) => x !== 200)).size).toBeGreaterThan(1);
  });

  it('scripts one-off failures, with Retry-After on 429, and never faults the system token', async () => {
    const api = await startApiServer({ faults: 'fail=create:configmaps:2:429' });
    const cm = (n: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n } });
    const sys = await call({ ...api, token: api.systemToken }, 'POST', '/api/v1/namespaces/default/configmaps', cm('sys'));
    expect(sys.status).toBe(201);
    const first = await call(api, 'POST', '/api/v1/namespaces/default/configmaps', cm('a'));
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    expect(first.body.reason).toBe('TooManyRequests');
    expect((await call(api, 'POST', '/api/v1/namespaces/default/configmaps', cm('a'))).status).toBe(429);
    expect((await call(api, 'POST', '/api/v1/namespaces/default/configmaps', cm('a'))).status).toBe(201);
    api.setFaults('fail=*:*:1:reset');
    await expect(call(api, 'GET', '/api/v1/namespaces')).rejects.toThrow(/socket hang up|ECONNRESET/);
    await api.close();
  });
});

describe('validating webhooks', () => {
  it('fails with "failed calling webhook" while nothing listens, then asks the webhook', async () => {
    const api = await startApiServer();
    const certs = servingCerts();
    const probe = createServer({ key: certs.keyPem, cert: certs.certPem });
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await call(api, 'POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'deny-bad' },
      webhooks: [
        {
          name: 'cm.example.com',
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          clientConfig: { url: `https://127.0.0.1:${port}/validate`, caBundle: Buffer.from(certs.caPem).toString('base64') },
          rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'] }],
        },
      ],
    });
    const cm = (n: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n } });
    const down = await call(api, 'POST', '/api/v1/namespaces/default/configmaps', cm('ok'));
    expect(down.status).toBe(500);
    expect(down.body.message).toMatch(/failed calling webhook "cm.example.com".*connection refused/);
    const hook = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const review = JSON.parse(body);
        const allowed = review.request.object.metadata.name !== 'bad';
        res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review.request.uid, allowed, status: allowed ? undefined : { code: 403, message: 'bad name' } } }));
      });
    });
    await new Promise<void>((r) => hook.listen(port, '127.0.0.1', () => r()));
    expect((await call(api, 'POST', '/api/v1/namespaces/default/configmaps', cm('ok'))).status).toBe(201);
    const denied = await call(api, 'POST', '/api/v1/namespaces/default/configmaps', cm('bad'));
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/admission webhook "cm.example.com" denied the request: bad name/);
    hook.close();
    await api.close();
  });
});

describe('real upstream CRDs', () => {
  it('registers the real CRDs and validates a HostedCluster against the real schema', async () => {
    const api = await startApiServer({ crdsDir: CRDS_DIR });
    const disc = await call(api, 'GET', '/apis/hypershift.openshift.io/v1beta1');
    expect(disc.body.resources.map((r: any) => r.name)).toEqual(expect.arrayContaining(['hostedclusters', 'nodepools']));
    const path = '/apis/hypershift.openshift.io/v1beta1/namespaces/default/hostedclusters';
    const bad = await call(api, 'POST', path, { apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', metadata: { name: 'hc' }, spec: { release: { image: 'x' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/spec\.(pullSecret|networking|etcd|platform|services|dns)/);
    await api.close();
  });
});

function kubectl(args: string[], kubeconfig: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL!, ['--kubeconfig', kubeconfig, ...args], { timeout: 20_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, out: `${stdout}${stderr}` }));
  });
}

describe('kubectl against the embedded server', () => {
  it.skipIf(!KUBECTL)('gets namespaces, applies a CRD and a custom resource server-side, and watches a change', async () => {
    const api = await startApiServer();
    const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-kubectl-'));
    const kc = join(dir, 'kubeconfig');
    await api.writeKubeconfig(kc);
    const ns = await kubectl(['get', 'ns'], kc);
    expect(ns.code, ns.out).toBe(0);
    expect(ns.out).toMatch(/kube-system/);
    writeFileSync(
      join(dir, 'crd.yaml'),
      JSON.stringify({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' } } } } } } }],
        },
      }),
    );
    writeFileSync(join(dir, 'cr.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {color: red}\n');
    const crd = await kubectl(['apply', '--server-side', '-f', join(dir, 'crd.yaml')], kc);
    expect(crd.code, crd.out).toBe(0);
    expect((await kubectl(['wait', '--for', 'condition=established', 'crd/widgets.example.com', '--timeout=10s'], kc)).code).toBe(0);
    const cr = await kubectl(['apply', '--server-side', '-f', join(dir, 'cr.yaml')], kc);
    expect(cr.code, cr.out).toBe(0);
    expect(cr.out).toMatch(/widget.example.com\/w1 serverside-applied/);
    const watching = kubectl(['get', 'wd', 'w1', '--watch', '--request-timeout=4s', '-o', 'jsonpath={.spec.color}{"\\n"}'], kc);
    await new Promise((r) => setTimeout(r, 1000));
    const patched = await kubectl(['patch', 'wd', 'w1', '--type', 'merge', '-p', '{"spec":{"color":"blue"}}'], kc);
    expect(patched.code, patched.out).toBe(0);
    const seen = await watching;
    expect(seen.out).toMatch(/red\s+blue/);
    await api.close();
  });
  if (!KUBECTL) console.log('kubectl not found on this machine: the kubectl compatibility test was skipped');
});
