// Everything diagnose looks at, read once (list/get, no watches): the hosted cluster's objects on the
// management cluster and the cluster-wide prerequisites they depend on.
import type { Kube, KubeObject } from '../kube/types.js';
import { controlPlaneNamespace } from '../manifests/hypershift.js';
import {
  nodePoolsIn,
  readHostedCluster,
  type DataVolume,
  type Event,
  type HostedCluster,
  type IngressController,
  type IPAddressPool,
  type Node,
  type NodePool,
  type Service,
  type VirtualMachine,
  type VirtualMachineInstance,
} from '../model/index.js';
import { supportedVersions } from '../preflight/checks.js';

export interface Snapshot {
  name: string;
  namespace: string;
  hc?: HostedCluster;
  nodePools: NodePool[];
  services: Service[];
  events: Event[];
  vms: VirtualMachine[];
  dataVolumes: DataVolume[];
  storageClasses: KubeObject[];
  ingressController?: IngressController;
  pools: IPAddressPool[];
  loadBalancers: Service[];
  nodes: Node[];
  vmis: VirtualMachineInstance[];
  supportedVersions?: string[];
}

export async function takeSnapshot(kube: Kube, o: { name: string; namespace: string }): Promise<Snapshot> {
  const cp = controlPlaneNamespace(o.namespace, o.name);
  const maybe = async <T extends KubeObject>(apiVersion: string, kind: string, namespace?: string) => ((await kube.hasKind(apiVersion, kind)) ? kube.list<T>(apiVersion, kind, namespace ? { namespace } : {}) : []);
  const model = await readHostedCluster(kube, o);
  const hc = model?.hostedCluster;
  const nodePools = model?.nodePools ?? (await nodePoolsIn(kube, o.namespace, o.name));
  const services = await kube.list<Service>('v1', 'Service', { namespace: cp });
  const events = await kube.list<Event>('v1', 'Event', { namespace: cp });
  const allServices = await kube.list<Service>('v1', 'Service');
  const supported = await supportedVersions({ kube });
  return {
    name: o.name,
    namespace: o.namespace,
    hc,
    nodePools,
    services,
    events,
    vms: await maybe<VirtualMachine>('kubevirt.io/v1', 'VirtualMachine', cp),
    vmis: await maybe<VirtualMachineInstance>('kubevirt.io/v1', 'VirtualMachineInstance'),
    dataVolumes: await maybe<DataVolume>('cdi.kubevirt.io/v1beta1', 'DataVolume', cp),
    storageClasses: await kube.list('storage.k8s.io/v1', 'StorageClass'),
    ingressController: (await kube.hasKind('operator.openshift.io/v1', 'IngressController'))
      ? await kube.get<IngressController>({ apiVersion: 'operator.openshift.io/v1', kind: 'IngressController', name: 'default', namespace: 'openshift-ingress-operator' })
      : undefined,
    pools: await maybe<IPAddressPool>('metallb.io/v1beta1', 'IPAddressPool'),
    loadBalancers: allServices.filter((s) => s.spec?.type === 'LoadBalancer'),
    nodes: await kube.list<Node>('v1', 'Node'),
    supportedVersions: supported,
  };
}
