// Not a step: what a stuck deletion is waiting on (for destroy-cluster's grace period and --force, and diagnose).
import { describeObject, type Kube, type KubeObject } from '../../kube/types.js';
import { controlPlaneNamespace, HS_API } from '../../manifests/hypershift.js';
import { nodePoolsIn } from '../../model/index.js';

export const CLEANUP_ANNOTATION = 'hypershift.openshift.io/cleanup-cloud-resources';

/** Kinds in the control-plane namespace whose finalizers can hold a deletion. */
const CP_KINDS: Array<[apiVersion: string, kind: string]> = [
  ['kubevirt.io/v1', 'VirtualMachine'],
  ['kubevirt.io/v1', 'VirtualMachineInstance'],
  ['cdi.kubevirt.io/v1beta1', 'DataVolume'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'Secret'],
  ['v1', 'ConfigMap'],
  ['route.openshift.io/v1', 'Route'],
];

export interface Blocker {
  object: KubeObject;
  finalizers: string[];
}

export const describeBlocker = (b: Blocker) => `${describeObject(b.object)} (finalizer ${b.finalizers.join(', ')})`;

/** Everything of the hosted cluster that still carries finalizers: the HostedCluster, its NodePools, the objects in its control-plane namespace. */
export async function blockers(kube: Kube, o: { name: string; namespace: string }): Promise<Blocker[]> {
  const out: Blocker[] = [];
  const add = (obj: KubeObject, apiVersion: string, kind: string) => {
    const finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.length) out.push({ object: { ...obj, apiVersion, kind }, finalizers });
  };
  const hc = await kube.get({ apiVersion: HS_API, kind: 'HostedCluster', name: o.name, namespace: o.namespace });
  if (hc) add(hc, HS_API, 'HostedCluster');
  for (const np of await nodePoolsIn(kube, o.namespace, o.name)) add(np, HS_API, 'NodePool');
  const cp = controlPlaneNamespace(o.namespace, o.name);
  for (const [apiVersion, kind] of CP_KINDS) {
    if (!(await kube.hasKind(apiVersion, kind))) continue;
    for (const obj of await kube.list(apiVersion, kind, { namespace: cp })) add(obj, apiVersion, kind);
  }
  return out;
}
