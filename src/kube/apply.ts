// Server-side apply with field manager hcp-kv (force on): Namespaces and CRDs first, then the rest in the given
// order. A kind that is not served yet ("no matches for kind") is retried until its CRD registers or the
// deadline passes. Each result says created / configured / unchanged: created only when this request created it
// (201), so two runs at the same time never both claim an object.
import { HcpError } from '../errors.js';
import { formatMs } from '../run/format.js';
import { type Discovery, NoKindError, waitForKind } from './discovery.js';
import { describeKubeError, KubeApiError } from './errors.js';
import type { KubeHttp } from './http.js';
import { abortableSleep } from './retry.js';
import { describeRef, refOf, type ApplyOptions, type ApplyResult, type KubeObject } from './types.js';

export const FIELD_MANAGER = 'hcp-kv';

const FIRST = ['Namespace', 'CustomResourceDefinition'];

export function applyOrder(objects: KubeObject[]): KubeObject[] {
  return [...objects.filter((o) => FIRST.includes(o.kind)), ...objects.filter((o) => !FIRST.includes(o.kind))];
}

/** POST: creates the object only if it does not exist. On 409 it returns what exists, for the caller to adopt:
 * what must never change once made (an encryption key, an infraID) is created this way, never applied. */
export async function createOnly<T extends KubeObject>(http: KubeHttp, discovery: Discovery, obj: T, o: { signal?: AbortSignal; priority?: number } = {}): Promise<{ created: boolean; object: T }> {
  const ref = refOf(obj);
  try {
    const collection = await discovery.path({ ...ref, name: undefined }, o.signal);
    const object = await http.request<T>(collection, { method: 'POST', body: obj, query: { fieldManager: FIELD_MANAGER }, signal: o.signal, priority: o.priority });
    return { created: true, object };
  } catch (e) {
    if (!(e instanceof KubeApiError && e.code === 409)) throw describeKubeError(e, `create ${describeRef(ref)}`, http.server);
  }
  try {
    return { created: false, object: await http.request<T>(await discovery.path(ref, o.signal), { signal: o.signal, priority: o.priority }) };
  } catch (e) {
    throw describeKubeError(e, `read ${describeRef(ref)}`, http.server);
  }
}

export async function applyObjects(http: KubeHttp, discovery: Discovery, objects: KubeObject[], o: ApplyOptions = {}, sleep = abortableSleep): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const obj of applyOrder(objects)) results.push(await applyOne(http, discovery, obj, o, sleep));
  return results;
}

async function applyOne(http: KubeHttp, discovery: Discovery, obj: KubeObject, o: ApplyOptions, sleep: typeof abortableSleep): Promise<ApplyResult> {
  const ref = refOf(obj);
  const crdTimeout = o.crdTimeout ?? 5 * 60_000;
  const started = Date.now();
  let announced = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const path = await discovery.path(ref, o.signal);
      const before = await http.request<KubeObject>(path, { signal: o.signal }).catch((e: unknown) => {
        if (e instanceof KubeApiError && e.code === 404) return undefined;
        throw e;
      });
      let status = 0;
      const after = await http.request<KubeObject>(path, {
        onStatus: (code) => (status = code),
        method: 'PATCH',
        body: obj,
        contentType: 'application/apply-patch+yaml',
        query: { fieldManager: FIELD_MANAGER, force: 'true', ...(o.dryRun ? { dryRun: 'All' } : {}) },
        signal: o.signal,
      });
      const action = o.dryRun ? 'dry-run' : status === 201 ? 'created' : before?.metadata.resourceVersion === after.metadata.resourceVersion ? 'unchanged' : 'configured';
      return { ref, action, object: after };
    } catch (e) {
      // A 404 on the apply itself means the kind vanished from under a cached discovery: treat it the same way.
      const noKind = e instanceof NoKindError || (e instanceof KubeApiError && e.code === 404 && !e.status.details?.name);
      if (!noKind || o.signal?.aborted) throw describeKubeError(e, `apply ${describeRef(ref)}`, http.server);
      if (Date.now() - started >= crdTimeout) {
        throw new HcpError(`apply ${describeRef(ref)}: the server does not serve ${ref.kind} (${ref.apiVersion}) after ${formatMs(crdTimeout)}`, {
          hint: `the operator that owns ${ref.kind} has not registered its CRD; check it with \`oc get csv -A\``,
          cause: e,
        });
      }
      if (!announced) {
        o.report?.(`waiting for the ${ref.kind} API (${ref.apiVersion}) to be registered`);
        announced = true;
      }
      // Wait for the CRD to be established (a watch), bounded by what is left of the deadline.
      const left = new AbortController();
      const timer = setTimeout(() => left.abort(), Math.max(0, crdTimeout - (Date.now() - started)));
      const onAbort = () => left.abort();
      o.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await waitForKind(http, discovery, ref.apiVersion, ref.kind, left.signal).catch((err: unknown) => {
          if (!left.signal.aborted) throw err;
        });
      } finally {
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
      }
      // A 404 for a kind discovery already lists (a stale cache) must not spin: back off a little.
      if (attempt > 0) await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 4)), o.signal);
    }
  }
}
