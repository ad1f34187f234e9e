// What the server serves: built-in resources plus every Established CRD. Discovery is generated from this.

export interface ResourceInfo {
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  hasStatus: boolean;
  /** Keys that identify list items for strategic merge and apply, by field path ('spec.containers'). */
  readOnly?: boolean;
  /** For CRDs: the structural schema of this version. */
  schema?: Record<string, unknown>;
  crd?: string; // CRD name when this comes from a CRD
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ_VERBS = ['get', 'list', 'watch'];

const OPENSHIFT_GROUPS = ['config.openshift.io', 'route.openshift.io', 'packages.operators.coreos.com'];

type Def = [group: string, version: string, plural: string, kind: string, namespaced: boolean, shortNames: string[], hasStatus: boolean, extra?: Partial<ResourceInfo>];

const BUILTINS: Def[] = [
  ['', 'v1', 'namespaces', 'Namespace', false, ['ns'], true, { verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }],
  ['', 'v1', 'secrets', 'Secret', true, [], false],
  ['', 'v1', 'configmaps', 'ConfigMap', true, ['cm'], false],
  ['', 'v1', 'services', 'Service', true, ['svc'], true, { categories: ['all'] }],
  ['', 'v1', 'pods', 'Pod', true, ['po'], true, { categories: ['all'] }],
  ['', 'v1', 'nodes', 'Node', false, ['no'], true],
  ['', 'v1', 'events', 'Event', true, ['ev'], false],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], true],
  ['', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv'], true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa'], false],
  ['', 'v1', 'endpoints', 'Endpoints', true, ['ep'], false],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol'], false],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true, [], false],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true, [], false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false, [], false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false, [], false],
  ['apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], true, { categories: ['all'] }],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], true, { categories: ['all'] }],
  ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, ['sc'], false],
  // Published by CSI drivers with storage capacity tracking (GA in 1.24): what each topology segment can hold.
  ['storage.k8s.io', 'v1', 'csistoragecapacities', 'CSIStorageCapacity', true, [], false],
  ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, ['crd', 'crds'], true],
  ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, [], false, { verbs: ['create'] }],
  ['admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, [], false],
  ['config.openshift.io', 'v1', 'clusterversions', 'ClusterVersion', false, [], true],
  ['config.openshift.io', 'v1', 'infrastructures', 'Infrastructure', false, [], true],
  ['config.openshift.io', 'v1', 'ingresses', 'Ingress', false, [], true],
  ['route.openshift.io', 'v1', 'routes', 'Route', true, [], true],
  // An aggregated, read-only API on real clusters; writable here so the simulated catalog can publish packages.
  ['packages.operators.coreos.com', 'v1', 'packagemanifests', 'PackageManifest', true, [], true, { verbs: READ_VERBS }],
];

/** Built-in resources; without `openshift`, only what a plain kube-apiserver serves. */
export function builtinResources(openshift = true): ResourceInfo[] {
  return BUILTINS.filter(([group]) => openshift || !OPENSHIFT_GROUPS.includes(group)).map(([group, version, plural, kind, namespaced, shortNames, hasStatus, extra]) => ({
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames,
    categories: [],
    verbs: ALL_VERBS,
    hasStatus,
    ...extra,
  }));
}

/** Resources a CRD serves (one per served version). */
export function crdResources(crd: Record<string, any>): ResourceInfo[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  return (spec.versions ?? [])
    .filter((v: any) => v.served !== false)
    .map((v: any) => ({
      group: spec.group,
      version: v.name,
      plural: names.plural,
      singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      verbs: ALL_VERBS,
      hasStatus: Boolean(v.subresources?.status),
      schema: v.schema?.openAPIV3Schema,
      crd: crd.metadata?.name,
    }));
}

export function apiVersionOf(r: Pick<ResourceInfo, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** Patch merge keys of built-in list fields (what strategic merge patch and apply use). */
export const BUILTIN_LIST_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  conditions: 'type',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tolerations: 'key',
  topologySpreadConstraints: 'topologyKey',
};
