// Helpers of the write path: list merge keys per resource, no-op comparison, the generation rule, kube's
// rules for PUT on a missing object (AllowCreateOnUpdate per resource) and for immutable Secrets/ConfigMaps.
import { ApiError } from './errors.js';
import { deepEqual, isObj, type ListKeyFn, type Obj } from './merge.js';
import { BUILTIN_LIST_KEYS, type ResourceInfo } from './resources.js';
import { schemaListKeys } from './schema.js';

/** The merge keys of a resource's lists: from the CRD schema, else the built-in table. */
export function listKeyFn(res: ResourceInfo): ListKeyFn {
  return (path, items) => {
    if (res.schema) {
      const k = schemaListKeys(res.schema, path);
      if (k !== 'unknown') return k;
    }
    const field = path[path.length - 1]!;
    if (res.crd && !res.schema?.properties) {
      if (field === 'conditions') return ['type'];
      if (items.length && items.every((i) => isObj(i) && 'name' in i)) return ['name'];
      return undefined;
    }
    if (field === 'ports') return items.some((i) => 'containerPort' in i) ? ['containerPort'] : ['port'];
    const key = BUILTIN_LIST_KEYS[field];
    if (key) return [key];
    if (res.crd && field === 'conditions') return ['type'];
    return undefined;
  };
}

export function stripVolatile(o: Obj): Obj {
  const { metadata, ...rest } = o;
  const { resourceVersion: _rv, managedFields, generation: _g, ...m } = metadata ?? {};
  // managedFields timestamps differ on every apply; compare what each manager owns, not when.
  const owners = (managedFields ?? []).map((e: Obj) => ({ manager: e.manager, operation: e.operation, subresource: e.subresource, fieldsV1: e.fieldsV1 }));
  return { ...rest, metadata: { ...m, owners } };
}

export function specOf(o: Obj): Obj {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}

/**
 * Built-in resources whose strategy has AllowCreateOnUpdate() true (a PUT to a missing object creates it):
 * kubernetes/kubernetes pkg/registry/core/service/strategy.go, core/endpoint, core/event, rbac/{role,rolebinding,
 * clusterrole,clusterrolebinding}/strategy.go. Every other built-in, every CRD (apiextensions-apiserver
 * customResourceStrategy) and CRDs themselves answer 404.
 */
const CREATE_ON_UPDATE = new Set([
  '/services',
  '/endpoints',
  '/events',
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/clusterrolebindings',
]);

export function allowCreateOnUpdate(res: ResourceInfo): boolean {
  return !res.crd && CREATE_ON_UPDATE.has(`${res.group}/${res.plural}`);
}

/**
 * ValidateConfigMapUpdate / ValidateSecretUpdate (pkg/apis/core/validation/validation.go
 * @000f26050b9be6fb3d79fae95e06b47fc96128cd): once `immutable: true`, data, binaryData and immutable itself
 * are frozen; a Secret's type never changes.
 */
export function validateImmutableData(res: ResourceInfo, next: Obj, old: Obj): void {
  if (res.group !== '' || (res.plural !== 'secrets' && res.plural !== 'configmaps')) return;
  const causes: Array<{ field: string; reason: string; message: string }> = [];
  const forbid = (field: string) => causes.push({ field, reason: 'FieldValueForbidden', message: 'Forbidden: field is immutable when `immutable` is set' });
  if (res.plural === 'secrets' && (next.type ?? 'Opaque') !== (old.type ?? 'Opaque')) causes.push({ field: 'type', reason: 'FieldValueInvalid', message: `Invalid value: "${next.type}": field is immutable` });
  if (old.immutable === true) {
    if (next.immutable !== true) forbid('immutable');
    if (!deepEqual(next.data ?? {}, old.data ?? {})) forbid('data');
    if (res.plural === 'configmaps' && !deepEqual(next.binaryData ?? {}, old.binaryData ?? {})) forbid('binaryData');
  }
  if (causes.length) throw new ApiError(422, 'Invalid', `${res.kind} "${old.metadata.name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name: old.metadata.name, kind: res.kind, causes });
}

const OPTIONS_KIND: Record<string, string> = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions', delete: 'DeleteOptions', deletecollection: 'DeleteOptions' };

/** ValidateDryRun (apimachinery pkg/apis/meta/v1/validation): only "All"; the handlers answer 422 Invalid. */
export function validateDryRun(verb: string, values: string[]): void {
  const kind = OPTIONS_KIND[verb];
  if (!kind || values.every((v) => v === 'All')) return;
  const shown = `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
  const message = `Unsupported value: ${shown}: supported values: "All"`;
  throw new ApiError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: dryRun: ${message}`, { group: 'meta.k8s.io', kind, causes: [{ field: 'dryRun', reason: 'FieldValueNotSupported', message }] });
}

/**
 * DeleteOptions.preconditions (apiserver pkg/storage/interfaces.go Preconditions.Check): a uid or
 * resourceVersion that differs from the stored object's is 409 Conflict.
 */
export function checkPreconditions(res: ResourceInfo, obj: Obj, opts: Obj): void {
  const pre = isObj(opts?.preconditions) ? opts.preconditions : undefined;
  if (!pre) return;
  let why: string | undefined;
  if (pre.uid && pre.uid !== obj.metadata.uid) why = `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`;
  else if (pre.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) why = `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`;
  if (why) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${res.plural}${res.group ? `.${res.group}` : ''} "${obj.metadata.name}": ${why}`, { name: obj.metadata.name, group: res.group, kind: res.plural });
}
