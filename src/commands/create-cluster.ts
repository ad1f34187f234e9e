import type { Command } from 'commander';
import { addClusterFlags, type ClusterFlags } from '../config/cluster-flags.js';
import { parseGoBool } from '../config/kube-values.js';
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { ProgressMode } from '../run/progress.js';
import type { RunSummary } from '../run/runner.js';
import type { CreateOptions } from '../steps/cluster/context.js';
import { connectKube, globals, outputFormat } from './common.js';

interface Flags extends ClusterFlags {
  wait?: boolean | string;
  kubeconfigOut?: string;
  force?: boolean;
  render?: boolean;
  renderSensitive?: boolean;
  skipVersionCheck?: boolean;
  engine: string;
  output?: string;
  junit?: string;
}

/** The upstream `hcp create cluster kubevirt` flags (config/cluster-flags.ts) plus --replicas and --release. */
export function clusterFlags(cmd: Command): Command {
  return addClusterFlags(cmd);
}

/** The options the user typed, by long flag name (for --engine hypershift). */
function givenOptions(cmd: Command): Record<string, unknown> {
  return Object.fromEntries(cmd.options.filter((o) => o.long && cmd.getOptionValueSource(o.attributeName()) === 'cli').map((o) => [o.long!, cmd.getOptionValue(o.attributeName())]));
}

export interface CreateRun {
  summary: RunSummary;
  opts: CreateOptions;
}

export async function runCreateCluster(kube: Kube, opts: CreateOptions, o: { progress: ProgressMode; signal?: AbortSignal }): Promise<CreateRun> {
  const { CREATE_CLUSTER_STEPS } = await import('../steps/cluster/create-cluster.js');
  const { runSteps } = await import('../run/runner.js');
  const summary = await runSteps(CREATE_CLUSTER_STEPS, { opts, kube, dryRun: false }, { progress: o.progress, timeoutMs: opts.timeoutMs + 60_000, signal: o.signal, title: `create-cluster ${opts.name}` });
  return { summary, opts };
}

export function registerCreateCluster(program: Command): void {
  clusterFlags(program.command('create-cluster [name]').description('create a KubeVirt hosted cluster and wait until it is ready; takes the flags of `hcp create cluster kubevirt` (NAME also from --name or KUBEVIRT_CLUSTER_NAME)'))
    .option('--wait [bool]', 'wait until the cluster is ready (the default; upstream waits only with --wait)')
    .option('--no-wait', 'return once the objects are applied (same as --wait=false)')
    .option('--timeout <duration>', 'how long to wait for the cluster, a Go duration; 0: no limit (default 30m)')
    .option('--kubeconfig-out <file>', 'where to write the admin kubeconfig (default <NAME>-kubeconfig)')
    .option('--force', 'overwrite an existing kubeconfig file')
    .option('--skip-version-check', 'do not refuse releases the HyperShift operator does not list as supported')
    .option('--render', 'print the manifests as YAML instead of applying them (Secrets left out)')
    .option('--render-sensitive', 'with --render or --render-into: include the Secrets')
    .option('--engine <engine>', 'native (hcp-kv applies the objects) or hypershift (run the hypershift binary)', 'native')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string | undefined, f: Flags, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
      if (f.engine !== 'native' && f.engine !== 'hypershift') throw usageError(`--engine must be native or hypershift, got "${f.engine}"`);
      if (f.renderSensitive && !f.render && !f.renderInto) throw usageError('--render-sensitive needs --render or --render-into');
      if (f.render || f.renderInto) {
        const { renderClusterTo } = await import('./render-cluster-impl.js');
        await renderClusterTo(name, f, Boolean(f.renderSensitive), f.renderInto);
        return;
      }
      const wait = f.wait === undefined || f.wait === true ? true : f.wait === false ? false : parseGoBool(f.wait);
      if (wait === undefined) throw usageError(`--wait takes true or false, got "${String(f.wait)}"`, 'write --wait=false, or --no-wait');
      const { resolveClusterInput } = await import('../config/cluster.js');
      const input = resolveClusterInput(name, f, process.env, { requirePullSecret: true });
      let passThrough: string[] | undefined;
      if (f.engine === 'hypershift') {
        const { passThroughArgs } = await import('../config/hypershift-args.js');
        passThrough = passThroughArgs(givenOptions(cmd));
      }
      const opts: CreateOptions = { ...input, wait, skipVersionCheck: Boolean(f.skipVersionCheck), kubeconfigOut: f.kubeconfigOut ?? `${input.name}-kubeconfig`, force: Boolean(f.force), engine: f.engine as 'native' | 'hypershift', writeKubeconfig: true, passThrough };
      const kube = await connectKube(g);
      try {
        const { interruptSignal } = await import('../run/interrupt.js');
        const { printSummary, writeJUnit } = await import('../output/summary.js');
        const { summary } = await runCreateCluster(kube, opts, { progress: g.progress, signal: interruptSignal });
        printSummary(summary, { output, extra: { command: 'create-cluster', cluster: { name: opts.name, namespace: opts.namespace, release: opts.release ?? opts.releaseImage, replicas: opts.replicas }, ...(opts.wait ? { kubeconfig: opts.kubeconfigOut } : {}) } });
        if (f.junit) await writeJUnit(f.junit, 'create-cluster', summary);
        if (summary.error) throw summary.error;
        if (output === 'text') {
          process.stderr.write(opts.wait
            ? `\nHosted cluster ${opts.name} is ready. Next:\n  oc --kubeconfig ${opts.kubeconfigOut} get nodes\n  hcp-kv status ${opts.name}\n`
            : `\nObjects applied. Follow it with: hcp-kv status ${opts.name}\n`);
        }
      } finally {
        kube.close();
      }
    });
}

