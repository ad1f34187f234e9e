// hcp-kv nodepool create|scale|delete|list: validate the flags, then run the node-pool steps (or list).
import { dump } from 'js-yaml';
import { parseDuration } from '../config/load.js';
import {
  parseReplicas,
  validateNodePoolCreate,
  validNodePoolName,
  type NodePoolCreateFlags,
  type NodePoolCreateInput,
  type NodePoolDeleteFlags,
  type NodePoolListFlags,
  type NodePoolRunFlags,
  type NodePoolScaleFlags,
} from '../config/nodepool-options.js';
import { writeJson } from '../output/json.js';
import { printSummary, writeJUnit } from '../output/summary.js';
import { terminalWidth } from '../output/table.js';
import { io } from '../run/io.js';
import { runSteps } from '../run/runner.js';
import type { NodePoolOptions, NodePoolState, NodePoolStep } from '../steps/nodepool/context.js';
import { CREATE_NODEPOOL_STEPS, DELETE_NODEPOOL_STEPS, SCALE_NODEPOOL_STEPS } from '../steps/nodepool/index.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { listNodePools, nodePoolTable } from './nodepool-list.js';

/** The closing line: what the run achieved and the command that shows it. */
function closing(command: string, opts: NodePoolOptions, cluster: string | undefined): { result: string; next: string } {
  const pool = `Node pool ${opts.name}`;
  const result = command === 'nodepool delete' ? `${pool} is gone` : `${pool} has ${opts.replicas} Ready node${opts.replicas === 1 ? '' : 's'}`;
  const ns = opts.namespace === 'clusters' ? '' : ` --namespace ${opts.namespace}`;
  return { result, next: `hcp-kv nodepool list${cluster ? ` --cluster-name ${cluster}` : ''}${ns}` };
}

async function runNodePoolSteps(g: Globals, command: string, steps: NodePoolStep[], opts: NodePoolOptions, f: NodePoolRunFlags): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  const kube = await connectKube(g);
  try {
    const state: NodePoolState = {};
    const summary = await runSteps(steps, { opts, kube, dryRun: false, state }, { progress: g.progress, signal: io().signal, timeoutMs: opts.timeoutMs + 60_000, title: `${command} ${opts.name}` });
    const cluster = state.clusterName ?? opts.clusterName;
    printSummary(summary, {
      output,
      extra: { command, nodePool: { name: opts.name, namespace: opts.namespace, cluster, ...(opts.replicas !== undefined ? { replicas: opts.replicas } : {}) } },
      progress: g.progress,
      ...closing(command, opts, cluster),
    });
    if (f.junit) await writeJUnit(f.junit, command, summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    kube.close();
  }
}

/** `hcp-kv nodepool scale NAME --replicas N`. */
export async function runScale(name: string, f: NodePoolScaleFlags, g: Globals): Promise<void> {
  const replicas = parseReplicas(f.replicas);
  validNodePoolName(name, f.namespace);
  const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, replicas, timeoutMs: parseDuration(f.timeout), skipCapacityCheck: Boolean(f.skipCapacityCheck) };
  await runNodePoolSteps(g, 'nodepool scale', SCALE_NODEPOOL_STEPS, opts, f);
}

/** `hcp-kv nodepool delete NAME`. */
export async function runDelete(name: string, f: NodePoolDeleteFlags, g: Globals): Promise<void> {
  validNodePoolName(name, f.namespace);
  const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, timeoutMs: parseDuration(f.timeout) };
  await runNodePoolSteps(g, 'nodepool delete', DELETE_NODEPOOL_STEPS, opts, f);
}

/** `hcp-kv nodepool list`. */
export async function runList(f: NodePoolListFlags, g: Globals): Promise<void> {
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
export async function runCreate(name: string, f: NodePoolCreateFlags, g: Globals): Promise<void> {
  const input = validateNodePoolCreate(name, f);
  if (f.render) return renderNodePool(input, g);
  await runNodePoolSteps(g, 'nodepool create', CREATE_NODEPOOL_STEPS, input, f);
}

/** --render, as `hcp create nodepool kubevirt --render`: the NodePool as YAML, nothing applied. As upstream, the
 * hosted cluster is read for the release image when none is given. */
async function renderNodePool(input: NodePoolCreateInput, g: Globals): Promise<void> {
  const spec = input.spec;
  let releaseImage = spec.releaseImage;
  if (!releaseImage) {
    const kube = await connectKube(g);
    try {
      const { requireCluster } = await import('../steps/nodepool/context.js');
      const hc = await requireCluster(kube, spec.clusterName, input.namespace);
      releaseImage = hc.spec?.release?.image ?? '';
    } finally {
      kube.close();
    }
  }
  const { nodePoolManifest } = await import('../manifests/nodepool.js');
  io().stdout.write(`---\n${dump(nodePoolManifest({ ...spec, releaseImage }), { noRefs: true })}`);
}
