// The nodepool command family's options in one place (issue 18 item 2): the flags each subcommand binds, the raw
// values commander hands over (one type per subcommand, declared here only), and `nodepool create`'s validation
// (Raw → Validated, as hypershift's cmd/nodepool/core/create.go RawCreateOptions.Validate and
// cmd/cluster/core/create.go @3ee9615567acffaf3e3ee25c2ca2942d650565cf): every problem at once, one usage error,
// exit 2, nothing sent. The completion against the cluster (the control plane's release image) is the
// check-new-nodepool step's, handed on in the run's state.
import type { Command } from 'commander';
import { enumOption } from '../commands/common.js';
import { usageError } from '../errors.js';
import type { NodePoolSpec } from '../manifests/nodepool.js';
import { validateName } from './cluster.js';
import { KUBEVIRT_ARCHES, addNodePoolFlags, kubevirtArch, nodePoolPieces, type NodePoolFlagValues } from './nodepool-flags.js';
import { releaseImageFor } from './release.js';
import { int, must, Problems, timerDuration } from './values/index.js';

/** What every subcommand that runs steps takes. */
export interface NodePoolRunFlags {
  namespace: string;
  timeout: string;
  output?: string;
  junit?: string;
  name?: string;
}

export interface NodePoolScaleFlags extends NodePoolRunFlags {
  replicas?: string;
  clusterName?: string;
  skipCapacityCheck?: boolean;
}

export interface NodePoolDeleteFlags extends NodePoolRunFlags {
  clusterName?: string;
}

export interface NodePoolListFlags {
  namespace: string;
  clusterName?: string;
  output?: string;
}

/** nodepool create's raw flags (hypershift's RawCreateOptions). */
export interface NodePoolCreateFlags extends NodePoolRunFlags, NodePoolFlagValues {
  clusterName?: string;
  replicas?: string;
  nodeCount?: string;
  release?: string;
  skipCapacityCheck?: boolean;
  arch?: string;
  render?: boolean;
}

/** --namespace, --timeout, -o and --junit: the flags of every subcommand that runs steps. */
export function addNodePoolRunFlags(cmd: Command): Command {
  return cmd
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster and its NodePools', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the VMs and Nodes', '20m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
}

export const addCapacityFlag = (cmd: Command): Command => cmd.option('--skip-capacity-check', 'add VMs even when they do not fit (see hcp-kv capacity)');

/** nodepool create's own flags, then the KubeVirt NodePool flags it shares with create-cluster. */
export function addNodePoolCreateFlags(cmd: Command): Command {
  cmd
    .option('--cluster-name <name>', 'the hosted cluster (required)')
    .option('--replicas <n>', 'worker VMs (default 2)')
    .option('--node-count <n>', 'same as --replicas (hcp CLI name)')
    .option('--release <x.y.z>', "OpenShift release of the nodes instead of --release-image (default: the control plane's)")
    .option('--render', 'print the NodePool as YAML instead of applying it (as hcp)')
    .addOption(enumOption('--arch <arch>', 'NodePool architecture: amd64, ppc64le or s390x (default amd64); arm64 is refused for KubeVirt, as the NodePool API does', KUBEVIRT_ARCHES));
  return addNodePoolFlags(cmd);
}

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
