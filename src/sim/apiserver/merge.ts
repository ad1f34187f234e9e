// Merge semantics of the Kubernetes API: JSON merge patch (RFC 7386), strategic merge patch for built-ins,
// and a server-side apply that merges maps, merges lists of named objects by key, replaces other lists, and
// removes fields its manager applied before but no longer applies (tracked in metadata.managedFields).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = Record<string, any>;

/** Chooses the merge key for a list at `path` (field names from the root), or undefined for atomic lists. */
export type ListKeyFn = (path: string[], items: Obj[]) => string[] | undefined;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A deep copy with the semantics of JSON.parse(JSON.stringify(v)) (undefined object members and functions
 * dropped, undefined array items null, NaN/Infinity null, toJSON honoured), without building the text
 * (perf: it was the write path's largest cost). Anything but plain objects, arrays and primitives takes the
 * JSON round trip itself.
 */
export function clone<T>(v: T): T {
  if (v === undefined) return v;
  const out = copyJson(v);
  if (out === undefined) throw new TypeError('clone: value has no JSON form'); // JSON.parse(undefined) throws too
  return out as T;
}

function copyJson(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object':
      if (v === null) return null;
      if (Array.isArray(v)) {
        const n = v.length;
        const arr = new Array<unknown>(n);
        for (let i = 0; i < n; i++) arr[i] = copyJson(v[i]) ?? null;
        return arr;
      }
      if (isPlain(v)) return copyObject(v as Obj);
      return JSON.parse(JSON.stringify(v)) as unknown;
    case 'bigint':
      return JSON.stringify(v); // throws as JSON.stringify does
    default:
      return undefined; // functions, symbols, undefined: dropped (null in an array)
  }
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as Obj).toJSON !== 'function';
}

function copyObject(o: Obj): Obj {
  const out: Obj = {};
  for (const k of Object.keys(o)) {
    const c = copyJson(o[k]);
    if (c === undefined) continue;
    // JSON.parse makes "__proto__" an own member; an assignment would set the prototype instead.
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    else out[k] = c;
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as Obj);
  const kb = Object.keys(b as Obj);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as Obj, k) && deepEqual((a as Obj)[k], (b as Obj)[k]));
}

export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

function itemKey(item: Obj, keys: string[]): string {
  return JSON.stringify(keys.map((k) => item[k] ?? null));
}

/** Strategic merge patch (the subset kubectl and controllers use): maps merge, keyed lists merge, `$patch: delete`. */
export function strategicMerge(target: unknown, patch: unknown, listKey: ListKeyFn, path: string[] = []): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v) && v.every(isObj)) {
      const keys = listKey([...path, k], [...(Array.isArray(cur) ? cur : []), ...v] as Obj[]);
      if (keys && Array.isArray(cur)) {
        const merged: Obj[] = cur.map((x) => clone(x));
        for (const item of v as Obj[]) {
          const idx = merged.findIndex((m) => itemKey(m, keys) === itemKey(item, keys));
          if (item.$patch === 'delete') {
            if (idx >= 0) merged.splice(idx, 1);
          } else if (idx >= 0) merged[idx] = strategicMerge(merged[idx], item, listKey, [...path, k]) as Obj;
          else merged.push(strategicMerge(undefined, item, listKey, [...path, k]) as Obj);
        }
        out[k] = merged;
        continue;
      }
    }
    out[k] = isObj(v) ? strategicMerge(cur, v, listKey, [...path, k]) : clone(v);
  }
  return out;
}

// ---- server-side apply ----

/**
 * Field sets by content, shared by every object of every API server in this process (perf: the same sets recur
 * on every hosted cluster's objects and on each version of an object in the watch history; they were most of a
 * hosted cluster's memory). A field set is never changed in place.
 */
const sets = new Map<string, Obj>();
export function sharedFieldSet(set: Obj): Obj {
  const k = JSON.stringify(set);
  const hit = sets.get(k);
  if (hit) return hit;
  if (sets.size >= 20_000) sets.clear(); // bounded: distinct sets beyond that are simply not shared
  sets.set(k, set);
  return set;
}

/** fieldsV1 as kube-apiserver writes it: {"f:spec":{"f:replicas":{}}, "k:{\"type\":\"Ready\"}": {...}}. */
export function fieldSet(value: unknown, listKey: ListKeyFn, path: string[] = []): Obj {
  const out: Obj = {};
  if (!isObj(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const f = `f:${k}`;
    if (isObj(v)) out[f] = fieldSet(v, listKey, [...path, k]);
    else if (Array.isArray(v) && v.length && v.every(isObj)) {
      const keys = listKey([...path, k], v as Obj[]);
      if (!keys) {
        out[f] = {};
        continue;
      }
      const items: Obj = {};
      for (const item of v as Obj[]) {
        const id = Object.fromEntries(keys.map((kk) => [kk, item[kk]]));
        items[`k:${JSON.stringify(id)}`] = { '.': {}, ...fieldSet(item, listKey, [...path, k]) };
      }
      out[f] = items;
    } else out[f] = {};
  }
  return out;
}

/** Removes from `obj` every field of `oldSet` that neither `newSet` nor another manager (`others`) owns. */
function removeDropped(obj: Obj, oldSet: Obj, newSet: Obj, others: Obj[]): void {
  for (const [f, sub] of Object.entries(oldSet)) {
    if (!f.startsWith('f:')) continue;
    const key = f.slice(2);
    if (!(key in obj)) continue;
    const newSub = newSet[f] as Obj | undefined;
    const otherSubs = others.map((o) => o[f] as Obj | undefined).filter((x): x is Obj => x !== undefined);
    if (newSub === undefined && !otherSubs.length) {
      delete obj[key];
      continue;
    }
    const child = obj[key];
    if (isObj(child)) removeDropped(child, sub as Obj, newSub ?? {}, otherSubs);
    else if (Array.isArray(child)) {
      for (const [k, itemSet] of Object.entries(sub as Obj)) {
        if (!k.startsWith('k:')) continue;
        const id = JSON.parse(k.slice(2)) as Obj;
        const idx = child.findIndex((it) => isObj(it) && Object.entries(id).every(([kk, vv]) => deepEqual(it[kk], vv)));
        if (idx < 0) continue;
        const newItem = newSub?.[k] as Obj | undefined;
        const otherItems = otherSubs.map((o) => o[k] as Obj | undefined).filter((x): x is Obj => x !== undefined);
        if (newItem === undefined && !otherItems.length) child.splice(idx, 1);
        else removeDropped(child[idx], itemSet as Obj, newItem ?? {}, otherItems);
      }
    }
  }
}

/** Merge for apply: maps merged, keyed lists merged by key, everything else replaced by the applied value. */
export function applyMerge(target: unknown, applied: unknown, listKey: ListKeyFn, path: string[] = []): unknown {
  if (!isObj(applied)) return clone(applied);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(applied)) {
    const cur = out[k];
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v) && v.every(isObj) && Array.isArray(cur)) {
      const keys = listKey([...path, k], [...cur, ...v] as Obj[]);
      if (!keys) out[k] = clone(v);
      else {
        const merged: Obj[] = cur.map((x) => clone(x));
        for (const item of v as Obj[]) {
          const idx = merged.findIndex((m) => isObj(m) && itemKey(m, keys) === itemKey(item, keys));
          if (idx >= 0) merged[idx] = applyMerge(merged[idx], item, listKey, [...path, k]) as Obj;
          else merged.push(clone(item));
        }
        out[k] = merged;
      }
    } else if (isObj(v)) out[k] = applyMerge(cur, v, listKey, [...path, k]);
    else out[k] = clone(v);
  }
  return out;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Obj;
  subresource?: string;
}

/**
 * Server-side apply of `applied` onto `existing` (undefined when creating). Returns the new object (without
 * server-owned metadata changes) and the new managedFields.
 */
export function serverSideApply(existing: Obj | undefined, applied: Obj, manager: string, listKey: ListKeyFn, now: string, subresource?: string): Obj {
  const body = clone(applied);
  const appliedMeta: Obj = body.metadata ?? {};
  // Only user-settable metadata takes part in the merge.
  const userMeta: Obj = {};
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) if (k in appliedMeta) userMeta[k] = appliedMeta[k];
  const { metadata: _m, ...rest } = body;
  const newSet = sharedFieldSet(fieldSet({ ...rest, metadata: userMeta }, listKey));
  const prev: ManagedFieldsEntry[] = existing?.metadata?.managedFields ?? [];
  const mine = prev.find((e) => e.manager === manager && e.operation === 'Apply' && (e.subresource ?? '') === (subresource ?? ''));
  const base: Obj = existing ? clone(existing) : {};
  const otherSets = prev.filter((e) => e !== mine && (e.subresource ?? '') === (subresource ?? '')).map((e) => e.fieldsV1);
  if (mine) removeDropped(base, mine.fieldsV1, newSet, otherSets);
  const merged = applyMerge(base, { ...rest, metadata: userMeta }, listKey) as Obj;
  merged.metadata = { ...(base.metadata ?? {}), ...merged.metadata };
  const others = prev.filter((e) => e !== mine);
  const entry: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion: applied.apiVersion, time: now, fieldsType: 'FieldsV1', fieldsV1: newSet };
  if (subresource) entry.subresource = subresource;
  // Keep the old timestamp when nothing this manager owns changed, so an identical apply is a no-op.
  if (mine && deepEqual(mine.fieldsV1, newSet)) entry.time = mine.time;
  merged.metadata.managedFields = [...others, entry];
  return merged;
}
