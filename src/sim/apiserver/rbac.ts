// ServiceAccount tokens and RBAC, as far as least-privilege credentials need them: a bearer token that is the
// `token` of a kubernetes.io/service-account-token Secret authenticates as that ServiceAccount; its requests are
// allowed by the Roles (and ClusterRoles) bound to it by RoleBindings in the request's namespace and by
// ClusterRoleBindings. Rules match apiGroups, resources (resource/subresource) and verbs, with "*".
import type { Obj } from './merge.js';
import type { Store } from './store.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export function serviceAccountOf(store: Store, token: string | undefined): ServiceAccountRef | undefined {
  if (!token) return undefined;
  const encoded = Buffer.from(token, 'utf8').toString('base64');
  const s = store.list('/secrets').find((x) => x.type === 'kubernetes.io/service-account-token' && x.data?.token === encoded);
  const name = s?.metadata?.annotations?.['kubernetes.io/service-account.name'];
  return s && name ? { namespace: s.metadata.namespace, name } : undefined;
}

const matches = (list: string[] | undefined, value: string) => (list ?? []).some((x) => x === '*' || x === value);

function rulesAllow(rules: Obj[] | undefined, verb: string, group: string, resource: string): boolean {
  return (rules ?? []).some((r) => matches(r.apiGroups, group) && matches(r.resources, resource) && matches(r.verbs, verb));
}

const boundTo = (b: Obj, sa: ServiceAccountRef) => (b.subjects ?? []).some((s: Obj) => s.kind === 'ServiceAccount' && s.name === sa.name && (s.namespace ?? b.metadata?.namespace) === sa.namespace);

export function allowed(store: Store, sa: ServiceAccountRef, verb: string, group: string, resource: string, namespace: string | undefined): boolean {
  const RBAC = 'rbac.authorization.k8s.io';
  const roleRules = (ref: Obj, ns: string | undefined) => (ref.kind === 'ClusterRole' ? store.get(`${RBAC}/clusterroles`, undefined, ref.name) : store.get(`${RBAC}/roles`, ns, ref.name))?.rules;
  if (namespace) {
    for (const b of store.list(`${RBAC}/rolebindings`, namespace)) if (boundTo(b, sa) && rulesAllow(roleRules(b.roleRef ?? {}, namespace), verb, group, resource)) return true;
  }
  for (const b of store.list(`${RBAC}/clusterrolebindings`)) if (boundTo(b, sa) && rulesAllow(roleRules(b.roleRef ?? {}, undefined), verb, group, resource)) return true;
  return false;
}

export const userOf = (sa: ServiceAccountRef) => `system:serviceaccount:${sa.namespace}:${sa.name}`;
