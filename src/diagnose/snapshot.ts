// Everything diagnose looks at, read once (list/get, no watches): the hosted cluster's objects on the
// management cluster and the cluster-wide prerequisites they depend on.
import type { Kube, KubeObject } from '../kube/types.js';
import { controlPlaneNamespace, HS_API } from '../manifests/hypershift.js';

export interface Snapshot {
  name: string;
  namespace: string;
  hc?: KubeObject;
  nodePools: KubeObject[];
  services: KubeObject[];
  events: KubeObject[];
  vms: KubeObject[];
  dataVolumes: KubeObject[];
  storageClasses: KubeObject[];
  ingressController?: KubeObject;
  pools: KubeObject[];
  loadBalancers: KubeObject[];
  nodes: KubeObject[];
  vmis: KubeObject[];
  supportedVersions?: string[];
}

export async function takeSnapshot(kube: Kube, o: { name: string; namespace: string }): Promise<Snapshot> {
  const cp = controlPlaneNamespace(o.namespace, o.name);
  const maybe = async (apiVersion: string, kind: string, namespace?: string) => ((await kube.hasKind(apiVersion, kind)) ? kube.list(apiVersion, kind, namespace ? { namespace } : {}) : []);
  const hc = await kube.get({ apiVersion: HS_API, kind: 'HostedCluster', name: o.name, namespace: o.namespace });
  const nodePools = (await kube.list(HS_API, 'NodePool', { namespace: o.namespace })).filter((np) => (np.spec as { clusterName?: string } | undefined)?.clusterName === o.name);
  const services = await kube.list('v1', 'Service', { namespace: cp });
  const events = await kube.list('v1', 'Event', { namespace: cp });
  const allServices = await kube.list('v1', 'Service');
  const cm = await kube.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', name: 'supported-versions', namespace: 'hypershift' });
  let supportedVersions: string[] | undefined;
  try {
    supportedVersions = cm?.data?.['supported-versions'] ? (JSON.parse(cm.data['supported-versions']) as { versions?: string[] }).versions : undefined;
  } catch {
    supportedVersions = undefined;
  }
  return {
    name: o.name,
    namespace: o.namespace,
    hc,
    nodePools,
    services,
    events,
    vms: await maybe('kubevirt.io/v1', 'VirtualMachine', cp),
    vmis: await maybe('kubevirt.io/v1', 'VirtualMachineInstance'),
    dataVolumes: await maybe('cdi.kubevirt.io/v1beta1', 'DataVolume', cp),
    storageClasses: await kube.list('storage.k8s.io/v1', 'StorageClass'),
    ingressController: (await kube.hasKind('operator.openshift.io/v1', 'IngressController')) ? await kube.get({ apiVersion: 'operator.openshift.io/v1', kind: 'IngressController', name: 'default', namespace: 'openshift-ingress-operator' }) : undefined,
    pools: await maybe('metallb.io/v1beta1', 'IPAddressPool'),
    loadBalancers: allServices.filter((s) => (s.spec as { type?: string } | undefined)?.type === 'LoadBalancer'),
    nodes: await kube.list('v1', 'Node'),
    supportedVersions,
  };
}
