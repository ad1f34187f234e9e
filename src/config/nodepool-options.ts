// The nodepool command family's options (issue 18 item 2): the raw values commander hands over (one type per
// subcommand, inferred from the flags src/commands/nodepool.ts declares), and `nodepool create`'s validation
// (Raw → Validated, as hypershift's cmd/nodepool/core/create.go RawCreateOptions.Validate and
// cmd/cluster/core/create.go @3ee9615567acffaf3e3ee25c2ca2942d650565cf): every problem at once, one usage error,
// exit 2, nothing sent. The completion against the cluster (the control plane's release image) is the
// check-new-nodepool step's, handed on in the run's state.
import type { NodePoolCreateFlags } from '../commands/nodepool.js';
import { usageError } from '../errors.js';
import type { NodePoolSpec } from '../manifests/nodepool.js';
import { validateName } from './cluster.js';
import { kubevirtArch, nodePoolPieces } from './nodepool-flags.js';
import { releaseImageFor } from './release.js';
import { int, must, Problems, timerDuration } from './values/index.js';

export type { NodePoolCreateFlags, NodePoolDeleteFlags, NodePoolListFlags, NodePoolRunFlags, NodePoolScaleFlags } from '../commands/nodepool.js';

/** --replicas of create and scale: 0 to 500. */
export function parseReplicas(v: string | undefined): number {
  if (v === undefined) throw usageError('--replicas is required', 'e.g. --replicas 3 (0 is allowed)');
  return must(int('replicas', v, { min: 0, max: 500 }));
}

/** A node pool's name: the cluster-name rules, said of a node pool. */
export function validNodePoolName(name: string, namespace: string): void {
  try {
    validateName(name, namespace);
  } catch (e) {
    throw usageError(`node pool ${(e instanceof Error ? e.message : String(e)).replace(/^cluster name /, 'name ')}`, 'use lowercase letters, digits and "-" (e.g. np2)');
  }
}

/** Validated (hypershift's ValidatedCreateOptions): the NodePool to make; an empty release image means the
 * control plane's, which check-new-nodepool reads from the hosted cluster. */
export interface NodePoolCreateInput {
  name: string;
  namespace: string;
  clusterName: string;
  replicas: number;
  timeoutMs: number;
  skipCapacityCheck: boolean;
  spec: NodePoolSpec;
}

/** Raw → Validated for `nodepool create NAME`. */
export function validateNodePoolCreate(name: string, f: NodePoolCreateFlags): NodePoolCreateInput {
  const p = new Problems();
  if (!f.clusterName) p.add('--cluster-name is required', 'the hosted cluster to add the node pool to (hcp-kv list -A)');
  p.attempt(() => validNodePoolName(name, f.namespace), undefined);
  if (f.replicas !== undefined && f.nodeCount !== undefined && f.replicas !== f.nodeCount) p.add('--replicas and --node-count disagree', 'give one of them');
  const replicas = p.take(int('replicas', f.replicas ?? f.nodeCount ?? '2', { min: 0, max: 500 }), 2);
  if (f.release && f.releaseImage) p.add('--release and --release-image are exclusive', 'give one of them');
  if (f.release && !/^\d+\.\d+\.\d+$/.test(f.release)) p.add(`--release "${f.release}" is not an OpenShift version`, 'write it like 4.14.8');
  const { releaseImage, ...pool } = nodePoolPieces(p, f);
  const arch = p.attempt(() => kubevirtArch(f.arch), 'amd64');
  const timeoutMs = p.take(timerDuration(f.timeout), 0);
  p.throwIfAny();
  const clusterName = f.clusterName!;
  return {
    name,
    namespace: f.namespace,
    clusterName,
    replicas,
    timeoutMs,
    skipCapacityCheck: Boolean(f.skipCapacityCheck),
    spec: { name, namespace: f.namespace, clusterName, replicas, releaseImage: f.release ? releaseImageFor(f.release) : (releaseImage ?? ''), arch, pool },
  };
}
