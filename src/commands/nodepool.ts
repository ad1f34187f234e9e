// hcp-kv nodepool create|scale|delete|list. Registration only; steps and the Kubernetes client load lazily.
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import type { Step } from '../run/step.js';
import type { NodePoolOptions } from '../steps/nodepool/context.js';
import { connectKube, globals, outputFormat, type Globals } from './common.js';
import { registerNodePoolCreate } from './nodepool-create.js';

export interface RunFlags {
  namespace: string;
  timeout: string;
  output?: string;
  junit?: string;
}

export function parseReplicas(v: string | undefined): number {
  if (v === undefined) throw usageError('--replicas is required', 'e.g. --replicas 3 (0 is allowed)');
  if (!/^\d+$/.test(v.trim()) || Number(v) > 500) throw usageError(`--replicas must be a whole number from 0 to 500, got "${v}"`);
  return Number(v);
}

export async function validName(name: string, namespace: string): Promise<void> {
  const { validateName } = await import('../config/cluster.js');
  try {
    validateName(name, namespace);
  } catch (e) {
    throw usageError(`node pool ${(e as Error).message.replace(/^cluster name /, 'name ')}`, 'use lowercase letters, digits and "-" (e.g. np2)');
  }
}

export async function runNodePoolSteps(g: Globals, command: string, steps: () => Promise<Step<NodePoolOptions>[]>, opts: NodePoolOptions, f: RunFlags): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  const kube = await connectKube(g);
  try {
    const { runSteps } = await import('../run/runner.js');
    const { interruptSignal } = await import('../run/interrupt.js');
    const { printSummary, writeJUnit } = await import('../output/summary.js');
    const summary = await runSteps(await steps(), { opts, kube, dryRun: false }, { progress: g.progress, signal: interruptSignal, timeoutMs: opts.timeoutMs + 60_000, title: `${command} ${opts.name}` });
    printSummary(summary, { output, extra: { command, nodePool: { name: opts.name, namespace: opts.namespace, cluster: opts.clusterName, ...(opts.replicas !== undefined ? { replicas: opts.replicas } : {}) } } });
    if (f.junit) await writeJUnit(f.junit, command, summary);
    if (summary.error) throw summary.error;
  } finally {
    kube.close();
  }
}

export const common = (cmd: Command) =>
  cmd
    .option('--namespace <ns>', 'namespace of the HostedCluster and its NodePools', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the VMs and Nodes', '20m')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step');

export function registerNodePool(program: Command): void {
  const np = program.command('nodepool').description('create, scale, delete and list the node pools of hosted clusters');

  common(np.command('scale <name>').description('set the number of worker VMs of a node pool and wait until its VMs and Nodes match (0 allowed)'))
    .option('--replicas <n>', 'wanted number of workers')
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string, f: RunFlags & { replicas?: string; clusterName?: string }, cmd: Command) => {
      const replicas = parseReplicas(f.replicas);
      await validName(name, f.namespace);
      const { parseDuration } = await import('../config/load.js');
      const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, replicas, timeoutMs: parseDuration(f.timeout) };
      await runNodePoolSteps(globals(cmd), 'nodepool scale', async () => (await import('../steps/nodepool/index.js')).SCALE_NODEPOOL_STEPS, opts, f);
    });

  common(np.command('delete <name>').description('delete a node pool and wait until its VMs and Nodes are gone'))
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string, f: RunFlags & { clusterName?: string }, cmd: Command) => {
      await validName(name, f.namespace);
      const { parseDuration } = await import('../config/load.js');
      const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, timeoutMs: parseDuration(f.timeout) };
      await runNodePoolSteps(globals(cmd), 'nodepool delete', async () => (await import('../steps/nodepool/index.js')).DELETE_NODEPOOL_STEPS, opts, f);
    });

  np.command('list')
    .description('list node pools (like `oc get nodepools`)')
    .option('--namespace <ns>', 'namespace', 'clusters')
    .option('--cluster-name <name>', 'only the node pools of this hosted cluster')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (f: { namespace: string; clusterName?: string; output?: string }, cmd: Command) => {
      const output = outputFormat(f.output, ['table', 'json', 'yaml']);
      const kube = await connectKube(globals(cmd));
      try {
        const { listNodePools, nodePoolTable } = await import('./nodepool-list.js');
        const rows = await listNodePools(kube, f.namespace, f.clusterName);
        const { dump } = await import('js-yaml');
        process.stdout.write(output === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : output === 'yaml' ? dump(rows) : rows.length ? nodePoolTable(rows) : 'No node pools found.\n');
      } finally {
        kube.close();
      }
    });

  registerNodePoolCreate(np, common);
}
