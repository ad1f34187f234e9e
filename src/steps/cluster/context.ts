// Not a step: what the create-cluster and destroy-cluster steps share (options, context, values handed on).
import type { ClusterInput, ClusterRequest, InputSecrets } from '../../config/cluster.js';
import { HcpError } from '../../errors.js';
import type { ClusterSpec } from '../../manifests/hypershift.js';
import type { Step, StepContext } from '../../run/step.js';

export interface CreateOptions extends ClusterInput {
  wait: boolean;
  skipVersionCheck: boolean;
  /** --skip-capacity-check: create even when the control plane or the VMs do not fit (hcp-kv capacity). */
  skipCapacityCheck?: boolean;
  kubeconfigOut: string;
  force: boolean;
  engine: 'native' | 'hypershift';
  /** Writes the kubeconfig file; the demo passes false. */
  writeKubeconfig: boolean;
  /** --engine hypershift: the user's upstream flags, checked and formatted (config/hypershift-args). */
  passThrough?: string[];
  /** --image-content-sources-from-management: copy the management cluster's digest mirror rules (mirror-coverage). */
  imageContentSourcesFromManagement?: boolean;
  /** --skip-mirror-check: create even when images are not covered by a mirror rule (mirror-coverage). */
  skipMirrorCheck?: boolean;
}

/** The release a run creates: its image, and its version when known (else learned from the operator). */
export interface ResolvedRelease {
  readonly image: string;
  readonly version?: string;
}

/**
 * Completed (hypershift's CompletedCreateOptions, openshift/hypershift cmd/cluster/core/create.go
 * @3ee9615567acffaf3e3ee25c2ca2942d650565cf `Complete`): what check-cluster decides against the management
 * cluster, as a new value in the run's state — the options themselves are never changed.
 */
export interface CompletedCluster {
  /** The request with the placement and etcd StorageClass recorded by bootstrap where the flags left them out. */
  readonly request: ClusterRequest;
  /** Resolved through the ClusterImageSets, or the existing cluster's (a re-run keeps it). */
  readonly release: ResolvedRelease;
  /** The input's secrets, plus the SSH key pair --generate-ssh made (or found). */
  readonly secrets: InputSecrets & { readonly sshPrivateKey?: string };
  /** What came from the recorded settings (hcp-kv/hcp-kv-settings), for messages. */
  readonly recorded: readonly string[];
}

/** What the create-cluster steps hand each other in one run (all chosen by check-cluster). */
export interface CreateState {
  /** The existing cluster's infraID on a re-run, else a new one. */
  infraID?: string;
  /** The existing etcd encryption key on a re-run (never rotated), else a new one. */
  etcdKey?: string;
  /** The HostedCluster existed when check-cluster read it: apply-cluster then only creates what is missing. */
  existed?: boolean;
  /** The management cluster's apps domain (Ingress config), for the ingress passthrough Route. */
  appsDomain?: string;
  /** check-cluster's completion of the options: what every later step builds from. */
  cluster?: CompletedCluster;
}

export type ClusterContext = StepContext<CreateOptions, CreateState>;
/** create-cluster's step ids, in the order of CREATE_CLUSTER_STEPS (test/run/step-ids.test.ts compares them). */
export const CREATE_STEP_IDS = ['check-cluster', 'mirror-coverage', 'apply-cluster', 'ingress-passthrough', 'wait-vms', 'wait-available', 'wait-nodepool', 'wait-version', 'write-kubeconfig'] as const;
export type CreateStepId = (typeof CREATE_STEP_IDS)[number];
export type ClusterStep = Step<CreateOptions, CreateState, CreateStepId>;

export interface DestroyOptions {
  name: string;
  namespace: string;
  timeoutMs: number;
  /** kubectl's --ignore-not-found: a cluster that does not exist is not an error. */
  ignoreNotFound?: boolean;
  /** How long the deletion may take before it is forced (force) or fails naming what holds it; default timeoutMs. */
  gracePeriodMs?: number;
  /** After the grace period, remove the finalizers the deletion is stuck on. */
  force?: boolean;
  /** Annotate hypershift.openshift.io/cleanup-cloud-resources=true before deleting. */
  destroyCloudResources?: boolean;
  /** The kubeconfig file create-cluster wrote for it (default NAME-kubeconfig): removed when unchanged. */
  kubeconfigFile?: string;
}

/** delete-hosted-cluster hands on what it read of the HostedCluster before deleting it. */
export interface DestroyState {
  infraID?: string;
  /** The HostedCluster this run saw (and deleted): only it is deleted, only its secrets are removed. */
  uid?: string;
  /** Its admin kubeconfig, read before the deletion, to tell whether the local file is the one hcp-kv wrote. */
  kubeconfig?: string;
}

/** destroy-cluster's step ids, in the order of DESTROY_STEPS. */
export const DESTROY_STEP_IDS = ['mark-cleanup', 'delete-hosted-cluster', 'wait-deleted', 'delete-secrets', 'remove-kubeconfig'] as const;
export type DestroyStepId = (typeof DESTROY_STEP_IDS)[number];
export type DestroyStep = Step<DestroyOptions, DestroyState, DestroyStepId>;

/** The completed options; every step after check-cluster has them. */
export function completed(ctx: Pick<ClusterContext, 'state' | 'opts'>): CompletedCluster {
  if (!ctx.state.cluster) throw new HcpError(`create-cluster ${ctx.opts.name}: check-cluster has not completed the options`, { hint: 'run create-cluster without --only/--skip check-cluster' });
  return ctx.state.cluster;
}

/** The release as far as it is known now: completed by check-cluster, else what the command line named. */
export function currentRelease(ctx: Pick<ClusterContext, 'state' | 'opts'>): ResolvedRelease {
  return ctx.state.cluster?.release ?? { image: ctx.opts.release.image ?? '', ...(ctx.opts.release.version ? { version: ctx.opts.release.version } : {}) };
}

/** The manifest builders' input: the completed request, the infraID check-cluster chose and the resolved image. */
export function clusterSpec(ctx: ClusterContext): ClusterSpec {
  const c = completed(ctx);
  return { ...c.request, infraID: ctx.state.infraID!, releaseImage: c.release.image };
}
