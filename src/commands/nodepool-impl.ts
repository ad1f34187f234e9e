// hcp-kv nodepool create|scale|delete|list: validate the flags, then run the node-pool steps (or list).
import { dump } from 'js-yaml';
import { validateName, releaseImageFor } from '../config/cluster.js';
import { parseDuration } from '../config/load.js';
import { int, must } from '../config/values/index.js';
import { kubevirtArch, parseNodePoolFlags, type NodePoolFlagValues } from '../config/nodepool-flags.js';
import { usageError } from '../errors.js';
import { writeJson } from '../output/json.js';
import { printSummary, writeJUnit } from '../output/summary.js';
import { terminalWidth } from '../output/table.js';
import { io } from '../run/io.js';
import { runSteps } from '../run/runner.js';
import type { NodePoolOptions, NodePoolState, NodePoolStep } from '../steps/nodepool/context.js';
import { CREATE_NODEPOOL_STEPS, DELETE_NODEPOOL_STEPS, SCALE_NODEPOOL_STEPS } from '../steps/nodepool/index.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { listNodePools, nodePoolTable } from './nodepool-list.js';

export interface RunFlags {
  namespace: string;
  timeout: string;
  output?: string;
  junit?: string;
}

export interface CreateFlags extends RunFlags, NodePoolFlagValues {
  clusterName?: string;
  replicas?: string;
  nodeCount?: string;
  release?: string;
  skipCapacityCheck?: boolean;
  arch?: string;
  render?: boolean;
}

export function parseReplicas(v: string | undefined): number {
  if (v === undefined) throw usageError('--replicas is required', 'e.g. --replicas 3 (0 is allowed)');
  return must(int('replicas', v, { min: 0, max: 500 }));
}

function validName(name: string, namespace: string): void {
  try {
    validateName(name, namespace);
  } catch (e) {
    throw usageError(`node pool ${(e as Error).message.replace(/^cluster name /, 'name ')}`, 'use lowercase letters, digits and "-" (e.g. np2)');
  }
}

/** The closing line: what the run achieved and the command that shows it. */
function closing(command: string, opts: NodePoolOptions, cluster: string | undefined): { result: string; next: string } {
  const pool = `Node pool ${opts.name}`;
  const result = command === 'nodepool delete' ? `${pool} is gone` : `${pool} has ${opts.replicas} Ready node${opts.replicas === 1 ? '' : 's'}`;
  const ns = opts.namespace === 'clusters' ? '' : ` --namespace ${opts.namespace}`;
  return { result, next: `hcp-kv nodepool list${cluster ? ` --cluster-name ${cluster}` : ''}${ns}` };
}

async function runNodePoolSteps(g: Globals, command: string, steps: NodePoolStep[], opts: NodePoolOptions, f: RunFlags): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  const kube = await connectKube(g);
  try {
    const state: NodePoolState = {};
    const summary = await runSteps(steps, { opts, kube, dryRun: false, state }, { progress: g.progress, signal: io().signal, timeoutMs: opts.timeoutMs + 60_000, title: `${command} ${opts.name}` });
    const cluster = state.clusterName ?? opts.clusterName;
    printSummary(summary, { output, extra: { command, nodePool: { name: opts.name, namespace: opts.namespace, cluster, ...(opts.replicas !== undefined ? { replicas: opts.replicas } : {}) } }, progress: g.progress, ...closing(command, opts, cluster) });
    if (f.junit) await writeJUnit(f.junit, command, summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    kube.close();
  }
}

/** `hcp-kv nodepool scale NAME --replicas N`. */
export async function runScale(name: string, f: RunFlags & { replicas?: string; clusterName?: string; skipCapacityCheck?: boolean }, g: Globals): Promise<void> {
  const replicas = parseReplicas(f.replicas);
  validName(name, f.namespace);
  const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, replicas, timeoutMs: parseDuration(f.timeout), skipCapacityCheck: Boolean(f.skipCapacityCheck) };
  await runNodePoolSteps(g, 'nodepool scale', SCALE_NODEPOOL_STEPS, opts, f);
}

/** `hcp-kv nodepool delete NAME`. */
export async function runDelete(name: string, f: RunFlags & { clusterName?: string }, g: Globals): Promise<void> {
  validName(name, f.namespace);
  const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, timeoutMs: parseDuration(f.timeout) };
  await runNodePoolSteps(g, 'nodepool delete', DELETE_NODEPOOL_STEPS, opts, f);
}

/** `hcp-kv nodepool list`. */
export async function runList(f: { namespace: string; clusterName?: string; output?: string }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'wide', 'json', 'yaml']);
  const kube = await connectKube(g);
  try {
    const rows = await listNodePools(kube, f.namespace, f.clusterName);
    // -o yaml is the -o json document; -o wide is the table with every cell whole, whatever the terminal.
    if (output === 'json') writeJson({ ok: true, items: rows });
    else io().stdout.write(output === 'yaml' ? dump({ ok: true, items: rows }) : rows.length ? nodePoolTable(rows, output === 'wide' ? undefined : terminalWidth(io().stdout)) : 'No node pools found.\n');
  } finally {
    kube.close();
  }
}

/** `hcp-kv nodepool create NAME --cluster-name C`. */
export async function runCreate(name: string, f: CreateFlags, g: Globals): Promise<void> {
  if (!f.clusterName) throw usageError('--cluster-name is required', 'the hosted cluster to add the node pool to (hcp-kv list -A)');
  validName(name, f.namespace);
  if (f.replicas !== undefined && f.nodeCount !== undefined && f.replicas !== f.nodeCount) throw usageError('--replicas and --node-count disagree', 'give one of them');
  const replicas = parseReplicas(f.replicas ?? f.nodeCount ?? '2');
  if (f.release && f.releaseImage) throw usageError('--release and --release-image are exclusive', 'give one of them');
  if (f.release && !/^\d+\.\d+\.\d+$/.test(f.release)) throw usageError(`--release "${f.release}" is not an OpenShift version`, 'write it like 4.14.8');
  const pieces = parseNodePoolFlags(f);
  const arch = kubevirtArch(f.arch);
  const opts: NodePoolOptions = {
    name,
    namespace: f.namespace,
    clusterName: f.clusterName,
    replicas,
    timeoutMs: parseDuration(f.timeout),
    skipCapacityCheck: Boolean(f.skipCapacityCheck),
    spec: {
      name,
      namespace: f.namespace,
      clusterName: f.clusterName,
      replicas,
      releaseImage: f.release ? releaseImageFor(f.release) : (pieces.releaseImage ?? ''),
      upgradeType: pieces.management.upgradeType,
      autoRepair: pieces.management.autoRepair,
      nodeDrainTimeout: pieces.nodeDrainTimeout,
      nodeVolumeDetachTimeout: pieces.nodeVolumeDetachTimeout,
      arch,
      kubevirt: pieces.platform.kubevirt as unknown as Record<string, unknown>,
    },
  };
  if (f.render) return renderNodePool(opts, g);
  await runNodePoolSteps(g, 'nodepool create', CREATE_NODEPOOL_STEPS, opts, f);
}

/** --render, as `hcp create nodepool kubevirt --render`: the NodePool as YAML, nothing applied. As upstream, the
 * hosted cluster is read for the release image when none is given. */
async function renderNodePool(opts: NodePoolOptions, g: Globals): Promise<void> {
  const spec = opts.spec!;
  let releaseImage = spec.releaseImage;
  if (!releaseImage) {
    const kube = await connectKube(g);
    try {
      const { requireCluster } = await import('../steps/nodepool/context.js');
      const hc = (await requireCluster(kube, spec.clusterName, opts.namespace)) as { spec?: { release?: { image?: string } } };
      releaseImage = hc.spec?.release?.image ?? '';
    } finally {
      kube.close();
    }
  }
  const { nodePoolManifest } = await import('../manifests/nodepool.js');
  io().stdout.write(`---\n${dump(nodePoolManifest({ ...spec, releaseImage }), { noRefs: true })}`);
}
