// metadata.managedFields as kube-apiserver keeps them (k8s.io/apiserver pkg/endpoints/handlers/fieldmanager,
// sigs.k8s.io/structured-merge-diff): every create/update/patch records an Update entry for its field manager
// owning the fields it changed (taken from every other manager); an apply records an Apply entry and conflicts
// (409) when it would change a field another manager owns, unless force=true moves the ownership. The conflict
// message is apiserver's getConflictMessage (fieldmanager/internal/conflict.go): "Apply failed with 1 conflict:
// conflict with \"m\" using v1: .spec.x" / "Apply failed with N conflicts: conflicts with \"m\"\n- .a\n- .b".
import { ApiError } from './errors.js';
import { deepEqual, isObj, type ListKeyFn, type ManagedFieldsEntry, type Obj, sharedFieldSet } from './merge.js';
import type { ResourceInfo } from './resources.js';

type Path = string[]; // fieldsV1 segments: 'f:name', 'k:{"name":"c"}', '.'

/** The leaf paths of a fieldsV1 set ('.' marks a list item or map owned as a whole). */
export function leaves(set: Obj, prefix: Path = []): Path[] {
  const out: Path[] = [];
  for (const [k, v] of Object.entries(set ?? {})) {
    const p = [...prefix, k];
    if (!isObj(v) || !Object.keys(v).length) out.push(p);
    else out.push(...leaves(v, p));
  }
  return out;
}

export function toFieldsV1(paths: Path[]): Obj {
  const root: Obj = {};
  for (const p of paths) {
    let cur = root;
    for (const seg of p) cur = cur[seg] ??= {};
  }
  return sharedFieldSet(root);
}

// Path keys join the segments with NUL (no field name or key value holds one): cheap to build and compare.
const SEP = '\u0000';
const key = (p: Path) => p.join(SEP);
const unkey = (k: string): Path => k.split(SEP);

/**
 * Every leaf of an object as fieldSet() would list it, by path key, with its value (`true` for the '.' of a
 * keyed list item): one walk, so that comparing and pruning stay linear in the object's size.
 */
export function leafValues(value: unknown, listKey: ListKeyFn): Map<string, unknown> {
  const out = new Map<string, unknown>();
  walkLeaves(value, listKey, undefined, (p, x) => out.set(p, x));
  return out;
}

/**
 * Walks the leaves of `value`; `same` tells a leaf inside a member that is the very same value in `twin` at the
 * same path through object members (then the twin has the same leaves there, with the same values).
 */
function walkLeaves(value: unknown, listKey: ListKeyFn, twin: unknown, onLeaf: (p: string, x: unknown, same: boolean) => void): void {
  const walk = (v: Obj, t: Obj | undefined, same: boolean, path: string[], prefix: string) => {
    for (const [k, x] of Object.entries(v)) {
      const p = prefix ? `${prefix}${SEP}f:${k}` : `f:${k}`;
      const tx = t?.[k];
      const sameHere = same || (x !== undefined && tx === x);
      if (isObj(x) && Object.keys(x).length) walk(x, isObj(tx) ? tx : undefined, sameHere, [...path, k], p);
      else if (Array.isArray(x) && x.length && x.every(isObj)) {
        const keys = listKey([...path, k], x as Obj[]);
        if (!keys) {
          onLeaf(p, x, sameHere);
          continue;
        }
        const sub = [...path, k];
        for (const item of x as Obj[]) {
          const ip = `${p}${SEP}k:${JSON.stringify(Object.fromEntries(keys.map((kk) => [kk, item[kk]])))}`;
          onLeaf(`${ip}${SEP}.`, true, sameHere);
          walk(item, undefined, sameHere, sub, ip);
        }
      } else onLeaf(p, x, sameHere);
    }
  };
  if (isObj(value)) walk(value, isObj(twin) ? twin : undefined, false, [], '');
}

/**
 * The leaves of `next` (by path key) and those of them that are new or changed since `old` (in the leaves'
 * order). Members `next` shares with `old` (stored objects are never changed in place) are not compared.
 */
export function changedLeaves(next: Obj, old: Obj | undefined, listKey: ListKeyFn): { after: Map<string, unknown>; changed: string[] } {
  const after = new Map<string, unknown>();
  const candidates = new Set<string>();
  walkLeaves(next, listKey, old, (p, x, same) => {
    after.set(p, x);
    if (!same) candidates.add(p);
  });
  if (!old) return { after, changed: [...candidates] };
  const before = new Map<string, unknown>();
  walkLeaves(old, listKey, next, (p, x, same) => {
    if (!same) before.set(p, x);
  });
  const changed = [...candidates].filter((k) => !before.has(k) || !deepEqual(before.get(k), after.get(k)));
  return { after, changed };
}

/** The value at a fieldsV1 path, or undefined when absent. */
export function valueAt(obj: unknown, p: Path): unknown {
  let cur: unknown = obj;
  for (const seg of p) {
    if (seg === '.') continue;
    if (seg.startsWith('f:') && isObj(cur)) cur = cur[seg.slice(2)];
    else if (seg.startsWith('k:') && Array.isArray(cur)) {
      const id = JSON.parse(seg.slice(2)) as Obj;
      cur = cur.find((it) => isObj(it) && Object.entries(id).every(([k, v]) => deepEqual(it[k], v)));
    } else if (seg.startsWith('v:') && Array.isArray(cur)) {
      const v = JSON.parse(seg.slice(2));
      cur = cur.find((it) => deepEqual(it, v));
    } else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** kube's fieldpath.Path.String(): .spec.containers[name="c"].image */
export function pathString(p: Path): string {
  return p
    .filter((s) => s !== '.')
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      if (s.startsWith('k:'))
        return `[${Object.entries(JSON.parse(s.slice(2)) as Obj)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      if (s.startsWith('v:')) return `[=${s.slice(2)}]`;
      return s;
    })
    .join('');
}

/** The part of an object whose fields managers own: user metadata, and spec or status by subresource. */
export function tracked(res: ResourceInfo, obj: Obj, sub?: string): Obj {
  const { apiVersion: _a, kind: _k, metadata, status, ...rest } = obj ?? {};
  if (res.hasStatus && sub === 'status') return status === undefined ? {} : { status };
  const meta: Obj = {};
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) if (metadata?.[k] !== undefined) meta[k] = metadata[k];
  const out: Obj = { ...rest, ...(Object.keys(meta).length ? { metadata: meta } : {}) };
  if (!res.hasStatus && status !== undefined) out.status = status;
  return out;
}

function sameScope(e: ManagedFieldsEntry, sub?: string): boolean {
  return (e.subresource ?? '') === (sub ?? '');
}

/** The leaf paths of a field set and their keys. */
function setLeaves(set: Obj): { paths: Path[]; keys: string[] } {
  // Not cached per set: sets naming ownerReferences (by uid) are one per object, a cache would double them.
  const paths = leaves(set);
  return { paths, keys: paths.map(key) };
}

/**
 * Drops from every entry the paths in `taken` and the paths `obj` no longer has; empty entries go. `views` may
 * hold leafValues of tracked(res, obj, sub) already computed, by subresource ('' for none).
 */
function prune(entries: ManagedFieldsEntry[], res: ResourceInfo, obj: Obj, taken: Set<string>, keyFn: ListKeyFn, keep?: ManagedFieldsEntry, views = new Map<string, Map<string, unknown>>()): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  const present = (sub: string | undefined) => {
    const k = sub ?? '';
    if (!views.has(k)) views.set(k, leafValues(tracked(res, obj, sub), keyFn));
    return views.get(k)!;
  };
  for (const e of entries) {
    if (e === keep) {
      out.push(e);
      continue;
    }
    const all = setLeaves(e.fieldsV1);
    const now = present(e.subresource);
    // A path still owned: not taken, and still in the object (or a map this manager owns as a whole).
    const paths = all.paths.filter((p, i) => !taken.has(all.keys[i]!) && (now.has(all.keys[i]!) || valueAt(tracked(res, obj, e.subresource), p) !== undefined));
    if (!paths.length) continue;
    out.push(paths.length === all.paths.length ? e : { ...e, fieldsV1: toFieldsV1(paths) });
  }
  return out;
}

/** managedFields after a create/update/patch by `manager` (operation Update). */
export function recordUpdate(res: ResourceInfo, old: Obj | undefined, next: Obj, manager: string, keyFn: ListKeyFn, now: string, sub?: string): ManagedFieldsEntry[] {
  // Entries copied, their field sets shared: nothing changes a field set in place.
  const prev: ManagedFieldsEntry[] = (old?.metadata?.managedFields ?? []).map((e: ManagedFieldsEntry) => ({ ...e }));
  const { after, changed } = changedLeaves(tracked(res, next, sub), old ? tracked(res, old, sub) : undefined, keyFn);
  const taken = new Set(changed);
  const apiVersion = next.apiVersion;
  const mine = prev.find((e) => e.manager === manager && e.operation === 'Update' && sameScope(e, sub) && e.apiVersion === apiVersion);
  const rest = prune(
    prev.filter((e) => e !== mine),
    res,
    next,
    taken,
    keyFn,
    undefined,
    new Map([[sub ?? '', after]]),
  );
  const mineLeaves = mine ? setLeaves(mine.fieldsV1).keys : [];
  const owned = new Set(mineLeaves.filter((k) => after.has(k)));
  for (const k of changed) owned.add(k);
  if (!owned.size) return rest;
  // The same leaves in the same order rebuild the same set: keep it.
  const fieldsV1 = mine && owned.size === mineLeaves.length ? mine.fieldsV1 : toFieldsV1([...owned].map(unkey));
  const entry: ManagedFieldsEntry = { manager, operation: 'Update', apiVersion, time: changed.length || !mine ? now : mine.time, fieldsType: 'FieldsV1', fieldsV1 };
  if (sub) entry.subresource = sub;
  return [...rest, entry];
}

function describeManager(e: ManagedFieldsEntry): string {
  const name = `${JSON.stringify(e.manager)}${e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : ''}`;
  // The manager identifier carries no timestamp (fieldmanager BuildManagerIdentifier), so none is printed.
  if (e.operation === 'Update') return `${name} using ${e.apiVersion}`;
  return name;
}

/**
 * Before an apply by `manager`: the conflicts with other managers (fields they own that the apply changes).
 * Throws 409 unless `force`; with force, returns the other entries with those fields taken away.
 */
export function applyConflicts(res: ResourceInfo, existing: Obj, applied: Obj, manager: string, keyFn: ListKeyFn, force: boolean, sub?: string): ManagedFieldsEntry[] {
  const prev: ManagedFieldsEntry[] = (existing.metadata?.managedFields ?? []).map((e: ManagedFieldsEntry) => ({ ...e }));
  const wanted = leafValues(tracked(res, applied, sub), keyFn);
  const live = leafValues(tracked(res, existing, sub), keyFn);
  const conflicts: Array<{ entry: ManagedFieldsEntry; path: Path }> = [];
  for (const e of prev) {
    if ((e.manager === manager && e.operation === 'Apply') || !sameScope(e, sub)) continue;
    for (const p of setLeaves(e.fieldsV1).paths) {
      const k = key(p);
      if (wanted.has(k) && !deepEqual(live.get(k), wanted.get(k))) conflicts.push({ entry: e, path: p });
    }
  }
  if (!conflicts.length) return prev;
  if (!force) throw conflictError(res, existing.metadata?.name ?? '', conflicts);
  const taken = new Set(conflicts.map((c) => key(c.path)));
  const mine = prev.find((e) => e.manager === manager && e.operation === 'Apply' && sameScope(e, sub));
  return prune(prev, res, existing, taken, keyFn, mine);
}

function conflictError(res: ResourceInfo, name: string, conflicts: Array<{ entry: ManagedFieldsEntry; path: Path }>): ApiError {
  let message: string;
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0]!.entry)}: ${pathString(conflicts[0]!.path)}`;
  else {
    const by = new Map<string, string[]>();
    for (const c of conflicts) by.set(describeManager(c.entry), [...(by.get(describeManager(c.entry)) ?? []), pathString(c.path)]);
    const lines = [...by.keys()].sort().flatMap((m) => [`conflicts with ${m}`, ...by.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c.entry)}`, field: pathString(c.path) }));
  return new ApiError(409, 'Conflict', message, { name, group: res.group, kind: res.plural, causes });
}
