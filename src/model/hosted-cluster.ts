// One read of a hosted cluster through the Kube interface, into the typed model (src/model/generated.ts, core.ts):
// the HostedCluster, its NodePools, the pods of its control-plane namespace and, on request, its worker VMs where
// they run (the management cluster, or the infrastructure cluster its credentials Secret reaches). status, list,
// diagnose, dump, upgrade and the nodepool commands read through here.
import { usageError } from '../errors.js';
import type { Kube, KubeObject, ObjectRef } from '../kube/types.js';
import { controlPlaneNamespace, HS_API } from '../manifests/hypershift.js';
import type { Pod } from './core.js';
import type { HostedCluster, NodePool } from './generated.js';
import { readWorkers, type Workers } from './workers.js';

export const hostedClusterRef = (c: { name: string; namespace: string }): ObjectRef => ({ apiVersion: HS_API, kind: 'HostedCluster', name: c.name, namespace: c.namespace });
export const nodePoolRef = (c: { name: string; namespace: string }): ObjectRef => ({ apiVersion: HS_API, kind: 'NodePool', name: c.name, namespace: c.namespace });

/** "The NodePools of this cluster", decided in one place: a NodePool names its HostedCluster in spec.clusterName,
 * in the same namespace (openshift/hypershift api/hypershift/v1beta1/nodepool_types.go, NodePoolSpec.ClusterName). */
export const isNodePoolOf =
  (cluster: string) =>
  (np: KubeObject): boolean => {
    const spec = np.spec;
    return typeof spec === 'object' && spec !== null && 'clusterName' in spec && spec.clusterName === cluster;
  };

/** The NodePools in `namespace`, only those of `cluster` when given. */
export async function nodePoolsIn(kube: Kube, namespace: string, cluster?: string): Promise<NodePool[]> {
  const pools = await kube.list<NodePool>(HS_API, 'NodePool', { namespace });
  return cluster === undefined ? pools : pools.filter(isNodePoolOf(cluster));
}

export async function listHostedClusters(kube: Kube, namespace?: string): Promise<HostedCluster[]> {
  return kube.list<HostedCluster>(HS_API, 'HostedCluster', namespace ? { namespace } : {});
}

export interface HostedClusterModel {
  name: string;
  namespace: string;
  /** Where HyperShift runs the control plane: `<namespace>-<name>`. */
  controlPlaneNamespace: string;
  hostedCluster: HostedCluster;
  nodePools: NodePool[];
  /** With `pods`: every pod of the control-plane namespace (with local infrastructure, virt-launcher pods too). */
  pods: Pod[];
  /** With `workers`: the VMs, their instances and launcher pods, where they run. */
  workers?: Workers;
}

/** Reads the hosted cluster, or undefined when there is no such HostedCluster. */
export async function readHostedCluster(kube: Kube, c: { name: string; namespace: string }, o: { pods?: boolean; workers?: boolean } = {}): Promise<HostedClusterModel | undefined> {
  const hostedCluster = await kube.get<HostedCluster>(hostedClusterRef(c));
  if (!hostedCluster) return undefined;
  const cp = controlPlaneNamespace(c.namespace, c.name);
  const nodePools = await nodePoolsIn(kube, c.namespace, c.name);
  const pods = o.pods || o.workers ? await kube.list<Pod>('v1', 'Pod', { namespace: cp }) : [];
  const model: HostedClusterModel = { name: c.name, namespace: c.namespace, controlPlaneNamespace: cp, hostedCluster, nodePools, pods };
  if (o.workers) model.workers = await readWorkers(kube, hostedCluster, cp, pods);
  return model;
}

/** The usage error (exit 2) for a hosted cluster that does not exist, naming those that do. */
export async function clusterNotFound(kube: Kube, c: { name: string; namespace: string }): Promise<Error> {
  const names = (await listHostedClusters(kube, c.namespace)).map((h) => h.metadata.name);
  return usageError(`hosted cluster ${c.namespace}/${c.name} not found`, names.length ? `hosted clusters in ${c.namespace}: ${names.join(', ')}` : `there are no hosted clusters in ${c.namespace} (hcp-kv list -A)`);
}

/** readHostedCluster, or exit 2 naming the hosted clusters that do exist. */
export async function requireHostedCluster(kube: Kube, c: { name: string; namespace: string }, o: { pods?: boolean; workers?: boolean } = {}): Promise<HostedClusterModel> {
  const model = await readHostedCluster(kube, c, o);
  if (!model) throw await clusterNotFound(kube, c);
  return model;
}
