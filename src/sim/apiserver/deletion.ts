// Deletion with kube-apiserver's semantics: finalizers and deletionTimestamp, propagation policies
// (garbage collection of dependents, foreground deletion), and namespace termination.
import type { Crds } from './crds.js';
import { ApiError } from './errors.js';
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
    for (const d of this.store.dependents(obj.metadata.uid)) this.collect(d.gp, d.obj, policy === 'Orphan' ? obj.metadata.uid : undefined);
    const ns = obj.metadata.namespace;
    if (ns) {
      const nsObj = this.store.get('/namespaces', undefined, ns);
      if (nsObj?.metadata.deletionTimestamp) this.maybeFinishNamespace(nsObj);
    }
    this.wakeForeground();
  }

  private foreground(res: ResourceInfo, owner: Obj): void {
    this.foregroundOwners.set(owner.metadata.uid, { res, gp: gpOf(res), namespace: owner.metadata.namespace, name: owner.metadata.name });
    for (const d of this.store.dependents(owner.metadata.uid)) this.collect(d.gp, d.obj);
    this.wakeForeground();
  }

  /**
   * The garbage collector's decision for one dependent (kubernetes/kubernetes pkg/controller/garbagecollector/
   * garbagecollector.go attemptToDeleteItem @a7264f95ffc8b56377da16e83461aa59467ebb3e): owners are solid (alive),
   * dangling (gone) or waiting for dependents (foreground deletion). With a solid owner left, the references to
   * the others are removed and the dependent stays; else it is deleted, in the foreground when a waiting owner's
   * reference has blockOwnerDeletion. `orphanOf`: the owner deleted with propagationPolicy=Orphan, whose
   * reference is just removed.
   */
  private collect(gp: string, dep: Obj, orphanOf?: string): void {
    const res = this.registry.byGp(gp);
    const current = this.store.get(gp, dep.metadata.namespace, dep.metadata.name);
    if (!res || !current) return;
    const refs: Obj[] = current.metadata.ownerReferences ?? [];
    const state = (r: Obj) => (r.uid === orphanOf ? 'orphan' : this.ownerState(r, current.metadata.namespace));
    const solid = refs.filter((r) => state(r) === 'solid');
    if (solid.length || orphanOf) {
      if (solid.length === refs.length) return;
      const next = clone(current);
      next.metadata.ownerReferences = orphanOf ? refs.filter((r) => r.uid !== orphanOf) : solid;
      if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
      next.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put(gp, next, 'MODIFIED');
      return;
    }
    const blocking = refs.some((r) => state(r) === 'waiting' && r.blockOwnerDeletion);
    this.delete(res, current, false, blocking ? 'Foreground' : 'Background');
  }

  /** solid: the owner exists and is not being deleted in the foreground; waiting: it is; dangling: gone. */
  private ownerState(ref: Obj, namespace: string | undefined): 'solid' | 'waiting' | 'dangling' {
    const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0] : '';
    const res = this.registry.all().find((r) => r.group === group && r.kind === ref.kind);
    const owner = res ? this.store.get(gpOf(res), res.namespaced ? namespace : undefined, ref.name) : undefined;
    if (!owner || owner.metadata.uid !== ref.uid) return 'dangling';
    return owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion') ? 'waiting' : 'solid';
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
    // NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle): the immortal namespaces stay.
    if (['default', 'kube-system', 'kube-public'].includes(ns.metadata.name))
      throw new ApiError(403, 'Forbidden', `namespaces "${ns.metadata.name}" is forbidden: this namespace may not be deleted`, { name: ns.metadata.name, kind: 'namespaces' });
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
