// Shared watches: one list+watch per kind and namespace per process, its cache fanned out in memory to every
// waiter — client-go's shared informer (kubernetes/kubernetes staging/src/k8s.io/client-go/tools/cache/reflector.go
// @v1.31.0: list, watch from the list's resourceVersion with allowWatchBookmarks, resume a closed stream from the
// last resourceVersion seen, re-list on 410 Gone). A silent stream is dropped by KubeHttp.stream's idle limit and
// resumed; connection failures are ridden out for the reconnect window, then every waiter gets the error.
// An informer stops a moment after its last waiter leaves (the next waiter lists again).
import { setMaxListeners } from 'node:events';
import { type Discovery, NoKindError, waitForKind } from './discovery.js';
import { KubeApiError } from './errors.js';
import type { KubeHttp } from './http.js';
import { abortableSleep, backoffDelay, isConnectionFailure } from './retry.js';
import type { KubeObject } from './types.js';

export interface Subscriber {
  /** The object's state (undefined: absent) once the cache is synced, and after every change to it. */
  onObject(obj: KubeObject | undefined): void;
  /** The kind is not served (yet): the object cannot exist. */
  onNoKind?(): void;
  /** Progress worth telling the user (a lost connection being retried). */
  onReport?(line: string): void;
  /** The informer gave up (a non-transient error, or an outage longer than the reconnect window). */
  onError(e: unknown): void;
}

class Expired extends Error {}

/** How long an informer outlives its last waiter, so sequential waits on one kind share one list+watch. */
const LINGER_MS = 2000;

const rvNumber = (rv: string | undefined): number => (rv && /^\d+$/.test(rv) ? Number(rv) : NaN);

export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly subs = new Map<string, Set<Subscriber>>();
  /** Subscribers waiting for the cache to catch up with this client's own last write of the kind. */
  private readonly pending = new Map<Subscriber, { name: string; rv: number }>();
  private readonly stop = new AbortController();
  private synced = false;
  private noKind = false;
  private rv = NaN;
  private size = 0;
  private linger?: NodeJS.Timeout;
  running = false;

  constructor(
    private readonly http: KubeHttp,
    private readonly discovery: Discovery,
    readonly apiVersion: string,
    readonly kind: string,
    readonly namespace: string | undefined,
    private readonly onStopped: () => void,
  ) {
    setMaxListeners(0, this.stop.signal);
  }

  /** Adds a waiter for one object; returns the unsubscribe function. */
  subscribe(name: string, s: Subscriber): () => void {
    clearTimeout(this.linger);
    let set = this.subs.get(name);
    if (!set) this.subs.set(name, (set = new Set()));
    set.add(s);
    this.size++;
    if (!this.running) {
      this.running = true;
      void this.run();
    } else if (this.noKind) queueMicrotask(() => set!.has(s) && (s.onObject(undefined), s.onNoKind?.()));
    else if (this.synced) this.deliverWhenFresh(name, s);
    return () => {
      if (!set!.delete(s)) return;
      this.pending.delete(s);
      if (!set!.size) this.subs.delete(name);
      if (--this.size === 0) {
        this.linger = setTimeout(() => this.close(), LINGER_MS);
        this.linger.unref();
      }
    };
  }

  /** A late subscriber sees the cache only once it holds this client's own last write of the kind (read-your-writes). */
  private deliverWhenFresh(name: string, s: Subscriber): void {
    const wrote = this.http.lastWriteRv(this.apiVersion, this.kind, this.namespace);
    if (wrote > this.rv) this.pending.set(s, { name, rv: wrote });
    else queueMicrotask(() => this.subs.get(name)?.has(s) && s.onObject(this.cache.get(name)));
  }

  close(): void {
    clearTimeout(this.linger);
    this.stop.abort(new Error('informer stopped'));
    this.onStopped();
  }

  private notify(name: string): void {
    const obj = this.cache.get(name);
    for (const s of this.subs.get(name) ?? []) if (!this.pending.has(s)) s.onObject(obj);
  }

  private advance(rv: string | undefined): void {
    const n = rvNumber(rv);
    if (!Number.isNaN(n)) this.rv = Number.isNaN(this.rv) ? n : Math.max(this.rv, n);
    for (const [s, p] of this.pending) {
      if (this.rv >= p.rv || Number.isNaN(this.rv)) {
        this.pending.delete(s);
        s.onObject(this.cache.get(p.name));
      }
    }
  }

  private replace(items: KubeObject[], rv: string | undefined): void {
    this.cache.clear();
    for (const i of items) {
      i.apiVersion ??= this.apiVersion;
      i.kind ??= this.kind;
      this.cache.set(i.metadata.name, i);
    }
    this.synced = true;
    this.noKind = false;
    this.rv = NaN;
    this.advance(rv);
    // Every waiter gets the listed state: present, absent (never there), or gone since the last list.
    for (const name of this.subs.keys()) this.notify(name);
  }

  private fail(e: unknown): void {
    const all = [...this.subs.values()].flatMap((s) => [...s]);
    this.close();
    for (const s of all) s.onError(e);
  }

  private report(line: string): void {
    for (const set of this.subs.values()) for (const s of set) s.onReport?.(line);
  }

  private async run(): Promise<void> {
    const signal = this.stop.signal;
    const retry: Retry = { attempt: 0 };
    while (!signal.aborted) {
      try {
        const collection = await this.collectionPath(signal);
        if (collection === undefined) continue;
        const rv = await this.list(collection, signal);
        retry.attempt = 0;
        retry.disconnectedSince = undefined;
        await this.watch(collection, rv, signal);
      } catch (e) {
        if (!(await this.recover(e, retry, signal))) return;
      }
    }
  }

  /** The kind's collection path; undefined once the kind, not served before, is served (list it again then). */
  private async collectionPath(signal: AbortSignal): Promise<string | undefined> {
    try {
      return await this.discovery.path({ apiVersion: this.apiVersion, kind: this.kind, namespace: this.namespace }, signal);
    } catch (e) {
      if (!(e instanceof NoKindError)) throw e;
      // The kind is not served yet (its operator is still installing): nothing can exist; watch for it.
      this.noKind = true;
      this.cache.clear();
      for (const name of this.subs.keys()) this.notify(name);
      for (const set of this.subs.values()) for (const s of set) s.onNoKind?.();
      await waitForKind(this.http, this.discovery, this.apiVersion, this.kind, signal);
      return undefined;
    }
  }

  /** Lists the collection into the cache; returns the list's resourceVersion to watch from. */
  private async list(collection: string, signal: AbortSignal): Promise<string> {
    const list = await this.http.request<{ metadata: { resourceVersion: string }; items: KubeObject[] }>(collection, { signal });
    this.replace(list.items, list.metadata.resourceVersion);
    return list.metadata.resourceVersion;
  }

  /** Watches from `rv` on, resuming closed watches; ends only by throwing (410 Expired, an error, the abort). */
  private async watch(collection: string, from: string, signal: AbortSignal): Promise<never> {
    let rv = from;
    let opened = -Infinity;
    for (;;) {
      // A server that ends watches at once must not turn this into a busy loop.
      if (performance.now() - opened < 500) await abortableSleep(250, signal);
      opened = performance.now();
      for await (const ev of this.http.stream(collection, { watch: 'true', resourceVersion: rv, allowWatchBookmarks: 'true' }, signal)) {
        if (ev.type === 'ERROR') {
          if (ev.object?.code === 410) throw new Expired();
          throw new KubeApiError(ev.object?.code ?? 500, ev.object ?? {});
        }
        const obj = ev.object as KubeObject | undefined;
        if (obj?.metadata?.resourceVersion) rv = obj.metadata.resourceVersion;
        if (ev.type !== 'BOOKMARK' && obj?.metadata?.name) {
          obj.apiVersion ??= this.apiVersion;
          obj.kind ??= this.kind;
          if (ev.type === 'DELETED') this.cache.delete(obj.metadata.name);
          else this.cache.set(obj.metadata.name, obj);
          this.notify(obj.metadata.name);
        }
        this.advance(rv);
      }
    }
  }

  /** After a failed list or watch: true to go on (after a backoff when needed), false when the informer is done. */
  private async recover(e: unknown, retry: Retry, signal: AbortSignal): Promise<boolean> {
    const { http } = this;
    if (signal.aborted) return false;
    if (e instanceof Expired) return true;
    if (!http.isTransient(e)) return this.giveUp(e);
    // A silent watch is resumed at once; an outage is waited out for a bounded window.
    if (isConnectionFailure(e)) {
      retry.disconnectedSince ??= Date.now();
      if (Date.now() - retry.disconnectedSince > http.reconnectWindowMs) return this.giveUp(e);
      this.report(`connection to the API server lost (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); retrying`);
    }
    await abortableSleep(backoffDelay(++retry.attempt, e, { capMs: 2000 }), signal).catch(() => undefined);
    return true;
  }

  private giveUp(e: unknown): false {
    this.fail(e);
    return false;
  }
}

/** The informer's retries since its last successful list, and since when the API server is unreachable. */
interface Retry {
  attempt: number;
  disconnectedSince?: number;
}

/** One informer per (apiVersion, kind, namespace) per connection. */
export class InformerHub {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly http: KubeHttp,
    private readonly discovery: Discovery,
  ) {}

  subscribe(ref: { apiVersion: string; kind: string; namespace?: string; name: string }, s: Subscriber): () => void {
    const key = `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}`;
    let inf = this.informers.get(key);
    if (!inf) {
      const created: Informer = new Informer(this.http, this.discovery, ref.apiVersion, ref.kind, ref.namespace, () => this.informers.get(key) === created && this.informers.delete(key));
      this.informers.set(key, (inf = created));
    }
    return inf.subscribe(ref.name, s);
  }

  /** Informers running now (for tests and reports). */
  get size(): number {
    return this.informers.size;
  }

  close(): void {
    for (const i of [...this.informers.values()]) i.close();
  }
}

const hubs = new WeakMap<KubeHttp, InformerHub>();

/** The hub of a connection: every wait on it shares its informers. */
export function hubFor(http: KubeHttp, discovery: Discovery): InformerHub {
  let hub = hubs.get(http);
  if (!hub) {
    hubs.set(http, (hub = new InformerHub(http, discovery)));
    http.onClose(() => hub!.close());
  }
  return hub;
}
