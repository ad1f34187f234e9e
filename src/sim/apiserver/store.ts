// The object store: one global resourceVersion, objects per resource, an event history for watches
// from a resourceVersion, and the watchers to notify.
import type { parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { Obj } from './merge.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  rv: number;
  type: EventType;
  gp: string; // group/plural
  obj: Obj;
  /** The object before a MODIFIED event: a filtered watch turns the event into ADDED/DELETED by it. */
  prev?: Obj;
}

/**
 * How a filtered watch sees an event (the watch cache's rule, apiserver pkg/storage/cacher/cache_watcher.go
 * convertToWatchEvent): an object that starts matching is ADDED, one that stops matching is DELETED (carrying
 * its new state), one that matches before and after is MODIFIED; otherwise the watcher sees nothing.
 */
export function filteredType(type: EventType, obj: Obj, prev: Obj | undefined, matches: (o: Obj) => boolean): EventType | undefined {
  const now = matches(obj);
  if (type !== 'MODIFIED' || !prev) return now ? type : undefined;
  const before = matches(prev);
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}

export interface Watcher {
  gp: string;
  namespace?: string;
  labels: ReturnType<typeof parseLabelSelector>;
  fields: ReturnType<typeof parseFieldSelector>;
  send(type: EventType, obj: Obj, rv: number): void;
}

export class Store {
  private rv = 0;
  private objects = new Map<string, Map<string, Obj>>();
  /** Indexes (perf): objects per resource and namespace, and the objects that name an owner uid. */
  private byNamespace = new Map<string, Map<string, Map<string, Obj>>>();
  private byOwner = new Map<string, Map<string, { gp: string; key: string }>>();
  private history: StoredEvent[] = [];
  private historyStart = 0; // index offset into the logical history
  private watchers = new Map<string, Set<Watcher>>();
  /** Lowest resourceVersion a watch may start from; older ones are "compacted" (410 Expired). */
  oldestRv = 0;

  /** Called after every stored change (sim --data-dir saves the store then). */
  onChange?: () => void;

  constructor(private readonly historySize: number) {}

  /** Every object with the current resourceVersion (what --data-dir keeps). */
  snapshot(): { resourceVersion: number; objects: Array<{ gp: string; obj: Obj }> } {
    const objects: Array<{ gp: string; obj: Obj }> = [];
    for (const [gp, b] of this.objects) for (const obj of b.values()) objects.push({ gp, obj });
    return { resourceVersion: this.rv, objects };
  }

  /** Loads a snapshot into an empty store; older resourceVersions are then compacted (410 Expired). */
  restore(s: { resourceVersion: number; objects: Array<{ gp: string; obj: Obj }> }): void {
    for (const { gp, obj } of s.objects) this.bucket(gp).set(`${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, obj);
    this.rv = s.resourceVersion;
    this.oldestRv = s.resourceVersion;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  nextRv(): number {
    return ++this.rv;
  }

  count(): number {
    let n = 0;
    for (const m of this.objects.values()) n += m.size;
    return n;
  }

  private bucket(gp: string): Map<string, Obj> {
    let b = this.objects.get(gp);
    if (!b) {
      b = new Map();
      this.objects.set(gp, b);
    }
    return b;
  }

  get(gp: string, namespace: string | undefined, name: string): Obj | undefined {
    return this.objects.get(gp)?.get(`${namespace ?? ''}/${name}`);
  }

  list(gp: string, namespace?: string): Obj[] {
    if (namespace) return [...(this.byNamespace.get(gp)?.get(namespace)?.values() ?? [])];
    const b = this.objects.get(gp);
    return b ? [...b.values()] : [];
  }

  /** Every object in a namespace, across resources (for namespace deletion). */
  inNamespace(namespace: string): Array<{ gp: string; obj: Obj }> {
    const out: Array<{ gp: string; obj: Obj }> = [];
    for (const [gp, m] of this.byNamespace) for (const o of m.get(namespace)?.values() ?? []) out.push({ gp, obj: o });
    return out;
  }

  /** Every object that lists `uid` among its ownerReferences. */
  dependents(uid: string): Array<{ gp: string; obj: Obj }> {
    // Resolved against the stored objects, so an index entry can never name an object that no longer has the owner.
    const out: Array<{ gp: string; obj: Obj }> = [];
    for (const { gp, key } of this.byOwner.get(uid)?.values() ?? []) {
      const o = this.objects.get(gp)?.get(key);
      if (o?.metadata?.ownerReferences?.some((r: { uid: string }) => r.uid === uid)) out.push({ gp, obj: o });
    }
    return out;
  }

  removeResource(gp: string): Obj[] {
    const b = this.objects.get(gp);
    for (const o of b?.values() ?? []) this.unindex(gp, `${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
    this.objects.delete(gp);
    this.byNamespace.delete(gp);
    return b ? [...b.values()] : [];
  }

  private index(gp: string, key: string, obj: Obj): void {
    const ns = obj.metadata?.namespace;
    if (ns) {
      let m = this.byNamespace.get(gp);
      if (!m) this.byNamespace.set(gp, (m = new Map()));
      let b = m.get(ns);
      if (!b) m.set(ns, (b = new Map()));
      b.set(key, obj);
    }
    for (const r of (obj.metadata?.ownerReferences ?? []) as Array<{ uid?: string }>) {
      if (!r.uid) continue;
      let d = this.byOwner.get(r.uid);
      if (!d) this.byOwner.set(r.uid, (d = new Map()));
      d.set(`${gp}|${key}`, { gp, key });
    }
  }

  private unindex(gp: string, key: string, old: Obj | undefined): void {
    if (!old) return;
    const ns = old.metadata?.namespace;
    if (ns) this.byNamespace.get(gp)?.get(ns)?.delete(key);
    for (const r of (old.metadata?.ownerReferences ?? []) as Array<{ uid?: string }>) {
      const d = r.uid ? this.byOwner.get(r.uid) : undefined;
      d?.delete(`${gp}|${key}`);
      if (d && !d.size) this.byOwner.delete(r.uid!);
    }
  }

  /** Stores the object (already carrying its new resourceVersion) and notifies watchers. */
  put(gp: string, obj: Obj, type: 'ADDED' | 'MODIFIED'): void {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    const b = this.bucket(gp);
    const prev = b.get(key);
    this.unindex(gp, key, prev);
    b.set(key, obj);
    this.index(gp, key, obj);
    this.record(gp, type, obj, prev);
  }

  remove(gp: string, obj: Obj): void {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    const b = this.objects.get(gp);
    this.unindex(gp, key, b?.get(key));
    b?.delete(key);
    const gone = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.nextRv()) } };
    this.record(gp, 'DELETED', gone);
  }

  private record(gp: string, type: EventType, obj: Obj, prev?: Obj): void {
    const rv = Number(obj.metadata.resourceVersion);
    this.history.push({ rv, type, gp, obj, ...(type === 'MODIFIED' && prev ? { prev } : {}) });
    // Trimmed in batches of a quarter of its size (perf: one splice of a 5,000-event array at every write was
    // O(history) per write); up to that many older events stay on.
    if (this.history.length > this.historySize + Math.ceil(this.historySize / 4)) {
      const drop = this.history.length - this.historySize;
      this.oldestRv = this.history[drop - 1]!.rv;
      this.history.splice(0, drop);
      this.historyStart += drop;
    }
    this.onChange?.();
    for (const w of this.watchers.get(gp) ?? []) {
      if (w.namespace && obj.metadata.namespace !== w.namespace) continue;
      const seen = filteredType(type, obj, type === 'MODIFIED' ? prev : undefined, (o) => w.fields(o) && w.labels(o.metadata.labels));
      if (seen) w.send(seen, obj, rv);
    }
  }

  /** Events after `rv` for a resource, or undefined when `rv` is older than the kept history. */
  since(gp: string, rv: number): StoredEvent[] | undefined {
    if (rv < this.oldestRv) return undefined;
    return this.history.filter((e) => e.rv > rv && e.gp === gp);
  }

  /** Forget history up to now (tests use it to provoke 410 Expired). */
  compact(): void {
    this.oldestRv = this.rv;
    this.history = [];
  }

  addWatcher(w: Watcher): () => void {
    let set = this.watchers.get(w.gp);
    if (!set) {
      set = new Set();
      this.watchers.set(w.gp, set);
    }
    set.add(w);
    return () => set!.delete(w);
  }
}
