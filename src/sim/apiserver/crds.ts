// CustomResourceDefinitions becoming served: Established after a delay (and in discovery), gone with their
// objects when deleted.
import { deepEqual, type Obj } from './merge.js';
import { gpOf, type Registry } from './registry.js';
import { crdResources } from './resources.js';
import type { Store } from './store.js';

const CRD_GP = 'apiextensions.k8s.io/customresourcedefinitions';

/** CRD specs by content, shared by every API server of this process. */
const interned = new Map<string, Obj>();
function intern<T extends Obj>(value: T): T {
  const key = JSON.stringify(value);
  const hit = interned.get(key);
  if (hit) return hit as T;
  interned.set(key, value);
  return value;
}

/**
 * A new CRD with its spec shared with every other API server's CRD of the same content (perf: each hosted
 * cluster's API server holds the same ClusterVersion and ClusterOperator CRDs, 30 KiB of JSON, twice with the
 * version in the watch history; their field sets are shared too, managed-fields.ts sharedFieldSet). Stored objects are never
 * changed in place: a write makes a new object.
 */
export function internCrd(crd: Obj): Obj {
  return { ...crd, spec: intern(crd.spec) };
}

export class Crds {
  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
    /** How long a new CRD takes to become Established (settable: the platform's own CRDs exist before the user). */
    public establishDelayMs: number,
    private readonly later: (ms: number, fn: () => void) => void,
  ) {}

  scheduleEstablish(crd: Obj): void {
    const name = crd.metadata.name;
    this.later(this.establishDelayMs, () => this.establish(name));
  }

  /** Serves the CRD `name` now and marks it Established (a no-op when it is already). */
  establish(name: string): void {
    const cur = this.store.get(CRD_GP, undefined, name);
    if (!cur || cur.metadata.deletionTimestamp) return;
    for (const r of this.registry.all()) if (r.crd === name) this.registry.remove(r);
    for (const r of crdResources(cur)) this.registry.add(r);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const conds = [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: now },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: now },
    ];
    const old = cur.status?.conditions ?? [];
    const keep = (t: string) => old.find((c: Obj) => c.type === t && c.status === 'True');
    const status = { conditions: conds.map((c) => keep(c.type) ?? c), acceptedNames: cur.spec.names, storedVersions: (cur.spec.versions ?? []).filter((v: Obj) => v.storage).map((v: Obj) => v.name) };
    if (deepEqual(status, cur.status)) return;
    // The spec is shared with the stored version before (stored objects are never changed in place).
    const next: Obj = { ...cur, metadata: { ...cur.metadata }, status };
    next.metadata.resourceVersion = String(this.store.nextRv());
    this.store.put(CRD_GP, next, 'MODIFIED');
  }

  /** Serves a restored CRD at once when it was Established (sim --data-dir). */
  restore(crd: Obj): void {
    if (crd.metadata.deletionTimestamp || !crd.status?.conditions?.some((c: Obj) => c.type === 'Established' && c.status === 'True')) {
      this.scheduleEstablish(crd);
      return;
    }
    for (const r of crdResources(crd)) this.registry.add(r);
  }

  /** Stops serving a deleted CRD's resources and drops their objects. */
  unregister(crd: Obj): void {
    const rs = this.registry.all().filter((r) => r.crd === crd.metadata.name);
    for (const r of rs) this.registry.remove(r);
    const first = rs[0];
    if (first) for (const o of this.store.list(gpOf(first))) this.store.remove(gpOf(first), o);
  }
}
