// waitFor: list, then watch from the list's resourceVersion, evaluating the check on every event; closed
// watches are resumed, expired ones (410) re-listed. The deadline is announced when the wait starts, and a
// timeout names the object, the last reason and its conditions.
import { setMaxListeners } from 'node:events';
import { HcpError, InterruptedError, isHcpError } from '../errors.js';
import { formatMs } from '../run/format.js';
import { formatConditions } from './conditions.js';
import { Discovery, NoKindError, waitForKind } from './discovery.js';
import { KubeApiError } from './errors.js';
import type { KubeHttp } from './http.js';
import { abortableSleep, backoffDelay, isRetryable } from './retry.js';
import { describeRef, type Check, type KubeObject, type ObjectRef, type WaitOptions } from './types.js';

export interface WaitDeps {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

class Expired extends Error {}

export async function waitFor<T extends KubeObject>(http: KubeHttp, discovery: Discovery, ref: ObjectRef, check: (obj: T | undefined) => Check, o: WaitOptions, deps: WaitDeps = {}): Promise<T | undefined> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const what = describeRef(ref);
  const until = new Date(now() + o.timeout);
  o.report?.(`waiting up to ${formatMs(o.timeout)} for ${what} (until ${until.toTimeString().slice(0, 8)})`);

  const local = new AbortController();
  setMaxListeners(0, local.signal);
  const timedOut = new Error('timeout');
  const timer = setTimeout(() => local.abort(timedOut), o.timeout);
  const onOuter = () => local.abort(o.signal!.reason);
  if (o.signal?.aborted) onOuter();
  o.signal?.addEventListener('abort', onOuter, { once: true });
  const signal = local.signal;

  let last: T | undefined;
  let lastReason = 'not observed yet';
  const evaluate = (obj: T | undefined): boolean => {
    last = obj;
    const c = check(obj);
    if ('failed' in c) throw new HcpError(`${what}: ${c.failed}`, { hint: o.hint, details: [formatConditions(obj)].filter(Boolean) });
    if (c.done) return true;
    if (c.reason !== lastReason) {
      lastReason = c.reason;
      o.report?.(c.reason);
    }
    return false;
  };

  try {
    let attempt = 0;
    for (;;) {
      try {
        let collection: string;
        try {
          collection = await discovery.path({ ...ref, name: undefined }, signal);
        } catch (e) {
          if (!(e instanceof NoKindError)) throw e;
          // The kind is not served yet (its operator is still installing): nothing can exist, check again soon.
          if (evaluate(undefined)) return undefined;
          lastReason = `the ${ref.kind} API is not available yet`;
          await waitForKind(http, discovery, ref.apiVersion, ref.kind, signal);
          continue;
        }
        const fieldSelector = `metadata.name=${ref.name}`;
        const list = await http.request<{ metadata: { resourceVersion: string }; items: T[] }>(collection, { query: { fieldSelector }, signal });
        const item = list.items[0];
        if (item) {
          item.apiVersion ??= ref.apiVersion;
          item.kind ??= ref.kind;
        }
        if (evaluate(item)) return item;
        let rv = list.metadata.resourceVersion;
        attempt = 0;
        // Resume from the last seen resourceVersion whenever the server ends the stream.
        for (;;) {
          for await (const ev of http.stream(collection, { watch: 'true', fieldSelector, resourceVersion: rv, allowWatchBookmarks: 'true' }, signal)) {
            if (ev.type === 'ERROR') {
              if (ev.object?.code === 410) throw new Expired();
              throw new KubeApiError(ev.object?.code ?? 500, ev.object ?? {});
            }
            if (ev.object?.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
            if (ev.type === 'BOOKMARK') continue;
            if (evaluate(ev.type === 'DELETED' ? undefined : (ev.object as T))) return ev.type === 'DELETED' ? undefined : (ev.object as T);
          }
        }
      } catch (e) {
        if (signal.aborted) throw e;
        if (e instanceof Expired) continue;
        if (!isRetryable(e)) throw e;
        await sleep(backoffDelay(++attempt, e, { capMs: 2000 }), signal);
      }
    }
  } catch (e) {
    if (signal.aborted && signal.reason === timedOut) {
      const conditions = formatConditions(last);
      throw new HcpError(`timed out after ${formatMs(o.timeout)} waiting for ${what}: ${lastReason}${conditions ? `; conditions: ${conditions}` : ''}`, { hint: o.hint ?? `inspect it with \`oc get ${ref.kind.toLowerCase()} ${ref.name}${ref.namespace ? ` -n ${ref.namespace}` : ''} -o yaml\`, or raise --timeout` });
    }
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      throw isHcpError(reason) ? reason : new InterruptedError();
    }
    throw e;
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuter);
  }
}
