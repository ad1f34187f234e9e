// What the node-pool commands share: their options, references, the "n/N nodes ready" check, and a client for
// the hosted cluster's own API (read through its admin kubeconfig).
import { usageError } from '../../errors.js';
import { findCondition } from '../../kube/conditions.js';
import type { Check, Kube, KubeObject } from '../../kube/types.js';
import { clusterNotFound, hostedClusterRef, isNodePoolOf, nodePoolsIn, type HostedCluster, type NodePool } from '../../model/index.js';
import { HS_API } from '../../manifests/hypershift.js';
import { canonical, covers } from '../../manifests/immutable.js';
import type { NodePoolSpec } from '../../manifests/nodepool.js';
import type { VmShape } from './capacity-need.js';
import type { Step } from '../../run/step.js';
import { adminKubeconfigSource } from '../cluster/hosted-cluster.js';

export interface NodePoolOptions {
  /** The NodePool. */
  name: string;
  /** The HostedCluster it belongs to (check-nodepool finds it from the NodePool when not given). */
  clusterName?: string;
  namespace: string;
  timeoutMs: number;
  replicas?: number;
  /** nodepool create: the NodePool to make (an empty release image means the control plane's). */
  spec?: NodePoolSpec;
  /** --skip-capacity-check: add VMs even when they do not fit (hcp-kv capacity). */
  skipCapacityCheck?: boolean;
}

/** What the check steps hand on: the cluster found from the NodePool, the release image chosen. */
export interface NodePoolState {
  clusterName?: string;
  releaseImage?: string;
  /** nodepool delete: the NodePool was already being deleted (its deletionTimestamp) when the command started. */
  deletingSince?: string;
}

/** The node-pool commands' step ids (create, scale and delete share them; test/run/step-ids.test.ts compares them). */
export const NODEPOOL_STEP_IDS = ['check-new-nodepool', 'check-nodepool', 'apply-nodepool', 'scale-nodepool', 'delete-nodepool', 'wait-nodepool-replicas', 'wait-nodepool-gone', 'check-nodes'] as const;
export type NodePoolStepId = (typeof NODEPOOL_STEP_IDS)[number];
export type NodePoolStep = Step<NodePoolOptions, NodePoolState, NodePoolStepId>;

export type { NodePool } from '../../model/index.js';

export const hcRefOf = (name: string, namespace: string) => ({ apiVersion: HS_API, kind: 'HostedCluster', name, namespace });
export const npRefOf = (name: string, namespace: string) => ({ apiVersion: HS_API, kind: 'NodePool', name, namespace });
export const POOL_LABEL = 'hypershift.openshift.io/nodepool-name';
export const NODE_POOL_LABEL = 'hypershift.openshift.io/nodePool';

/** The settings `nodepool create` sets that differ between a live NodePool and the one requested, as
 * "path (live X, requested Y)": a re-run (or a concurrent run) with the same settings adopts the pool, any
 * difference is refused — create never changes an existing pool. */
export function nodePoolDifferences(live: KubeObject, desired: KubeObject): string[] {
  const at = (o: KubeObject, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o.spec);
  const kv = (o: KubeObject) => Object.keys((at(o, 'platform.kubevirt') as Record<string, unknown> | undefined) ?? {});
  const paths = ['clusterName', 'replicas', 'release.image', 'management.upgradeType', ...[...new Set([...kv(live), ...kv(desired)])].sort().map((k) => `platform.kubevirt.${k}`)];
  return paths.filter((p) => !covers(at(live, p), at(desired, p))).map((p) => `spec.${p} (live ${canonical(at(live, p))}, requested ${canonical(at(desired, p))})`);
}

/** Exit 2 naming the hosted clusters that do exist. */
export async function requireCluster(kube: Kube, name: string, namespace: string): Promise<HostedCluster> {
  const hc = await kube.get<HostedCluster>(hostedClusterRef({ name, namespace }));
  if (hc) return hc;
  throw await clusterNotFound(kube, { name, namespace });
}

/** Exit 2 naming the node pools that do exist (of the cluster, when given). */
export async function requireNodePool(kube: Kube, name: string, namespace: string, clusterName?: string): Promise<NodePool> {
  const np = await kube.get<NodePool>(npRefOf(name, namespace));
  if (np && (!clusterName || isNodePoolOf(clusterName)(np))) return np;
  const names = (await nodePoolsIn(kube, namespace, clusterName || undefined)).map((n) => n.metadata.name);
  const of = clusterName ? ` of hosted cluster ${clusterName}` : '';
  throw usageError(`node pool ${namespace}/${name}${of} not found`, names.length ? `node pools${of} in ${namespace}: ${names.join(', ')}` : `there are no node pools${of} in ${namespace} (hcp-kv nodepool list)`);
}

/** Done when the NodePool has as many Ready nodes as it wants, at its current generation; reports n/N. */
export function replicasReady(np: NodePool | undefined): Check {
  if (!np) return { failed: 'the NodePool was deleted while waiting' };
  const want = np.spec?.replicas ?? 0;
  const have = np.status?.replicas ?? 0;
  const ready = findCondition(np, 'Ready');
  const current = ready?.observedGeneration === undefined || np.metadata.generation === undefined || ready.observedGeneration >= np.metadata.generation;
  if (have === want && ready?.status === 'True' && current) return { done: true };
  const why = findCondition(np, 'AllMachinesReady');
  const detail = why?.status === 'False' ? (why.message ?? '').replace(/^\d+ of \d+ machines are ready:?\s*/, '') : '';
  const count = have > want ? `${have} nodes, scaling down to ${want}` : `${have}/${want} nodes ready`;
  return { done: false, reason: `${count}${detail ? `: ${detail}` : ''}` };
}

/** Runs `fn` with a client for the hosted cluster's API, built in memory from its admin kubeconfig Secret
 * (inline credentials only: see src/kube/cluster-kubeconfig.ts) and bound to the command's limits. */
export async function withGuest<T>(kube: Kube, cluster: { name: string; namespace: string }, fn: (guest: Kube) => Promise<T>): Promise<T> {
  const { withClusterKubeconfig, limitsOf } = await import('../../kube/cluster-kubeconfig.js');
  return withClusterKubeconfig(await adminKubeconfigSource(kube, cluster), { limits: limitsOf(kube) }, fn);
}
