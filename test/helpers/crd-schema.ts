// Validates rendered manifests against the real upstream CRDs in the shipped crds folder (this validator is
// test-only). The openAPIV3Schema is turned into JSON Schema for ajv. It is stricter than kube-apiserver on one
// point on purpose: an unknown field is an error here (a real server would silently prune it, which hides typos).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { load } from 'js-yaml';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CRDS_DIR } from './fixtures.js';

type Schema = Record<string, unknown>;
interface Crd {
  spec: { group: string; names: { kind: string; plural: string }; versions: Array<{ name: string; schema?: { openAPIV3Schema: Schema } }> };
}

const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, validateFormats: true }));
// Kubernetes formats ajv does not know: accept them (kube-apiserver checks only a few).
for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'int-or-string', 'quantity', 'cidr', 'mac', 'duration']) {
  ajv.addFormat(f, true);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function toJsonSchema(s: Schema, inLogic = false): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'default' || k === 'example') continue;
    // Go regular expressions such as (?i) do not compile in JavaScript: such a pattern is not checked here.
    if (k === 'pattern' && !compiles(String(v))) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, ps]) => [p, toJsonSchema(ps, inLogic)]));
    } else if ((k === 'items' || k === 'additionalProperties') && v && typeof v === 'object') {
      out[k] = toJsonSchema(v as Schema);
    } else if (k === 'not' && v && typeof v === 'object') {
      out[k] = toJsonSchema(v as Schema, true);
    } else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      // Structural schemas use these only for value checks: their branches list a subset of properties.
      out[k] = v.map((x) => toJsonSchema(x as Schema, true));
    } else {
      out[k] = v;
    }
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (!inLogic && out.properties && out.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (s['x-kubernetes-embedded-resource'] && out.properties) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(out.properties as Schema) };
  }
  return out;
}

const cache = new Map<string, ValidateFunction>();

/** Loads `<plural>.<group>.yaml` and returns a validator for the given version. */
export function crdValidator(plural: string, group: string, version: string): ValidateFunction {
  const key = `${plural}.${group}/${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = `${CRDS_DIR}${plural}.${group}.yaml`;
  if (!existsSync(file)) throw new Error(`no upstream CRD ${file}`);
  const crd = load(readFileSync(file, 'utf8')) as Crd;
  const v = crd.spec.versions.find((x) => x.name === version);
  if (!v?.schema) throw new Error(`CRD ${plural}.${group} does not serve ${version}`);
  const schema = toJsonSchema(v.schema.openAPIV3Schema);
  // metadata is validated by the API server's ObjectMeta, not the CRD schema.
  (schema.properties as Schema).metadata = { type: 'object' };
  const fn = ajv.compile(schema);
  cache.set(key, fn);
  return fn;
}

const kindIndex = new Map<string, { plural: string; group: string }>();
function indexKinds(): void {
  if (kindIndex.size) return;
  for (const f of readdirSync(CRDS_DIR).filter((name) => name.endsWith('.yaml'))) {
    const crd = load(readFileSync(`${CRDS_DIR}${f}`, 'utf8')) as Crd;
    kindIndex.set(`${crd.spec.group}/${crd.spec.names.kind}`, { plural: crd.spec.names.plural, group: crd.spec.group });
  }
}

/** True when the crds folder has a CRD for this object's group and kind. */
export function hasUpstreamCrd(obj: { apiVersion: string; kind: string; [key: string]: unknown }): boolean {
  indexKinds();
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0]! : '';
  return kindIndex.has(`${group}/${obj.kind}`);
}

/** Returns readable schema errors for one object (empty when valid or when no upstream CRD covers it). */
export function validateAgainstCrd(obj: { apiVersion: string; kind: string; [key: string]: unknown }): string[] {
  indexKinds();
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const entry = kindIndex.get(`${group}/${obj.kind}`);
  if (!entry) return [];
  const validate = crdValidator(entry.plural, entry.group, version!);
  const kind = obj.kind;
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => `${kind} ${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
