// Deletion with kube-apiserver's semantics: finalizers and deletionTimestamp, propagation policies
// (garbage collection of dependents, foreground deletion), and namespace termination.
import type { Crds } from './crds.js';
import { clone, type Obj } from './merge.js';
import { gpOf, type Registry } from './registry.js';
import type { ResourceInfo } from './resources.js';
import type { Store } from './store.js';

export class Deletion {
  private foregroundOwners = new Map<string, { res: ResourceInfo; gp: string; namespace?: string; name: string }>();

  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
    private readonly crds: Crds,
  ) {}

  delete(res: ResourceInfo, obj: Obj, dryRun: boolean, policy?: string): Obj {
    if (dryRun) return obj;
    if (res.plural === 'namespaces') return this.deleteNamespace(obj);
    if (obj.metadata.finalizers?.length || policy === 'Foreground') {
      if (obj.metadata.deletionTimestamp) return obj;
      const next = clone(obj);
      next.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      next.metadata.deletionGracePeriodSeconds = 0;
      if (policy === 'Foreground') next.metadata.finalizers = [...(next.metadata.finalizers ?? []), 'foregroundDeletion'];
      next.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put(gpOf(res), next, 'MODIFIED');
      if (policy === 'Foreground') this.foreground(res, next);
      return next;
    }
    this.finalize(res, obj, policy);
    return obj;
  }

  /** Removes an object for good, then its dependents (garbage collection) and, if due, its namespace. */
  finalize(res: ResourceInfo, obj: Obj, policy?: string): void {
    this.store.remove(gpOf(res), obj);
    if (res.plural === 'customresourcedefinitions') this.crds.unregister(obj);
    if (policy !== 'Orphan') {
      for (const d of this.store.dependents(obj.metadata.uid)) {
        const dres = this.registry.byGp(d.gp);
        const current = this.store.get(d.gp, d.obj.metadata.namespace, d.obj.metadata.name);
        if (dres && current) this.delete(dres, current, false, 'Background');
      }
    }
    const ns = obj.metadata.namespace;
    if (ns) {
      const nsObj = this.store.get('/namespaces', undefined, ns);
      if (nsObj?.metadata.deletionTimestamp) this.maybeFinishNamespace(nsObj);
    }
    this.wakeForeground();
  }

  private foreground(res: ResourceInfo, owner: Obj): void {
    this.foregroundOwners.set(owner.metadata.uid, { res, gp: gpOf(res), namespace: owner.metadata.namespace, name: owner.metadata.name });
    for (const d of this.store.dependents(owner.metadata.uid)) {
      const dres = this.registry.byGp(d.gp);
      if (dres) this.delete(dres, d.obj, false, 'Background');
    }
    this.wakeForeground();
  }

  private wakeForeground(): void {
    for (const [uid, f] of this.foregroundOwners) {
      if (this.store.dependents(uid).length) continue;
      this.foregroundOwners.delete(uid);
      const cur = this.store.get(f.gp, f.namespace, f.name);
      if (!cur) continue;
      const next = clone(cur);
      next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((x: string) => x !== 'foregroundDeletion');
      next.metadata.resourceVersion = String(this.store.nextRv());
      if (next.metadata.finalizers.length) this.store.put(f.gp, next, 'MODIFIED');
      else this.finalize(f.res, next);
    }
  }

  private deleteNamespace(ns: Obj): Obj {
    let cur = ns;
    if (!ns.metadata.deletionTimestamp) {
      cur = clone(ns);
      cur.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      cur.status = { ...(cur.status ?? {}), phase: 'Terminating' };
      cur.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put('/namespaces', cur, 'MODIFIED');
    }
    for (const { gp, obj } of this.store.inNamespace(ns.metadata.name)) {
      const res = this.registry.byGp(gp);
      const live = this.store.get(gp, obj.metadata.namespace, obj.metadata.name);
      if (res && live) this.delete(res, live, false, 'Background');
    }
    const after = this.store.get('/namespaces', undefined, ns.metadata.name);
    if (after) this.maybeFinishNamespace(after);
    return cur;
  }

  private maybeFinishNamespace(ns: Obj): void {
    if (this.store.inNamespace(ns.metadata.name).length) return;
    if (ns.metadata.finalizers?.length) return;
    this.store.remove('/namespaces', ns);
  }
}
