// Validating admission webhooks called by URL, as kube-apiserver does: this is what makes an operator's
// "webhook not ready yet" window real (connection refused → 500 "failed calling webhook").
import { request } from 'node:https';
import { randomUUID } from 'node:crypto';
import type { Obj } from './merge.js';
import type { ResourceInfo } from './resources.js';
import { ApiError } from './errors.js';
import type { Store } from './store.js';

function matches(rule: Obj, res: ResourceInfo, operation: string): boolean {
  const any = (list: unknown, v: string) => Array.isArray(list) && (list.includes('*') || list.includes(v));
  return any(rule.operations, operation) && any(rule.apiGroups, res.group) && any(rule.apiVersions, res.version) && any(rule.resources, res.plural);
}

function post(url: string, caBundle: string | undefined, body: string, timeoutMs: number): Promise<Obj> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, ca: caBundle ? Buffer.from(caBundle, 'base64').toString('utf8') : undefined, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Obj);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function callWebhooks(store: Store, res: ResourceInfo, obj: Obj, old: Obj | undefined, operation: 'CREATE' | 'UPDATE', dryRun: boolean): Promise<void> {
  const configs = store.list('admissionregistration.k8s.io/validatingwebhookconfigurations');
  for (const cfg of configs) {
    for (const hook of (cfg.webhooks ?? []) as Obj[]) {
      if (!(hook.rules ?? []).some((r: Obj) => matches(r, res, operation))) continue;
      if (dryRun && hook.sideEffects !== 'None' && hook.sideEffects !== 'NoneOnDryRun') throw new ApiError(400, 'BadRequest', `admission webhook "${hook.name}" does not support dry run`);
      const url = hook.clientConfig?.url as string | undefined;
      if (!url) continue;
      const review = {
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: randomUUID(),
          kind: { group: res.group, version: res.version, kind: res.kind },
          resource: { group: res.group, version: res.version, resource: res.plural },
          name: obj.metadata?.name,
          namespace: obj.metadata?.namespace,
          operation,
          object: obj,
          oldObject: old ?? null,
          dryRun,
        },
      };
      let answer: Obj;
      try {
        answer = await post(url, hook.clientConfig?.caBundle, JSON.stringify(review), (hook.timeoutSeconds ?? 10) * 1000);
      } catch (e) {
        if (hook.failurePolicy === 'Ignore') continue;
        const port = new URL(url).port;
        const why = (e as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? `dial tcp 127.0.0.1:${port}: connect: connection refused` : (e as Error).message;
        throw new ApiError(500, 'InternalError', `Internal error occurred: failed calling webhook "${hook.name}": failed to call webhook: Post "${url}": ${why}`);
      }
      const response = answer.response ?? {};
      if (!response.allowed) {
        const code = response.status?.code ?? 400;
        throw new ApiError(code, code === 403 ? 'Forbidden' : 'BadRequest', `admission webhook "${hook.name}" denied the request: ${response.status?.message ?? 'denied'}`);
      }
    }
  }
}
