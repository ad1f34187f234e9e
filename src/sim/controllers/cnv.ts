// OpenShift Virtualization: while its CSV installs, the HyperConverged validating webhook is registered but not
// yet serving (creation fails with "failed calling webhook" — the real window after install); then it serves,
// and a HyperConverged goes Progressing → Available.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { servingCerts } from '../apiserver/certs.js';
import type { Obj } from './client.js';
import { condition, type Controller, type SimContext } from './runtime.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function openWebhook(ctx: SimContext, installed: Promise<void>): Promise<void> {
  const certs = servingCerts();
  const port = await freePort();
  await ctx.client.ensure({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'validate-hco.kubevirt.io' },
    webhooks: [
      {
        name: 'validate-hco.kubevirt.io',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        failurePolicy: 'Fail',
        timeoutSeconds: 10,
        clientConfig: { url: `https://127.0.0.1:${port}/validate-hco-kubevirt-io-v1beta1-hyperconverged`, caBundle: Buffer.from(certs.caPem).toString('base64') },
        rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['hco.kubevirt.io'], apiVersions: ['*'], resources: ['hyperconvergeds'] }],
      },
    ],
  });
  ctx.log('cnv', 'HyperConverged webhook registered, not serving yet');
  // The webhook pod starts some time after the CSV reports Succeeded: the window users hit.
  await installed;
  await ctx.delay('hcoWebhookWindow');
  const server: Server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const review = JSON.parse(body || '{}');
      const name = review.request?.object?.metadata?.name;
      const allowed = name === 'kubevirt-hyperconverged';
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: { uid: review.request?.uid, allowed, ...(allowed ? {} : { status: { code: 403, message: `the HyperConverged resource must be named kubevirt-hyperconverged, not ${name}` } }) },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  ctx.onStop(() => new Promise<void>((r) => server.close(() => r())));
}

async function reconcile(ctx: SimContext, hco: Obj): Promise<void> {
  await ctx.client.patchStatus(hco, {
    conditions: [
      condition('ReconcileComplete', 'Unknown', 'Init', 'Initializing HyperConverged cluster'),
      condition('Available', false, 'Init', 'Initializing HyperConverged cluster'),
      condition('Progressing', true, 'Init', 'Initializing HyperConverged cluster'),
      condition('Degraded', false, 'Init', 'Initializing HyperConverged cluster'),
      condition('Upgradeable', 'Unknown', 'Init', 'Initializing HyperConverged cluster'),
    ],
  });
  await ctx.delay('hcoAvailable');
  await ctx.client.patchStatus(hco, {
    observedGeneration: hco.metadata.generation,
    versions: [{ name: 'operator', version: ctx.versions.ocp }],
    conditions: [
      condition('ReconcileComplete', true, 'ReconcileCompleted', 'Reconcile completed successfully'),
      condition('Available', true, 'ReconcileCompleted', 'Reconcile completed successfully'),
      condition('Progressing', false, 'ReconcileCompleted', 'Reconcile completed successfully'),
      condition('Degraded', false, 'ReconcileCompleted', 'Reconcile completed successfully'),
      condition('Upgradeable', true, 'ReconcileCompleted', 'Reconcile completed successfully'),
    ],
  });
  await kubevirtResource(ctx, hco);
  ctx.log('cnv', 'HyperConverged Available');
}

/**
 * The KubeVirt version OpenShift Virtualization x.y ships: 4.12 → v0.58, 4.13 → v0.59, 4.14 → v1.0, then one KubeVirt
 * minor per release (openshift/openshift-docs _attributes/common-attributes.adoc :KubeVirtVersion: on each
 * enterprise-4.y branch, e.g. enterprise-4.12 v0.58.0).
 */
export function kubevirtVersionOf(cnv: string): string {
  const minor = Number(cnv.split('.')[1] ?? 0);
  return minor >= 14 ? `v1.${minor - 14}.0` : `v0.${58 + Math.max(0, minor - 12)}.0`;
}

/** HCO's KubeVirt resource (kubevirt-kubevirt-hyperconverged, beside the HyperConverged) and the version virt-operator deployed. */
async function kubevirtResource(ctx: SimContext, hco: Obj): Promise<void> {
  const ref = { apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', metadata: { name: 'kubevirt-kubevirt-hyperconverged', namespace: hco.metadata.namespace }, spec: {} };
  const kv = (await ctx.client.ensure<Obj>(ref)) ?? (await ctx.client.get(ref.apiVersion, ref.kind, ref.metadata.name, ref.metadata.namespace));
  const version = kubevirtVersionOf(ctx.versions.ocp);
  if (kv && kv.status?.observedKubeVirtVersion !== version) await ctx.client.patchStatus(kv, { phase: 'Deployed', observedKubeVirtVersion: version, targetKubeVirtVersion: version, operatorVersion: version });
}

export const cnv: Controller = {
  name: 'cnv',
  async start(ctx) {
    let webhook = false;
    let markInstalled!: () => void;
    const installed = new Promise<void>((r) => (markInstalled = r));
    ctx.spawn('cnv', () =>
      ctx.client.watch('operators.coreos.com/v1alpha1', 'ClusterServiceVersion', { signal: ctx.signal }, (_t, csv) => {
        if (!String(csv.metadata.name).startsWith('kubevirt-hyperconverged')) return;
        if (csv.status?.phase === 'Succeeded') markInstalled();
        if (webhook || !['Installing', 'Succeeded'].includes(csv.status?.phase)) return;
        webhook = true;
        ctx.spawn('cnv', () => openWebhook(ctx, installed));
      }),
    );
    const seen = new Set<string>();
    ctx.spawn('cnv', () =>
      ctx.client.watch('hco.kubevirt.io/v1beta1', 'HyperConverged', { signal: ctx.signal }, (t, hco) => {
        const key = `${hco.metadata.namespace}/${hco.metadata.name}`;
        if (t === 'DELETED' || seen.has(key) || hco.status?.conditions?.some((c: Obj) => c.type === 'Available' && c.status === 'True')) return;
        seen.add(key);
        ctx.spawn('cnv', () => reconcile(ctx, hco));
      }),
    );
  },
};
