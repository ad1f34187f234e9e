// Watch-fed read caches of the simulated operators, as client-go's shared informers and controller-runtime's
// cached client: one list+watch per kind and client, shared by every reader, and reads from memory. A pass of an
// operator then costs no GET for what a watch already delivered (perf: ~100 of the ~160 requests a hosted
// cluster cost on the management cluster were such reads). Everything still comes from the API server, over
// its HTTP API.
//
// A cache may lag behind the server. Two rules keep the operators correct with it:
// - read your writes: the object a write returns replaces the cached one unless the watch delivered a newer one
//   (client-go leaves this to the controllers; here SimClient reports every write, see observeWrites);
// - `get` with `fetch` asks the server on a miss, for objects others may just have created.
import type { Obj, SimClient } from './client.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';
type Handler = (type: EventType, obj: Obj) => void;

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** Controller-runtime's caches keep no managedFields (cache.TransformStripManagedFields): no operator reads them,
 * and they are a quarter of an object. */
function withoutManagedFields(metadata: Obj): Obj {
  if (!metadata?.managedFields) return metadata;
  const { managedFields: _, ...rest } = metadata;
  return rest;
}

/** A numeric resourceVersion (etcd's revision) orders two states of an object; otherwise the later one wins. */
function newer(a: Obj | undefined, b: Obj): boolean {
  const x = Number(a?.metadata?.resourceVersion);
  const y = Number(b.metadata?.resourceVersion);
  return !a || !Number.isFinite(x) || !Number.isFinite(y) || y >= x;
}

/** Equality selectors ("a=b,c==d"); anything else is left to the server (undefined). */
function equalitySelector(sel: string | undefined): ((labels: Record<string, string> | undefined) => boolean) | undefined {
  if (!sel) return () => true;
  const pairs: Array<[string, string]> = [];
  for (const part of sel.split(',')) {
    const m = /^\s*([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)\s*$/.exec(part);
    if (!m) return undefined;
    pairs.push([m[1]!, m[2]!]);
  }
  return (labels) => pairs.every(([k, v]) => labels?.[k] === v);
}

export class Informer {
  private readonly items = new Map<string, Obj>();
  /** Per namespace: the keys of its objects (a namespaced list reads its own objects only). */
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly handlers = new Set<Handler>();
  /** The resourceVersion each deleted object had at its deletion: a write's answer older than that is of an object gone. */
  private readonly tombstones = new Map<string, Obj>();
  /** Resolves once the first list is in (or the kind is not served: nothing to cache yet). */
  readonly synced: Promise<void>;

  constructor(
    private readonly client: SimClient,
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    this.synced = new Promise<void>((synced) => {
      void client.hasResource(apiVersion, kind).then(
        (served) => (served ? undefined : synced()),
        () => synced(),
      );
      void client.watch(apiVersion, kind, { signal: client.closed, onSync: synced }, (t, o: Obj) => this.apply(t, o)).finally(synced);
    });
  }

  private apply(type: EventType, obj: Obj): void {
    // The watch hands the object over: stripped in place (as client-go's transform does), so that the watch's own
    // copy of the last state (kept for relists) drops its managedFields too (perf: those copies were ~20 % of the heap).
    obj.metadata = withoutManagedFields(obj.metadata);
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    if (type === 'DELETED') {
      this.drop(key, obj.metadata.namespace);
      this.tombstones.set(key, { metadata: { resourceVersion: obj.metadata.resourceVersion } });
    } else if (newer(this.items.get(key) ?? this.tombstones.get(key), obj)) {
      this.tombstones.delete(key);
      this.put(key, obj);
    }
    for (const h of this.handlers) h(type, obj);
  }

  /** `obj` is without managedFields already. */
  private put(key: string, obj: Obj): void {
    this.items.set(key, obj);
    const ns = obj.metadata.namespace ?? '';
    let keys = this.byNamespace.get(ns);
    if (!keys) this.byNamespace.set(ns, (keys = new Set()));
    keys.add(key);
  }

  private drop(key: string, namespace: string | undefined): void {
    this.items.delete(key);
    this.byNamespace.get(namespace ?? '')?.delete(key);
  }

  /** A write's answer: newer than what the watch delivered so far, it is what a read returns now. */
  observe(obj: Obj): void {
    const key = keyOf(obj.metadata?.namespace, obj.metadata?.name);
    // An answer older than the deletion the watch delivered is of an object gone (a finalizer removed last).
    if (obj.metadata?.name && newer(this.items.get(key) ?? this.tombstones.get(key), obj)) this.put(key, { apiVersion: this.apiVersion, kind: this.kind, ...obj, metadata: withoutManagedFields(obj.metadata) });
  }

  /** Events after the cache took them in; returns the unsubscribe. */
  onEvent(h: Handler): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }

  /**
   * Every object cached so far as ADDED, then every event (a cache of one's own kept on the shared watch); resolves
   * once synced. The replay is at once, not after the sync: what the first list delivers later reaches `h` as its
   * events, and an object is not handed over twice (a replay after the sync gave the listed objects twice: the
   * tokens controller then gave a Secret two tokens).
   */
  async follow(h: Handler): Promise<void> {
    this.handlers.add(h);
    for (const obj of this.items.values()) h('ADDED', obj);
    await this.synced;
  }

  /** The cached object; with `fetch`, a miss asks the server (an object someone else just created). */
  async get(name: string, namespace?: string, o: { fetch?: boolean } = {}): Promise<Obj | undefined> {
    await this.synced;
    const hit = this.items.get(keyOf(namespace, name));
    if (hit || !o.fetch) return hit;
    const live = await this.client.get(this.apiVersion, this.kind, name, namespace);
    if (live) this.observe(live);
    return live;
  }

  /** The cached objects (of a namespace, matching an equality label selector; others go to the server). */
  async list(o: { namespace?: string; labelSelector?: string } = {}): Promise<Obj[]> {
    const match = equalitySelector(o.labelSelector);
    if (!match) return (await this.client.list(this.apiVersion, this.kind, o)).items;
    await this.synced;
    const keys = o.namespace ? [...(this.byNamespace.get(o.namespace) ?? [])] : [...this.items.keys()];
    return keys.map((k) => this.items.get(k)!).filter((x) => x && match(x.metadata.labels));
  }
}

const informers = new WeakMap<SimClient, Map<string, Informer>>();

/** The shared informer of `kind` on the cluster behind `c` (started on first use, stopped with the client). */
export function informer(c: SimClient, apiVersion: string, kind: string): Informer {
  let byKind = informers.get(c);
  if (!byKind) {
    informers.set(c, (byKind = new Map()));
    c.onWrite = (obj) => byKind!.get(`${obj.apiVersion}/${obj.kind}`)?.observe(obj);
  }
  let i = byKind.get(`${apiVersion}/${kind}`);
  if (!i) byKind.set(`${apiVersion}/${kind}`, (i = new Informer(c, apiVersion, kind)));
  return i;
}
