// Not a step: what the create-cluster and destroy-cluster steps share (options, context, values handed on).
import type { ClusterInput } from '../../config/cluster.js';
import type { ClusterSpec } from '../../manifests/hypershift.js';
import type { StepContext } from '../../run/step.js';

export interface CreateOptions extends ClusterInput {
  wait: boolean;
  skipVersionCheck: boolean;
  kubeconfigOut: string;
  force: boolean;
  engine: 'native' | 'hypershift';
  /** Writes the kubeconfig file; the demo passes false. */
  writeKubeconfig: boolean;
}

export type ClusterContext = StepContext<CreateOptions>;

export const CMEMO = {
  infraID: 'cluster.infraID',
  etcdKey: 'cluster.etcdKey',
  appsDomain: 'cluster.appsDomain',
  kubeconfigPath: 'cluster.kubeconfigPath',
} as const;

/** The destroy steps hand the infraID from delete-hosted-cluster to delete-secrets. */
export const DMEMO = { infraID: 'destroy.infraID' } as const;

export interface DestroyOptions {
  name: string;
  namespace: string;
  timeoutMs: number;
}

/** The manifest builder's input: the options without what only the CLI reads, plus the infraID check-cluster chose. */
export function clusterSpec(ctx: ClusterContext): ClusterSpec {
  const { release: _r, pullSecret: _p, sshPublicKey: _s, timeoutMs: _t, wait: _w, skipVersionCheck: _v, kubeconfigOut: _k, force: _f, engine: _e, writeKubeconfig: _x, ...spec } = ctx.opts;
  return { ...spec, infraID: ctx.memo.get(CMEMO.infraID) as string };
}
