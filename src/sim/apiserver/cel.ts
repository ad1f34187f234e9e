// Evaluation of CRD validation rules (x-kubernetes-validations) as kube-apiserver does it
// (apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go):
// - rules at every schema level, `self` bound to the (non-null) value there, typed by the schema
//   (integer -> int, number -> double, format duration/date-time -> duration/timestamp);
// - transition rules (reading oldSelf) run only on update and only when an old value correlates: objects by
//   property, maps by key, lists only when x-kubernetes-list-type is map (by the map keys); optionalOldSelf
//   rules also run without one;
// - ratcheting (CRDValidationRatcheting, default since 1.30): an error of a rule that does not read oldSelf is
//   dropped when the value it is attached to (or its nearest correlatable ancestor) is unchanged;
// - errors as field errors: Invalid/Forbidden/Required/Duplicate at path (+ fieldPath), message, messageExpression.
import { isCelError } from '@bufbuild/cel';
import { create } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { compiledRules, compileSchema, type CompiledRule } from './cel-compile.js';
import { isObj, type Obj } from './merge.js';
import type { Cause } from './schema.js';

type Schema = Record<string, any>;

/** Ratcheting state: the old value correlated to this node (undefined when none), else the nearest ancestor's. */
interface Ratchet {
  correlated: boolean;
  old: unknown;
  value: unknown;
  parent?: Ratchet;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function shouldRatchet(r: Ratchet | undefined): boolean {
  if (!r) return false;
  if (r.correlated) return deepEqual(r.value, r.old);
  return shouldRatchet(r.parent);
}

function mapListKeys(s: Schema): string[] | undefined {
  return s['x-kubernetes-list-type'] === 'map' ? ((s['x-kubernetes-list-map-keys'] as string[] | undefined) ?? []) : undefined;
}

function byMapKeys(oldList: unknown, item: unknown, keys: string[]): unknown {
  if (!Array.isArray(oldList) || !isObj(item)) return undefined;
  return oldList.find((o) => isObj(o) && keys.every((k) => deepEqual(o[k], item[k])));
}

/** kube's correlation for ratcheting (common.CorrelatedObject.Index): map lists by key, unset list type by index. */
function ratchetItem(s: Schema, r: Ratchet | undefined, value: unknown, i: number): Ratchet {
  let old: unknown;
  let correlated = false;
  if (r?.correlated && Array.isArray(r.old)) {
    const keys = mapListKeys(s);
    const type = s['x-kubernetes-list-type'];
    if (keys) old = byMapKeys(r.old, value, keys);
    else if (type !== 'set' && type !== 'atomic' && i < r.old.length) old = r.old[i];
    correlated = old !== undefined;
  }
  return { correlated, old, value, parent: r };
}

function ratchetKey(r: Ratchet | undefined, key: string, value: unknown): Ratchet {
  const correlated = Boolean(r?.correlated && isObj(r.old) && key in r.old);
  return { correlated, old: correlated ? (r!.old as Obj)[key] : undefined, value, parent: r };
}

// ------------------------------------------------------------------ JSON -> CEL values, typed by the schema

function durationOf(s: string): unknown {
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const sign = s.startsWith('-') ? -1n : 1n;
  const body = s.replace(/^[-+]/, '');
  let nanos = 0n;
  let matched = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    nanos += BigInt(Math.round(Number(m[1]) * units[m[2]!]!));
    matched = re.lastIndex;
  }
  if (body !== '0' && (matched !== body.length || !body)) return s;
  nanos *= sign;
  return create(DurationSchema, { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) });
}

function timestampOf(s: string): unknown {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return s;
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  return create(TimestampSchema, { seconds: BigInt(Math.floor(ms / 1000)), nanos: Number(frac.padEnd(9, '0').slice(0, 9)) });
}

/** The CEL input for a JSON value under schema `s` (undefined schema: dynamic, whole numbers are ints). */
function toCel(v: unknown, s: Schema | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (s?.type === 'number') return v;
    return Number.isInteger(v) ? BigInt(v) : v;
  }
  if (typeof v === 'string') {
    if (s?.format === 'duration') return durationOf(v);
    if (s?.format === 'date-time') return timestampOf(v);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => toCel(x, s?.items));
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const child = s?.properties?.[k] ?? (isObj(s?.additionalProperties) ? s.additionalProperties : undefined);
      out[k] = toCel(x, child);
    }
    return out;
  }
  return v;
}

// ------------------------------------------------------------------ evaluation

/** The value kube puts in "Invalid value: ..." for a rule's error: the schema type (empty for int-or-string). */
function typeName(s: Schema): string {
  return typeof s.type === 'string' ? s.type : '';
}

/** @bufbuild/cel's runtime error texts in the words of cel-go, which kube passes on. */
function celGoError(message: string): string {
  return message.replace(/^field not found: /, 'no such key: ');
}

function ruleErrorString(r: CompiledRule): string {
  return r.message?.trim() || r.rule.trim();
}

function fieldError(path: string, type: string, detail: string, reason?: string): Cause {
  const field = path || '<nil>';
  switch (reason) {
    case 'FieldValueForbidden':
      return { field, reason, message: `Forbidden: ${detail}` };
    case 'FieldValueRequired':
      return { field, reason, message: `Required value: ${detail}` };
    case 'FieldValueDuplicate':
      return { field, reason, message: `Duplicate value: ${JSON.stringify(type)}` };
    default:
      return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(type)}: ${detail}` };
  }
}

function joinPath(path: string, child: string): string {
  return path ? `${path}.${child}` : child;
}

interface Ctx {
  errors: Cause[];
  /** Warnings kube would return for ratcheted errors. */
  ratcheted: Cause[];
}

function evalRules(ctx: Ctx, rules: CompiledRule[], s: Schema, path: string, value: unknown, old: unknown, ratchet: Ratchet | undefined, self: unknown): void {
  const type = typeName(s);
  let oldSelf: unknown;
  for (const r of rules) {
    if (r.usesOldSelf && old === undefined && !r.optionalOldSelf) continue;
    if (r.usesOldSelf && old !== undefined && oldSelf === undefined) oldSelf = toCel(old, s);
    const vars = { self, oldSelf: old === undefined ? null : oldSelf, k8sHasOldSelf: old !== undefined };
    let result: unknown;
    try {
      result = r.program(vars);
    } catch (e) {
      result = e;
    }
    if (result === true) continue;
    if (isCelError(result) || result instanceof Error || typeof result !== 'boolean') {
      const err = result instanceof Error ? celGoError(result.message) : `rule did not evaluate to a bool (${String(result)})`;
      const detail = /no such overload|no matching overload|unbound function/.test(err)
        ? `'${err}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(r)}`
        : `${err} evaluating rule: ${ruleErrorString(r)}`;
      ctx.errors.push(fieldError(path, type, detail));
      continue;
    }
    let detail = r.message?.trim() || `failed rule: ${ruleErrorString(r)}`;
    if (r.messageExpression) {
      const m = r.messageExpression(vars);
      if (typeof m === 'string' && m.trim() && !m.includes('\n')) detail = m.trim();
    }
    const fieldPath = r.fieldPath ? joinPath(path, r.fieldPath.replace(/^\./, '')) : path;
    const e = fieldError(fieldPath, type, detail, r.reason);
    if (!r.usesOldSelf && shouldRatchet(ratchet)) ctx.ratcheted.push(e);
    else ctx.errors.push(e);
  }
}

function walk(ctx: Ctx, s: Schema | undefined, path: string, value: unknown, old: unknown, ratchet: Ratchet | undefined, celValue: unknown): void {
  if (!s || value === null || value === undefined) return;
  if (old === null) old = undefined; // a null old value is no old value (kube: oldObj == nil)
  const rules = compiledRules(s, path);
  if (rules.length) evalRules(ctx, rules, s, path, value, old, ratchet, celValue);
  for (const sub of (s.allOf as Schema[] | undefined) ?? []) {
    walk(ctx, sub, path, value, old, ratchet && { correlated: false, old: undefined, value, parent: ratchet.parent }, celValue);
  }
  if (Array.isArray(value) && s.items) {
    const keys = mapListKeys(s);
    const items = celValue as unknown[];
    value.forEach((item, i) => {
      const oldItem = keys ? byMapKeys(old, item, keys) : undefined;
      walk(ctx, s.items, `${path}[${i}]`, item, oldItem, ratchetItem(s, ratchet, item, i), items[i]);
    });
  } else if (isObj(value)) {
    const oldObj = isObj(old) ? old : undefined;
    const fields = celValue as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) {
      const child = s.properties?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
      if (!child) continue;
      const childPath = s.properties?.[k] ? joinPath(path, k) : `${path}[${k}]`;
      walk(ctx, child, childPath, v, oldObj?.[k], ratchetKey(ratchet, k, v), fields[k]);
    }
  }
}

const withRules = new WeakMap<Schema, boolean>();

export interface CelResult {
  errors: Cause[];
  /** Errors dropped by ratcheting (kube returns them as warnings). */
  ratcheted: Cause[];
}

/**
 * Evaluates the validation rules of a custom resource's version schema on `obj` (already defaulted and pruned),
 * with `old` the stored object on update. `prior` are the schema errors found before: as in kube, rules are not
 * evaluated on an object with type errors.
 */
export function validateCel(schema: Schema | undefined, obj: Obj, old: Obj | undefined, prior: Cause[] = []): CelResult {
  const ctx: Ctx = { errors: [], ratcheted: [] };
  if (!schema) return ctx;
  if (!withRules.has(schema)) withRules.set(schema, compileSchema(schema, `${obj.kind}.${String(obj.apiVersion)}`));
  if (!withRules.get(schema)) return ctx;
  if (prior.some((c) => c.reason === 'FieldValueTypeInvalid')) {
    ctx.errors.push({ field: '<nil>', reason: 'FieldValueInvalid', message: 'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation' });
    return ctx;
  }
  // At the root, rules see apiVersion, kind and only metadata.name and metadata.generateName (as in kube).
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  const root = { ...obj, metadata: { ...(meta.name !== undefined ? { name: meta.name } : {}), ...(meta.generateName !== undefined ? { generateName: meta.generateName } : {}) } };
  const oldMeta = isObj(old?.metadata) ? old.metadata : {};
  const oldRoot: Obj | undefined = old && { ...old, metadata: { ...(oldMeta.name !== undefined ? { name: oldMeta.name } : {}), ...(oldMeta.generateName !== undefined ? { generateName: oldMeta.generateName } : {}) } };
  const rootSchema = { ...schema, properties: { ...(schema.properties ?? {}), metadata: { type: 'object', properties: { name: { type: 'string' }, generateName: { type: 'string' } } } } };
  // The root node's rules are compiled against the CRD's own schema object so that they are cached with it.
  const rootRules = compiledRules(schema, '');
  const celRoot = toCel(root, rootSchema);
  // Ratcheting at the root compares whole objects, metadata included (a label change is a change).
  const rootRatchet: Ratchet | undefined = old ? { correlated: true, old, value: obj } : undefined;
  if (rootRules.length) evalRules(ctx, rootRules, schema, '', root, oldRoot, rootRatchet, celRoot);
  const fields = celRoot as Record<string, unknown>;
  for (const [k, v] of Object.entries(root)) {
    if (k === 'metadata' || k === 'apiVersion' || k === 'kind') continue;
    walk(ctx, schema.properties?.[k], k, v, oldRoot?.[k], rootRatchet && ratchetKey(rootRatchet, k, v), fields[k]);
  }
  return ctx;
}
