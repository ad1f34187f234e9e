// What `hcp-kv dump` gathers, as a list of (file, objects) sections: the HostedCluster and NodePools, its
// control-plane namespace, the KubeVirt objects, the HyperShift operator, the addon and MCE, and optionally
// the hosted cluster's own Nodes, ClusterOperators and non-running pods. Secret values never leave: keys are
// kept, values replaced. In the HostedCluster's namespace, which other clusters share, only this cluster's own
// Secrets (referenced by the HostedCluster or owned by it) and events are taken.
import type { Kube, KubeObject } from '../kube/types.js';
import { controlPlaneNamespace, HS_API } from '../manifests/hypershift.js';
import { isNodePoolOf, readHostedCluster, type Event, type HostedCluster, type Pod } from '../model/index.js';

export interface Section {
  file: string;
  objects: KubeObject[];
}

export const REDACTED = '<redacted>';

/** A Secret with its keys but without its values (also dropping kubectl's copy of the last applied object). */
export function redact(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Secret') return obj;
  const hide = (m: unknown) => (m && typeof m === 'object' ? Object.fromEntries(Object.keys(m).map((k) => [k, REDACTED])) : m);
  const { managedFields: _m, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  if (metadata.annotations) {
    metadata.annotations = { ...metadata.annotations };
    delete metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
  }
  return { ...obj, metadata, ...('data' in obj ? { data: hide(obj.data) } : {}), ...('stringData' in obj ? { stringData: hide(obj.stringData) } : {}) };
}

type Source = [file: string, apiVersion: string, kind: string, namespace?: string, filter?: (o: KubeObject) => boolean];

/** Fields of a HostedCluster that name a Secret in its namespace (HyperShift v1beta1 API: spec and status). */
const SECRET_REF = /^(pullSecret|sshKey|kubeconfig|kubeadminPassword|activeKey|backupKey|infraKubeConfigSecret|.*[sS]ecret(Ref)?)$/;

/** The names of the Secrets a HostedCluster refers to, wherever in its spec and status a reference sits. */
export function referencedSecrets(hc: HostedCluster | undefined): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') {
      const name = (v as { name?: unknown }).name;
      if (SECRET_REF.test(key) && typeof name === 'string') names.add(name);
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(hc?.spec, '');
  walk(hc?.status, '');
  return names;
}

/**
 * The cluster's own objects in the HostedCluster's namespace, which other clusters share: the Secrets it refers
 * to or owns, and the events about it, its NodePools and those Secrets. Other clusters' objects stay out.
 */
async function ownObjects(kube: Kube, o: { name: string; namespace: string }): Promise<{ secret(x: KubeObject): boolean; event(x: KubeObject): boolean }> {
  const model = await readHostedCluster(kube, o);
  const uid = model?.hostedCluster.metadata.uid;
  const secrets = referencedSecrets(model?.hostedCluster);
  const pools = new Set((model?.nodePools ?? []).map((x) => x.metadata.name));
  const owned = (x: KubeObject) => Boolean(uid) && (x.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
  const secret = (x: KubeObject) => secrets.has(x.metadata.name) || owned(x);
  const event = (x: Event) => {
    const about = x.involvedObject;
    if (!about?.name) return false;
    return (about.kind === 'HostedCluster' && about.name === o.name) || (about.kind === 'NodePool' && pools.has(about.name)) || (about.kind === 'Secret' && secrets.has(about.name));
  };
  return { secret, event };
}

export async function collect(kube: Kube, o: { name: string; namespace: string }, report: (line: string) => void): Promise<{ sections: Section[]; skipped: string[] }> {
  const cp = controlPlaneNamespace(o.namespace, o.name);
  const launcher = (x: KubeObject) => x.metadata.labels?.['kubevirt.io'] === 'virt-launcher';
  const own = await ownObjects(kube, o);
  const sources: Source[] = [
    ['hostedcluster.yaml', HS_API, 'HostedCluster', o.namespace, (x) => x.metadata.name === o.name],
    ['nodepools.yaml', HS_API, 'NodePool', o.namespace, isNodePoolOf(o.name)],
    [`namespaces/${o.namespace}/secrets.yaml`, 'v1', 'Secret', o.namespace, own.secret],
    [`namespaces/${o.namespace}/events.yaml`, 'v1', 'Event', o.namespace, own.event],
    [`namespaces/${cp}/pods.yaml`, 'v1', 'Pod', cp, (x) => !launcher(x)],
    [`namespaces/${cp}/deployments.yaml`, 'apps/v1', 'Deployment', cp],
    [`namespaces/${cp}/statefulsets.yaml`, 'apps/v1', 'StatefulSet', cp],
    [`namespaces/${cp}/services.yaml`, 'v1', 'Service', cp],
    [`namespaces/${cp}/routes.yaml`, 'route.openshift.io/v1', 'Route', cp],
    [`namespaces/${cp}/persistentvolumeclaims.yaml`, 'v1', 'PersistentVolumeClaim', cp],
    [`namespaces/${cp}/configmaps.yaml`, 'v1', 'ConfigMap', cp],
    [`namespaces/${cp}/secrets.yaml`, 'v1', 'Secret', cp],
    [`namespaces/${cp}/events.yaml`, 'v1', 'Event', cp],
    ['kubevirt/virtualmachines.yaml', 'kubevirt.io/v1', 'VirtualMachine', cp],
    ['kubevirt/virtualmachineinstances.yaml', 'kubevirt.io/v1', 'VirtualMachineInstance', cp],
    ['kubevirt/datavolumes.yaml', 'cdi.kubevirt.io/v1beta1', 'DataVolume', cp],
    ['kubevirt/virt-launcher-pods.yaml', 'v1', 'Pod', cp, launcher],
    ['kubevirt/hyperconverged.yaml', 'hco.kubevirt.io/v1beta1', 'HyperConverged', 'openshift-cnv'],
    ['hypershift-operator/deployments.yaml', 'apps/v1', 'Deployment', 'hypershift'],
    ['hypershift-operator/pods.yaml', 'v1', 'Pod', 'hypershift'],
    ['hypershift-operator/configmaps.yaml', 'v1', 'ConfigMap', 'hypershift'],
    ['hypershift-operator/events.yaml', 'v1', 'Event', 'hypershift'],
    ['addon/managedclusteraddons.yaml', 'addon.open-cluster-management.io/v1alpha1', 'ManagedClusterAddOn', undefined, (x) => x.metadata.name === 'hypershift-addon'],
    ['addon/managedclusters.yaml', 'cluster.open-cluster-management.io/v1', 'ManagedCluster'],
    ['mce/multiclusterengines.yaml', 'multicluster.openshift.io/v1', 'MultiClusterEngine'],
    ['mce/clusterserviceversions.yaml', 'operators.coreos.com/v1alpha1', 'ClusterServiceVersion', 'multicluster-engine'],
    ['management/storageclasses.yaml', 'storage.k8s.io/v1', 'StorageClass'],
    ['management/nodes.yaml', 'v1', 'Node'],
    ['management/ipaddresspools.yaml', 'metallb.io/v1beta1', 'IPAddressPool'],
    ['management/ingresscontroller.yaml', 'operator.openshift.io/v1', 'IngressController', 'openshift-ingress-operator'],
  ];
  const sections: Section[] = [];
  const skipped: string[] = [];
  for (const [file, apiVersion, kind, namespace, filter] of sources) {
    if (!(await kube.hasKind(apiVersion, kind))) {
      skipped.push(`${file}: ${kind} is not served by this cluster`);
      continue;
    }
    const objects = (await kube.list(apiVersion, kind, namespace ? { namespace } : {})).filter(filter ?? (() => true)).map(redact);
    sections.push({ file, objects });
    report(`${file}: ${objects.length} × ${kind}`);
  }
  return { sections, skipped };
}

/** With --dump-guest-cluster: the hosted cluster's Nodes, ClusterOperators and the pods that are not running. */
export async function collectGuest(guest: Kube, report: (line: string) => void): Promise<Section[]> {
  const sections: Section[] = [];
  const nodes = await guest.list('v1', 'Node');
  sections.push({ file: 'guest/nodes.yaml', objects: nodes });
  if (await guest.hasKind('config.openshift.io/v1', 'ClusterOperator')) sections.push({ file: 'guest/clusteroperators.yaml', objects: await guest.list('config.openshift.io/v1', 'ClusterOperator') });
  const pods = (await guest.list<Pod>('v1', 'Pod')).filter((p) => !['Running', 'Succeeded'].includes(p.status?.phase ?? ''));
  sections.push({ file: 'guest/pods-not-running.yaml', objects: pods });
  for (const s of sections) report(`${s.file}: ${s.objects.length} objects`);
  return sections;
}
