// Between a decoded k8s protobuf message and the JSON object the API server stores, field by field from the
// upstream .proto descriptors, with the Go types whose JSON differs from their message: Time and MicroTime
// (RFC 3339 strings), Duration, Quantity and IntOrString (scalars), RawExtension and FieldsV1 (embedded JSON),
// Verbs/ExtraValue (plain arrays), and bytes (base64 strings, e.g. Secret data).
import type { Field, Type } from 'protobufjs';
import type { Obj } from './merge.js';

const META = '.k8s.io.apimachinery.pkg.apis.meta.v1.';
const TIME = `${META}Time`;
const MICRO_TIME = `${META}MicroTime`;
const DURATION = `${META}Duration`;
const FIELDS_V1 = `${META}FieldsV1`;
const QUANTITY = '.k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = '.k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const RAW_EXTENSION = '.k8s.io.apimachinery.pkg.runtime.RawExtension';
/** Go named slices (`type Verbs []string`): a message with `items` on the wire, an array in JSON. */
const STRING_LISTS = new Set([`${META}Verbs`, '.k8s.io.api.authorization.v1.ExtraValue']);

/**
 * Go writes every non-pointer scalar, so a zero on the wire is usually an unset field that JSON omits
 * (omitempty). These fields are pointers or lack omitempty: their zero is a value.
 */
const KEEP_ZERO = new Set([
  // pointers
  'replicas',
  'automountServiceAccountToken',
  'immutable',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'progressDeadlineSeconds',
  'revisionHistoryLimit',
  'started',
  'optional',
  'defaultMode',
  'mode',
  'allowVolumeExpansion',
  'enableServiceLinks',
  'shareProcessNamespace',
  'hostUsers',
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'fsGroup',
  'privileged',
  'readOnlyRootFilesystem',
  'allowPrivilegeEscalation',
  'allocateLoadBalancerNodePorts',
  'expirationSeconds',
  // no omitempty
  'allowed',
  'ready',
  'restartCount',
  'paused',
]);

/**
 * Go embedded structs (`json:""`): a field of their own on the wire, their fields inlined in JSON. From the
 * upstream types.go of the embedded groups (core/v1 and admissionregistration/v1 have them).
 */
const INLINE = new Set([
  'volumeSource',
  'persistentVolumeSource',
  'localObjectReference',
  'ephemeralContainerCommon',
  'ruleWithOperations',
  '.k8s.io.api.core.v1.Probe.handler',
  '.k8s.io.api.admissionregistration.v1.RuleWithOperations.rule',
]);

function isInline(f: Field): boolean {
  return INLINE.has(f.name) || INLINE.has(`${f.parent?.fullName}.${f.name}`);
}

/** Nested embedded objects in a RawExtension may themselves be protobuf; the caller decodes those. */
export type EmbeddedDecoder = (raw: Uint8Array) => Obj | undefined;

/** The JSON name of a field: the proto name, but upstream capitalised a few (DaemonEndpoint.Port keeps it). */
function jsonName(f: Field): string {
  if (f.parent?.fullName === '.k8s.io.api.core.v1.DaemonEndpoint') return f.name;
  return f.name.charAt(0).toLowerCase() + f.name.slice(1);
}

function num(v: unknown): number {
  return typeof v === 'object' && v !== null ? Number(String(v)) : Number(v); // Long → number
}

function isZero(v: unknown): boolean {
  return v === '' || v === false || (typeof v === 'number' && v === 0);
}

function timeString(m: Obj, micro: boolean): string | undefined {
  const seconds = num(m.seconds ?? 0);
  const nanos = num(m.nanos ?? 0);
  if (!seconds && !nanos) return undefined; // zero time: JSON null
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, '');
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

function parseTime(s: unknown): Obj | undefined {
  if (typeof s !== 'string' || !s) return undefined;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return undefined;
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  return { seconds: Math.floor(ms / 1000), nanos: Number(frac.padEnd(9, '0').slice(0, 9)) };
}

/** Go's time.Duration.String() for whole nanoseconds: "1h2m3.5s", "0s". */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e9) return `${sign}${rest >= 1e6 ? `${rest / 1e6}ms` : rest >= 1e3 ? `${rest / 1e3}µs` : `${rest}ns`}`;
  const h = Math.floor(rest / 3.6e12);
  rest -= h * 3.6e12;
  const m = Math.floor(rest / 6e10);
  rest -= m * 6e10;
  const s = rest / 1e9;
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function parseGoDuration(s: unknown): number {
  if (typeof s === 'number') return s;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
  let total = 0;
  for (const [, n, u] of String(s).matchAll(/([\d.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * units[u!]!;
  return Math.round(String(s).startsWith('-') ? -total : total);
}

// ---------------------------------------------------------------- protobuf → JSON

function messageToJson(type: Type, m: Obj, embedded: EmbeddedDecoder): unknown {
  switch (type.fullName) {
    case TIME:
      return timeString(m, false);
    case MICRO_TIME:
      return timeString(m, true);
    case DURATION:
      return goDuration(num(m.duration ?? 0));
    case QUANTITY:
      return m.string ?? '';
    case INT_OR_STRING:
      return num(m.type ?? 0) === 1 ? (m.strVal ?? '') : num(m.intVal ?? 0);
    case RAW_EXTENSION:
      return rawJson(m.raw, embedded);
    case FIELDS_V1:
      return rawJson(m.Raw, embedded);
  }
  if (STRING_LISTS.has(type.fullName)) return [...(m.items ?? [])];
  return toJson(type, m, embedded);
}

function rawJson(raw: Uint8Array | undefined, embedded: EmbeddedDecoder): unknown {
  if (!raw?.length) return undefined;
  const nested = embedded(raw);
  if (nested) return nested;
  return JSON.parse(Buffer.from(raw).toString('utf8'));
}

function valueToJson(f: Field, v: unknown, embedded: EmbeddedDecoder): unknown {
  if (f.resolvedType && 'fieldsArray' in f.resolvedType) return messageToJson(f.resolvedType as Type, v as Obj, embedded);
  if (f.type === 'bytes') return Buffer.from(v as Uint8Array).toString('base64');
  if (['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64', 'int32', 'uint32', 'sint32', 'double', 'float'].includes(f.type)) return num(v);
  return v;
}

/** A decoded message as the JSON object Go's encoding/json would produce (omitempty approximated, see KEEP_ZERO). */
export function toJson(type: Type, m: Obj, embedded: EmbeddedDecoder): Obj {
  const out: Obj = {};
  for (const f of type.fieldsArray) {
    if (!Object.hasOwn(m, f.name)) continue;
    const v = m[f.name];
    if (v === null || v === undefined) continue;
    const name = jsonName(f);
    if (isInline(f)) {
      Object.assign(out, valueToJson(f, v, embedded));
      continue;
    }
    if (f.map) {
      const entries = Object.entries(v as Obj);
      if (entries.length) out[name] = Object.fromEntries(entries.map(([k, x]) => [k, valueToJson(f, x, embedded)]));
    } else if (f.repeated) {
      if ((v as unknown[]).length) out[name] = (v as unknown[]).map((x) => valueToJson(f, x, embedded));
    } else {
      const j = valueToJson(f, v, embedded);
      if (j === undefined || (isZero(j) && !KEEP_ZERO.has(name))) continue;
      out[name] = j;
    }
  }
  return out;
}

// ---------------------------------------------------------------- JSON → protobuf

function messageFromJson(type: Type, v: unknown): unknown {
  switch (type.fullName) {
    case TIME:
    case MICRO_TIME:
      return parseTime(v);
    case DURATION:
      return { duration: parseGoDuration(v) };
    case QUANTITY:
      return { string: String(v) };
    case INT_OR_STRING:
      return typeof v === 'number' ? { type: 0, intVal: v } : { type: 1, strVal: String(v) };
    case RAW_EXTENSION:
      return { raw: Buffer.from(JSON.stringify(v)) };
    case FIELDS_V1:
      return { Raw: Buffer.from(JSON.stringify(v)) };
  }
  if (STRING_LISTS.has(type.fullName)) return { items: Array.isArray(v) ? v.map(String) : [] };
  return typeof v === 'object' && v !== null ? fromJson(type, v as Obj) : undefined;
}

function valueFromJson(f: Field, v: unknown): unknown {
  if (f.resolvedType && 'fieldsArray' in f.resolvedType) return messageFromJson(f.resolvedType as Type, v);
  switch (f.type) {
    case 'bytes':
      return Buffer.from(String(v), 'base64');
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'bool':
      return Boolean(v);
    default:
      return Number(v);
  }
}

/** A JSON object as a plain object protobufjs can encode with `type`. Fields the message lacks are dropped. */
export function fromJson(type: Type, o: Obj): Obj {
  const out: Obj = {};
  for (const f of type.fieldsArray) {
    if (isInline(f)) {
      out[f.name] = valueFromJson(f, o);
      continue;
    }
    const v = o[jsonName(f)];
    if (v === null || v === undefined) continue;
    if (f.map) {
      if (typeof v === 'object')
        out[f.name] = Object.fromEntries(
          Object.entries(v as Obj)
            .filter(([, x]) => x !== null && x !== undefined)
            .map(([k, x]) => [k, valueFromJson(f, x)]),
        );
    } else if (f.repeated) {
      if (Array.isArray(v)) out[f.name] = v.filter((x) => x !== null && x !== undefined).map((x) => valueFromJson(f, x));
    } else {
      const p = valueFromJson(f, v);
      if (p !== undefined) out[f.name] = p;
    }
  }
  return out;
}
