// Pod create/update validation as kube-apiserver's ValidatePodCreate/ValidatePodUpdate
// (kubernetes/kubernetes pkg/apis/core/validation/validation.go @000f26050b9be6fb3d79fae95e06b47fc96128cd):
// a pod's spec is immutable except
//   `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds` (nil → positive,
//   or lowered), `spec.tolerations` (only additions; tolerationSeconds may change),
//   `spec.terminationGracePeriodSeconds` (to 1 when it was negative), `spec.schedulingGates` (only removals),
//   and, while the pod is gated, additions to `spec.nodeSelector` and changes of `spec.affinity.nodeAffinity`.
// spec.nodeName is set only through the pods/binding subresource (binding.ts).
import { ApiError } from './errors.js';
import { clone, deepEqual, isObj, type Obj } from './merge.js';
import type { Cause } from './schema.js';

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function invalid(name: string, causes: Cause[]): ApiError {
  return new ApiError(422, 'Invalid', `Pod "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name, kind: 'Pod', causes });
}

/** Semantic equality: nil and empty lists/maps are equal, as apiequality.Semantic.DeepEqual. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalize) : undefined;
  if (!isObj(v)) return v === null ? undefined : v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const n = normalize(x);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

export function validatePodCreate(pod: Obj): void {
  if (pod.spec?.nodeName && (pod.spec?.schedulingGates?.length ?? 0) > 0) {
    throw invalid(pod.metadata?.name ?? '', [{ field: 'spec.nodeName', reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set until all schedulingGates have been cleared' }]);
  }
  if ((pod.spec?.ephemeralContainers?.length ?? 0) > 0) {
    throw invalid(pod.metadata?.name ?? '', [{ field: 'spec.ephemeralContainers', reason: 'FieldValueForbidden', message: 'Forbidden: cannot be set on create' }]);
  }
}

function containerErrors(next: Obj[] | undefined, old: Obj[] | undefined, path: string): { causes: Cause[]; stop: boolean } {
  const n = next ?? [];
  const o = old ?? [];
  if (n.length !== o.length) return { causes: [{ field: path, reason: 'FieldValueForbidden', message: 'Forbidden: pod updates may not add or remove containers' }], stop: true };
  const causes: Cause[] = [];
  n.forEach((c, i) => {
    if (!c?.image) causes.push({ field: `${path}[${i}].image`, reason: 'FieldValueRequired', message: 'Required value' });
    else if (String(c.image).trim() !== c.image) causes.push({ field: `${path}[${i}].image`, reason: 'FieldValueInvalid', message: `Invalid value: "${c.image}": must not have leading or trailing whitespace` });
  });
  return { causes, stop: false };
}

function tolerationErrors(next: Obj[] | undefined, old: Obj[] | undefined): Cause[] {
  for (const o of old ?? []) {
    const found = (next ?? []).some((n) => deepEqual(normalize({ ...o, tolerationSeconds: n.tolerationSeconds }), normalize(n)));
    if (!found) return [{ field: 'spec.tolerations', reason: 'FieldValueForbidden', message: 'Forbidden: existing toleration can not be modified except its tolerationSeconds' }];
  }
  return [];
}

function gateErrors(next: Obj[] | undefined, old: Obj[] | undefined): Cause[] {
  const had = new Set((old ?? []).map((g) => g.name));
  const added = (next ?? []).find((g) => !had.has(g.name));
  return added ? [{ field: 'spec.schedulingGates', reason: 'FieldValueForbidden', message: `Forbidden: only deletion is allowed, but found new scheduling gate '${added.name}'` }] : [];
}

function deadlineErrors(next: unknown, old: unknown): Cause[] {
  const field = 'spec.activeDeadlineSeconds';
  if (next !== undefined && next !== null) {
    const v = Number(next);
    if (v < 0 || v > 2147483647) return [{ field, reason: 'FieldValueInvalid', message: `Invalid value: ${v}: must be between 0 and 2147483647, inclusive` }];
    if (old !== undefined && old !== null && Number(old) < v) return [{ field, reason: 'FieldValueInvalid', message: `Invalid value: ${v}: must be less than or equal to previous value` }];
  } else if (old !== undefined && old !== null) return [{ field, reason: 'FieldValueInvalid', message: 'Invalid value: "null": must not update from a positive integer to nil value' }];
  return [];
}

/** The paths where two specs differ (a readable stand-in for the cmp.Diff kube appends). */
function diffPaths(a: unknown, b: unknown, path = 'spec'): string[] {
  if (deepEqual(normalize(a), normalize(b))) return [];
  if (isObj(a) && isObj(b)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => diffPaths(a[k], b[k], `${path}.${k}`));
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => diffPaths(x, b[i], `${path}[${i}]`));
  return [`${path}: ${JSON.stringify(a ?? null)} -> ${JSON.stringify(b ?? null)}`];
}

/** ValidatePodUpdate for writes to the pod itself (not /status, not /binding). Throws 422 Invalid. */
export function validatePodUpdate(next: Obj, old: Obj): void {
  const name = old.metadata?.name ?? '';
  const ns: Obj = next.spec ?? {};
  const os: Obj = old.spec ?? {};
  const causes: Cause[] = [];
  for (const key of ['containers', 'initContainers']) {
    const r = containerErrors(ns[key], os[key], `spec.${key}`);
    causes.push(...r.causes);
    if (r.stop) throw invalid(name, causes);
  }
  causes.push(...deadlineErrors(ns.activeDeadlineSeconds, os.activeDeadlineSeconds), ...tolerationErrors(ns.tolerations, os.tolerations), ...gateErrors(ns.schedulingGates, os.schedulingGates));
  const munged: Obj = clone(ns);
  for (const key of ['containers', 'initContainers']) {
    if (Array.isArray(munged[key])) munged[key] = munged[key].map((c: Obj, i: number) => ({ ...c, image: os[key][i].image }));
  }
  for (const key of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (os[key] === undefined) delete munged[key];
    else munged[key] = clone(os[key]);
  }
  if (Number(os.terminationGracePeriodSeconds) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  if ((os.schedulingGates?.length ?? 0) > 0) {
    const oldSel: Obj = os.nodeSelector ?? {};
    if (Object.entries(oldSel).some(([k, v]) => munged.nodeSelector?.[k] !== v))
      causes.push({ field: 'spec.nodeSelector', reason: 'FieldValueInvalid', message: 'Invalid value: only additions to spec.nodeSelector are allowed (no mutations or deletions)' });
    if (os.nodeSelector === undefined) delete munged.nodeSelector;
    else munged.nodeSelector = clone(os.nodeSelector);
    if (munged.affinity || os.affinity) munged.affinity = { ...(munged.affinity ?? {}), nodeAffinity: os.affinity?.nodeAffinity };
  }
  const diff = diffPaths(os, munged);
  if (diff.length) causes.push({ field: 'spec', reason: 'FieldValueForbidden', message: `Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff.join('\n')}` });
  if (causes.length) throw invalid(name, causes);
}
