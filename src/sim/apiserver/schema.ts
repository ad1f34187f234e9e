// Structural-schema handling of custom resources, as kube-apiserver does it: defaults applied, unknown fields
// pruned (or reported with fieldValidation=Strict), and type/required/enum/pattern/bounds checked.
// CEL rules (x-kubernetes-validations) are evaluated afterwards by cel.ts.
import { isObj, type Obj } from './merge.js';

export interface Cause {
  field: string;
  message: string;
  reason: string;
}

export interface SchemaResult {
  value: Obj;
  errors: Cause[];
  unknown: string[];
}

type Schema = Record<string, any>;

const regexCache = new Map<string, RegExp | null>();
function regex(p: string): RegExp | null {
  if (!regexCache.has(p)) {
    try {
      regexCache.set(p, new RegExp(p, 'u'));
    } catch {
      regexCache.set(p, null);
    }
  }
  return regexCache.get(p)!;
}

function typeOk(v: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObj(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

function walk(v: unknown, s: Schema, path: string, out: SchemaResult): unknown {
  if (v === null) return s.nullable ? null : undefined;
  if (s['x-kubernetes-int-or-string']) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v)))
      out.errors.push({ field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body must be of type integer-or-string`, reason: 'FieldValueTypeInvalid' });
    return v;
  }
  if (s.type && !typeOk(v, s.type)) {
    out.errors.push({ field: path, message: `Invalid value: "${Array.isArray(v) ? 'array' : typeof v}": ${path} in body must be of type ${s.type}: "${Array.isArray(v) ? 'array' : typeof v}"`, reason: 'FieldValueTypeInvalid' });
    return v;
  }
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => e === v)) {
    out.errors.push({ field: path, message: `Unsupported value: ${JSON.stringify(v)}: supported values: ${s.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}`, reason: 'FieldValueNotSupported' });
  }
  if (typeof v === 'string') {
    if (s.pattern && regex(s.pattern) && !regex(s.pattern)!.test(v)) out.errors.push({ field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body should match '${s.pattern}'`, reason: 'FieldValueInvalid' });
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) out.errors.push({ field: path, message: `Too long: may not be more than ${s.maxLength} bytes`, reason: 'FieldValueTooLong' });
    if (typeof s.minLength === 'number' && v.length < s.minLength) out.errors.push({ field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body should be at least ${s.minLength} chars long`, reason: 'FieldValueInvalid' });
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) out.errors.push({ field: path, message: `Invalid value: ${v}: ${path} in body should be greater than or equal to ${s.minimum}`, reason: 'FieldValueInvalid' });
    if (typeof s.maximum === 'number' && v > s.maximum) out.errors.push({ field: path, message: `Invalid value: ${v}: ${path} in body should be less than or equal to ${s.maximum}`, reason: 'FieldValueInvalid' });
  }
  if (Array.isArray(v)) {
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) out.errors.push({ field: path, message: `Too many: ${v.length}: must have at most ${s.maxItems} items`, reason: 'FieldValueTooMany' });
    if (typeof s.minItems === 'number' && v.length < s.minItems) out.errors.push({ field: path, message: `Invalid value: ${v.length}: ${path} in body should have at least ${s.minItems} items`, reason: 'FieldValueInvalid' });
    if (s.items) {
      const items = v.map((item, i) => walk(item, s.items, `${path}[${i}]`, out));
      // Unchanged (nothing pruned or defaulted): the value itself, so that a write shares what it did not change.
      return items.every((x, i) => x === v[i]) ? v : items.filter((x) => x !== undefined);
    }
    return v;
  }
  if (isObj(v)) return walkObject(v, s, path, out);
  return v;
}

/**
 * Top-level members (spec, status) that passed their schema node unchanged and without a finding, per node
 * (perf: a write shares the members it does not change with the stored object, and those are not checked
 * again; the check of a value against a node always finds the same). Values are never changed in place.
 */
const clean = new WeakMap<Schema, WeakSet<object>>();

function walkTopLevel(v: unknown, s: Schema, path: string, out: SchemaResult): unknown {
  if (typeof v !== 'object' || v === null) return walk(v, s, path, out);
  let seen = clean.get(s);
  if (seen?.has(v)) return v;
  const findings = out.errors.length + out.unknown.length;
  const w = walk(v, s, path, out);
  if (w === v && out.errors.length + out.unknown.length === findings) {
    if (!seen) clean.set(s, (seen = new WeakSet()));
    seen.add(v);
  }
  return w;
}

/** An object's members pruned, defaulted and checked; the object itself when nothing was pruned or defaulted. */
function walkObject(v: Obj, s: Schema, path: string, out: SchemaResult): Obj {
  const props: Schema | undefined = s.properties;
  const preserve = Boolean(s['x-kubernetes-preserve-unknown-fields']);
  const embedded = Boolean(s['x-kubernetes-embedded-resource']);
  const result: Obj = {};
  let same = true;
  for (const [k, child] of Object.entries(v)) {
    const childPath = path ? `${path}.${k}` : k;
    if (props && k in props) {
      const w = path === '' ? walkTopLevel(child, props[k], childPath, out) : walk(child, props[k], childPath, out);
      if (w !== undefined) result[k] = w;
      same &&= w === child;
    } else if (isObj(s.additionalProperties)) {
      const w = walk(child, s.additionalProperties, childPath, out);
      if (w !== undefined) result[k] = w;
      same &&= w === child;
    } else if (preserve || s.additionalProperties === true || (embedded && ['apiVersion', 'kind', 'metadata'].includes(k)) || (!props && !s.additionalProperties && !s.type)) {
      result[k] = child;
    } else {
      out.unknown.push(childPath);
      same = false;
    }
  }
  if (props) {
    for (const [k, ps] of Object.entries(props)) {
      if (!(k in result) && (ps as Schema).default !== undefined) {
        result[k] = JSON.parse(JSON.stringify((ps as Schema).default));
        same = false;
      }
    }
  }
  for (const r of (s.required as string[] | undefined) ?? []) {
    if (!(r in result)) out.errors.push({ field: path ? `${path}.${r}` : r, message: 'Required value', reason: 'FieldValueRequired' });
  }
  return same ? v : result;
}

/** Validates and normalizes a custom resource against its version's openAPIV3Schema. */
export function applySchema(obj: Obj, schema: Schema | undefined): SchemaResult {
  const out: SchemaResult = { value: obj, errors: [], unknown: [] };
  if (!schema) return out;
  const { apiVersion, kind, metadata, ...rest } = obj;
  const props = { ...(schema.properties ?? {}) };
  delete props.apiVersion;
  delete props.kind;
  delete props.metadata;
  const body = walk(rest, { ...schema, properties: props, required: (schema.required ?? []).filter((r: string) => !['apiVersion', 'kind', 'metadata'].includes(r)) }, '', out) as Obj;
  out.value = { apiVersion, kind, metadata, ...body };
  return out;
}

/** Merge keys a schema declares for the list at `path` (x-kubernetes-list-type: map). */
export function schemaListKeys(schema: Schema | undefined, path: string[]): string[] | undefined | 'unknown' {
  let s: Schema | undefined = schema;
  for (const p of path) {
    if (!s) return 'unknown';
    if (s.type === 'array' || s.items) s = s.items;
    if (!s) return 'unknown';
    if (s.properties && p in s.properties) s = s.properties[p];
    else if (isObj(s.additionalProperties)) s = s.additionalProperties;
    else return 'unknown';
  }
  if (!s) return 'unknown';
  if (s['x-kubernetes-list-type'] === 'map') return s['x-kubernetes-list-map-keys'] as string[];
  if (s.type === 'array') return undefined;
  return 'unknown';
}
