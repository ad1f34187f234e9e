// Admission of an object about to be stored: its apiVersion/kind, the CRD's structural schema and its
// validation rules (cel.ts), name and CRD rules, then the validating webhooks. Create, update, patch and apply
// all pass through admit().
import { validateCel } from './cel.js';
import { ApiError } from './errors.js';
import { isObj, type Obj } from './merge.js';
import { apiVersionOf, type ResourceInfo } from './resources.js';
import { applySchema, type Cause } from './schema.js';
import type { Store } from './store.js';
import { callWebhooks } from './webhooks.js';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE';
  dryRun: boolean;
  /** fieldValidation=Strict: unknown fields are errors, not pruned silently. */
  strict: boolean;
  /** Writes to a subresource (status) skip the webhooks. */
  subresource?: string;
  store: Store;
}

/** Schema, metadata and admission checks shared by create/update/patch. Returns the object to store. */
export async function admit(res: ResourceInfo, obj: Obj, old: Obj | undefined, req: AdmissionRequest): Promise<Obj> {
  if (!isObj(obj.metadata)) obj.metadata = {};
  obj.apiVersion = apiVersionOf(res);
  obj.kind = res.kind;
  if (res.schema) {
    const r = applySchema(obj, res.schema);
    const causes: Cause[] = [...r.errors];
    causes.push(...validateCel(res.schema, r.value, old, causes).errors);
    if (req.strict) for (const u of r.unknown) causes.push({ field: u, message: `unknown field "${u}"`, reason: 'FieldValueInvalid' });
    if (causes.length) {
      const name = obj.metadata.name ?? '';
      throw new ApiError(422, 'Invalid', `${res.kind}.${res.group} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name, group: res.group, kind: res.kind, causes });
    }
    obj = r.value;
  }
  if (res.plural === 'customresourcedefinitions') validateCrd(obj);
  if (!req.subresource) await callWebhooks(req.store, res, obj, old, req.operation, req.dryRun);
  return obj;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateName(res: ResourceInfo, name: string): void {
  const label = ['namespaces', 'services'].includes(res.plural);
  const ok = label ? DNS1123_LABEL.test(name) && name.length <= 63 : DNS1123_SUBDOMAIN.test(name) && name.length <= 253;
  if (!ok && res.plural !== 'selfsubjectaccessreviews') {
    const rule = label
      ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
      : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    throw new ApiError(422, 'Invalid', `${res.kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": ${rule}`, {
      name,
      kind: res.kind,
      causes: [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${rule}` }],
    });
  }
}

function validateCrd(crd: Obj): void {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const causes: Cause[] = [];
  if (!spec.group) causes.push({ field: 'spec.group', message: 'Required value', reason: 'FieldValueRequired' });
  if (!names.plural) causes.push({ field: 'spec.names.plural', message: 'Required value', reason: 'FieldValueRequired' });
  if (!names.kind) causes.push({ field: 'spec.names.kind', message: 'Required value', reason: 'FieldValueRequired' });
  if (!Array.isArray(spec.versions) || !spec.versions.length) causes.push({ field: 'spec.versions', message: 'Invalid value: must have exactly one version marked as storage version', reason: 'FieldValueInvalid' });
  if (names.plural && spec.group && crd.metadata?.name !== `${names.plural}.${spec.group}`)
    causes.push({ field: 'metadata.name', message: `Invalid value: "${crd.metadata?.name}": must be spec.names.plural+"."+spec.group`, reason: 'FieldValueInvalid' });
  if (causes.length)
    throw new ApiError(422, 'Invalid', `CustomResourceDefinition.apiextensions.k8s.io "${crd.metadata?.name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, {
      name: crd.metadata?.name,
      group: 'apiextensions.k8s.io',
      kind: 'CustomResourceDefinition',
      causes,
    });
}
