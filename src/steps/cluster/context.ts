// Not a step: what the create-cluster and destroy-cluster steps share (options, context, values handed on).
import type { ClusterInput } from '../../config/cluster.js';
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
  /** --generate-ssh: the generated (or reused) private key. */
  sshPrivateKey?: string;
  /** --image-content-sources-from-management: copy the management cluster's digest mirror rules (mirror-coverage). */
  imageContentSourcesFromManagement?: boolean;
  /** --skip-mirror-check: create even when images are not covered by a mirror rule (mirror-coverage). */
  skipMirrorCheck?: boolean;
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
}

export type ClusterContext = StepContext<CreateOptions, CreateState>;
export type ClusterStep = Step<CreateOptions, CreateState>;

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

export type DestroyStep = Step<DestroyOptions, DestroyState>;

/** The manifest builder's input: the options without what only the CLI reads, plus the infraID check-cluster chose. */
export function clusterSpec(ctx: ClusterContext): ClusterSpec {
  const { release: _r, releaseRequest: _q, pullSecret: _p, sshPublicKey: _s, sshPrivateKey: _sp, generateSsh: _g, infraKubeconfig: _ik, timeoutMs: _t, wait: _w, skipVersionCheck: _v, skipCapacityCheck: _sc, kubeconfigOut: _k, force: _f, engine: _e, writeKubeconfig: _x, passThrough: _pt, imageContentSourcesFromManagement: _icsm, skipMirrorCheck: _smc, ...spec } = ctx.opts;
  return { ...spec, infraID: ctx.state.infraID! };
}
