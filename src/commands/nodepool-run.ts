// What the node-pool commands share: flags, the replicas rule, and running a step list with its summary.
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import type { Step } from '../run/step.js';
import type { NodePoolOptions } from '../steps/nodepool/context.js';
import { connectKube, outputFormat, type Globals } from './common.js';

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
