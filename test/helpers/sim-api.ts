// Raw API helpers for driving the simulated cluster in tests (not hcp-kv's steps): create/apply/patch and a
// watch-based wait for a predicate on one object.
import type { ApiServer } from '../../src/sim/apiserver/index.js';
import { call, watch } from './https.js';

export function pathOf(apiVersion: string, plural: string, namespace?: string, name?: string, sub?: string): string {
  const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${prefix}${namespace ? `/namespaces/${namespace}` : ''}/${plural}${name ? `/${name}` : ''}${sub ? `/${sub}` : ''}`;
}

export async function create(api: ApiServer, apiVersion: string, plural: string, obj: any): Promise<any> {
  const r = await call(api, 'POST', pathOf(apiVersion, plural, obj.metadata.namespace), { apiVersion, ...obj });
  if (r.status >= 300 && r.status !== 409) throw new Error(`create ${plural}/${obj.metadata.name}: ${r.status} ${r.text}`);
  return r.body;
}

export async function get(api: ApiServer, apiVersion: string, plural: string, name: string, namespace?: string): Promise<any> {
  const r = await call(api, 'GET', pathOf(apiVersion, plural, namespace, name));
  return r.status === 200 ? r.body : undefined;
}

export async function mergePatch(api: ApiServer, apiVersion: string, plural: string, name: string, namespace: string | undefined, patch: unknown): Promise<any> {
  const r = await call(api, 'PATCH', pathOf(apiVersion, plural, namespace, name), patch, { contentType: 'application/merge-patch+json' });
  if (r.status >= 300) throw new Error(`patch ${plural}/${name}: ${r.status} ${r.text}`);
  return r.body;
}

/** Resolves with the object once `pred` holds (list + watch; the kind may not be served yet). */
export function waitUntil(api: ApiServer, apiVersion: string, plural: string, name: string, namespace: string | undefined, pred: (o: any) => boolean, ms = 20_000): Promise<any> {
  return waitForAny(api, apiVersion, plural, namespace, pred, ms, name);
}

/** Resolves with the first object of the kind (or the one named) for which `pred` holds (list + watch). */
export async function waitForAny(api: ApiServer, apiVersion: string, plural: string, namespace: string | undefined, pred: (o: any) => boolean, ms = 20_000, name?: string): Promise<any> {
  const deadline = Date.now() + ms;
  const selector = name ? `fieldSelector=metadata.name%3D${name}` : '';
  let last: any;
  while (Date.now() < deadline) {
    const list = await call(api, 'GET', `${pathOf(apiVersion, plural, namespace)}?${selector}`);
    if (list.status === 404) {
      await new Promise((r) => setTimeout(r, 50)); // the kind is not served yet
      continue;
    }
    const found = (list.body.items ?? []).find(pred);
    if (found) return found;
    last = list.body.items?.[0] ?? last;
    const w = watch(api, `${pathOf(apiVersion, plural, namespace)}?watch=true${selector ? `&${selector}` : ''}&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      await w.waitFor((ev) => ev.some((e) => e.type !== 'ERROR' && e.object && pred(e.object)), Math.max(1, deadline - Date.now()));
      return w.events.filter((e) => e.object && pred(e.object)).at(-1)!.object;
    } catch {
      last = w.events.at(-1)?.object ?? last;
    } finally {
      w.close();
    }
  }
  throw new Error(`timed out waiting for ${plural} ${namespace ? `${namespace}/` : ''}${name ?? '(any)'}; last: ${JSON.stringify(last?.status ?? last)?.slice(0, 600)}`);
}

export const condTrue = (type: string) => (o: any) => (o?.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');
