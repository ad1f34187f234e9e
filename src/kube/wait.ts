// waitFor: the object's state from the connection's shared informer (src/kube/informer.ts: one list+watch per kind
// and namespace, closed watches resumed, expired ones (410) re-listed), the check evaluated on every change. The deadline is announced when the wait starts, and a
// timeout names the object, the last reason and its conditions — also when it is the command's overall deadline
// that cuts the wait short. An object that existed and then is deleted (or starts terminating) ends the wait at
// once, unless the wait is for its deletion. Connection failures are ridden out for the reconnect window.
import { setMaxListeners } from 'node:events';
import { DeadlineError, HcpError, InterruptedError, isHcpError } from '../errors.js';
import { formatMs } from '../run/format.js';
import { formatConditions } from './conditions.js';
import type { Discovery } from './discovery.js';
import type { KubeHttp } from './http.js';
import { hubFor } from './informer.js';
import { describeRef, type Check, type KubeObject, type ObjectRef, type WaitOptions } from './types.js';

export interface WaitDeps {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** "(by X)" when the object's managedFields name who last touched it before it went away. */
function deletedBy(obj: KubeObject): string {
  const fields = (obj.metadata.managedFields ?? []) as Array<{ manager?: string; time?: string; operation?: string }>;
  const latest = fields.filter((f) => f.manager && f.time).sort((a, b) => String(b.time).localeCompare(String(a.time)))[0];
  return latest?.manager && latest.manager !== 'hcp-kv' ? ` (last changed by ${latest.manager} at ${latest.time})` : '';
}

export async function waitFor<T extends KubeObject>(http: KubeHttp, discovery: Discovery, ref: ObjectRef, check: (obj: T | undefined) => Check, o: WaitOptions, deps: WaitDeps = {}): Promise<T | undefined> {
  const now = deps.now ?? Date.now;
  const what = describeRef(ref);
  const until = new Date(now() + o.timeout);
  o.report?.(`waiting up to ${formatMs(o.timeout)} for ${what} (until ${until.toTimeString().slice(0, 8)})`);
  const { signal, timedOut, release } = waitSignal(o);
  const observed = new Observation(what, ref, check, o);
  const watch = watchUntilDone(http, discovery, ref, signal, observed, o);
  try {
    return await watch.result;
  } catch (e) {
    throw waitError(e, signal, timedOut, observed, o);
  } finally {
    watch.unsubscribe();
    release();
  }
}

/** The wait's own signal: aborted by its timeout (with the reason `timedOut`) or the caller's signal; release() unhooks both. */
function waitSignal(o: WaitOptions): { signal: AbortSignal; timedOut: Error; release: () => void } {
  const local = new AbortController();
  setMaxListeners(0, local.signal);
  const timedOut = new Error('timeout');
  const timer = setTimeout(() => local.abort(timedOut), o.timeout);
  const onOuter = () => local.abort(o.signal!.reason);
  if (o.signal?.aborted) onOuter();
  o.signal?.addEventListener('abort', onOuter, { once: true });
  const release = () => {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuter);
  };
  return { signal: local.signal, timedOut, release };
}

/** What the wait has seen of its object: the check runs on every change; the last reason it was not done is reported once. */
class Observation<T extends KubeObject> {
  readonly what: string;
  /** The command that shows the object, for hints. */
  readonly inspect: string;
  last: T | undefined;
  reason = 'not observed yet';
  private seen: T | undefined;
  /** A wait for absence (destroy) expects deletion; every other wait is over once its object goes away. */
  private readonly waitingForAbsence: boolean;
  private readonly ref: ObjectRef;
  private readonly check: (obj: T | undefined) => Check;
  private readonly o: WaitOptions;

  constructor(what: string, ref: ObjectRef, check: (obj: T | undefined) => Check, o: WaitOptions) {
    this.what = what;
    this.ref = ref;
    this.check = check;
    this.o = o;
    this.inspect = `oc get ${ref.kind.toLowerCase()} ${ref.name}${ref.namespace ? ` -n ${ref.namespace}` : ''} -o yaml`;
    const absent = check(undefined);
    this.waitingForAbsence = 'done' in absent && absent.done;
  }

  /** True once the check is done; throws when it failed or the object went away. */
  evaluate(obj: T | undefined): boolean {
    if (!this.waitingForAbsence) this.expectPresent(obj);
    if (obj) this.seen = obj;
    this.last = obj;
    const c = this.check(obj);
    if ('failed' in c) throw new HcpError(`${this.what}: ${c.failed}`, { hint: this.o.hint, details: [formatConditions(obj)].filter(Boolean) });
    if (c.done) return true;
    if (c.reason !== this.reason) {
      this.reason = c.reason;
      this.o.report?.(c.reason);
    }
    return false;
  }

  /** An object that existed and is now deleted, or is being deleted, ends the wait. */
  private expectPresent(obj: T | undefined): void {
    const { what, ref, seen } = this;
    if (!obj && seen)
      throw new HcpError(`${what} was deleted while waiting for it${deletedBy(seen)}`, {
        hint: `it existed (uid ${seen.metadata.uid ?? '?'}) and is gone now; find out who deleted it (\`oc get events -n ${ref.namespace ?? 'default'}\`) and run the command again`,
      });
    if (obj?.metadata.deletionTimestamp)
      throw new HcpError(`${what} is being deleted (since ${obj.metadata.deletionTimestamp}) while waiting for it${deletedBy(obj)}`, { hint: `wait until it is gone (\`${this.inspect}\` shows its finalizers), then run the command again` });
  }
}

/** Follows the object through the connection's shared informer until the observation is done (or throws). */
function watchUntilDone<T extends KubeObject>(http: KubeHttp, discovery: Discovery, ref: ObjectRef, signal: AbortSignal, observed: Observation<T>, o: WaitOptions): { result: Promise<T | undefined>; unsubscribe: () => void } {
  let unsubscribe = () => {};
  const result = new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    unsubscribe = hubFor(http, discovery).subscribe(
      { ...ref, name: ref.name },
      {
        onObject: (obj) => {
          try {
            if (observed.evaluate(obj as T | undefined)) resolve(obj as T | undefined);
          } catch (e) {
            reject(e);
          }
        },
        onNoKind: () => (observed.reason = `the ${ref.kind} API is not available yet`),
        onReport: (line) => o.report?.(line),
        onError: reject,
      },
    );
  });
  return { result, unsubscribe: () => unsubscribe() };
}

/** The error a wait that did not finish ends with: its timeout or the command's deadline name the object and its state. */
function waitError<T extends KubeObject>(e: unknown, signal: AbortSignal, timedOut: Error, observed: Observation<T>, o: WaitOptions): unknown {
  const { what, inspect } = observed;
  const conditions = formatConditions(observed.last);
  const state = `${observed.reason}${conditions ? `; conditions: ${conditions}` : ''}`;
  if (signal.aborted && signal.reason === timedOut) {
    return new HcpError(`timed out after ${formatMs(o.timeout)} waiting for ${what}: ${state}`, { hint: o.hint ?? `inspect it with \`${inspect}\`, or raise --timeout` });
  }
  // The command's deadline ended this wait: say what was being waited for, not just "did not finish".
  if (signal.aborted && signal.reason instanceof DeadlineError) {
    const d = signal.reason;
    return new HcpError(`${d.title} did not finish within ${formatMs(d.ms)}: still waiting for ${what}: ${state}`, {
      hint: o.hint ? `${o.hint}; or raise --timeout` : `inspect it with \`${inspect}\`, or raise --timeout`,
      details: [`deadline: ${d.message}`],
    });
  }
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return isHcpError(reason) ? reason : new InterruptedError();
  }
  return e;
}
