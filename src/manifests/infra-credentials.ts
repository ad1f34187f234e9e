// Least-privilege credentials on an external infrastructure cluster, as docs/content/how-to/kubevirt/
// external-infrastructure.md writes them: a ServiceAccount in the VMs' namespace, the namespaced Role
// kv-external-infra-role and its binding, the ClusterRole that reads networks.config.openshift.io (for the
// virt-launcher NetworkPolicy's egress rules) and its binding, and a token Secret for the kubeconfig.
import type { KubeObject } from '../kube/types.js';

export const INFRA_SA = 'hcp-infra-sa';
export const INFRA_TOKEN_SECRET = `${INFRA_SA}-token`;
const RBAC = 'rbac.authorization.k8s.io/v1';

const ALL = ['*'];
export const INFRA_ROLE_RULES = [
  { apiGroups: ['kubevirt.io'], resources: ['virtualmachines', 'virtualmachines/finalizers', 'virtualmachineinstances'], verbs: ALL },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: ALL },
  { apiGroups: [''], resources: ['services'], verbs: ALL },
  { apiGroups: ['route.openshift.io'], resources: ['routes', 'routes/custom-host'], verbs: ALL },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices', 'endpointslices/restricted'], verbs: ALL },
  { apiGroups: [''], resources: ['secrets'], verbs: ALL },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ALL },
  { apiGroups: [''], resources: ['events'], verbs: ['get', 'create', 'update'] },
  { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshots'], verbs: ['get', 'create', 'delete'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get'] },
];

export function infraCredentialObjects(namespace: string): KubeObject[] {
  const subject = [{ kind: 'ServiceAccount', name: INFRA_SA, namespace }];
  const reader = `kv-external-infra-network-reader-${namespace}`;
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: INFRA_SA, namespace } },
    { apiVersion: RBAC, kind: 'Role', metadata: { name: 'kv-external-infra-role', namespace }, rules: INFRA_ROLE_RULES },
    { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'kv-external-infra-rolebinding', namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kv-external-infra-role' }, subjects: subject },
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: reader }, rules: [{ apiGroups: ['config.openshift.io'], resources: ['networks'], verbs: ['get'] }] },
    { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: `${reader}-binding` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: reader }, subjects: subject },
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: INFRA_TOKEN_SECRET, namespace, annotations: { 'kubernetes.io/service-account.name': INFRA_SA } } },
  ];
}

/** The kubeconfig the HostedCluster's credentials Secret carries: the infra cluster's server and CA, the token. */
export function infraKubeconfig(o: { server: string; caData?: string; insecure?: boolean; token: string; namespace: string }): string {
  const cluster = [`    server: ${o.server}`, ...(o.caData ? [`    certificate-authority-data: ${o.caData}`] : []), ...(o.insecure ? ['    insecure-skip-tls-verify: true'] : [])].join('\n');
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: infra\n  cluster:\n${cluster}\nusers:\n- name: ${INFRA_SA}\n  user:\n    token: ${o.token}\ncontexts:\n- name: infra\n  context:\n    cluster: infra\n    user: ${INFRA_SA}\n    namespace: ${o.namespace}\ncurrent-context: infra\n`;
}
