// create-cluster: validate everything, then run the create-cluster steps (also used by the demo).
import { resolve } from 'node:path';
import { resolveClusterInput } from '../config/cluster.js';
import { goBool, must } from '../config/values/index.js';
import { startDeadline } from '../run/deadline.js';
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import { junitFileOptions, printSummary, writeJUnit } from '../output/summary.js';
import { checkOutputFile } from '../output/write-file.js';
import { io } from '../run/io.js';
import type { ProgressMode } from '../run/progress.js';
import { runSteps, type RunSummary } from '../run/runner.js';
import type { CreateOptions, CreateState } from '../steps/cluster/context.js';
import { CREATE_CLUSTER_STEPS } from '../steps/cluster/create-cluster.js';
import { mirrorOptions } from '../config/mirror-flags.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import type { CreateClusterFlags } from './create-cluster.js';

export interface CreateRun {
  summary: RunSummary;
  opts: CreateOptions;
  /** What the steps decided (check-cluster's completed options: the release, the placement defaults). */
  state: CreateState;
}

/** The whole command's deadline: every wait gets --timeout, and the run as a whole a minute more. */
export const createDeadlineMs = (opts: { timeoutMs: number }) => opts.timeoutMs + 60_000;

export async function runCreateCluster(kube: Kube, opts: CreateOptions, o: { progress: ProgressMode; signal?: AbortSignal; deadlineStarted?: boolean }): Promise<CreateRun> {
  const state: CreateState = {};
  const summary = await runSteps(
    CREATE_CLUSTER_STEPS,
    { opts, kube, dryRun: false, state },
    { progress: o.progress, timeoutMs: o.deadlineStarted ? undefined : createDeadlineMs(opts), signal: o.signal, title: `create-cluster ${opts.name}` },
  );
  return { summary, opts, state };
}

/** `hcp-kv create-cluster [NAME]`; `given` holds the flags typed on the command line (for --engine hypershift). */
export async function run(name: string | undefined, f: CreateClusterFlags, g: Globals, given: Record<string, unknown> = {}): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  const engine = f.engine === 'native' || f.engine === 'hypershift' ? f.engine : undefined;
  if (!engine) throw usageError(`--engine must be native or hypershift, got "${f.engine}"`);
  if (f.renderSensitive && !f.render && !f.renderInto) throw usageError('--render-sensitive needs --render or --render-into');
  if (f.render || f.renderInto) {
    const { renderClusterTo } = await import('./render-cluster-impl.js');
    await renderClusterTo(name, f, Boolean(f.renderSensitive), f.renderInto, { force: f.force, kubeconfig: g.kubeconfig });
    return;
  }
  const wait = must(goBool('wait', f.wait, true, 'write --wait=false, or --no-wait'));
  const input = resolveClusterInput(name, f, io().env, { requirePullSecret: true });
  let passThrough: string[] | undefined;
  if (f.engine === 'hypershift') {
    const { passThroughArgs } = await import('../config/hypershift-args.js');
    passThrough = passThroughArgs(given);
    // The binary must act on the same cluster as hcp-kv: the same kubeconfig file; it has no --context.
    if (g.context) throw usageError('--engine hypershift cannot honour --context: the hypershift binary has no --context flag', 'use a kubeconfig whose current context is the management cluster, or --engine native');
    const kubeconfig = g.kubeconfig ?? io().env.KUBECONFIG?.split(':')[0];
    if (kubeconfig) passThrough.push(`--kubeconfig=${resolve(kubeconfig)}`);
  }
  if (f.junit) checkOutputFile(f.junit, junitFileOptions(g.kubeconfig));
  // The kubeconfig is written only when waiting; then its path must be writable and must not be the
  // management cluster's own kubeconfig (overwriting that would lock the user out).
  if (wait) {
    const out = f.kubeconfigOut ?? `${input.name}-kubeconfig`;
    // Whether an existing file may be replaced is the steps' decision (--force); a link, a directory or the
    // management kubeconfig never is.
    checkOutputFile(out, { flag: '--kubeconfig-out', force: true, private: true, kubeconfig: g.kubeconfig });
  }
  const opts: CreateOptions = {
    ...input,
    ...mirrorOptions(f),
    wait,
    skipVersionCheck: Boolean(f.skipVersionCheck),
    skipCapacityCheck: Boolean(f.skipCapacityCheck),
    kubeconfigOut: f.kubeconfigOut ?? `${input.name}-kubeconfig`,
    force: Boolean(f.force),
    engine,
    writeKubeconfig: true,
    passThrough,
  };
  const deadline = startDeadline(`create-cluster ${opts.name}`, createDeadlineMs(opts), io().signal);
  const kube = await connectKube(g, deadline.signal);
  try {
    const { summary, state } = await runCreateCluster(kube, opts, { progress: g.progress, signal: deadline.signal, deadlineStarted: true });
    const release = state.cluster?.release ?? { image: opts.release.image ?? '', version: opts.release.version };
    printSummary(summary, {
      output,
      extra: { command: 'create-cluster', cluster: { name: opts.name, namespace: opts.namespace, release: release.version ?? release.image, replicas: opts.request.replicas }, ...(opts.wait ? { kubeconfig: opts.kubeconfigOut } : {}) },
      progress: g.progress,
      result: opts.wait ? `Hosted cluster ${opts.name} is ready` : `Hosted cluster ${opts.name}: objects applied`,
      next: opts.wait ? `oc --kubeconfig ${opts.kubeconfigOut} get nodes` : `hcp-kv status ${opts.name}`,
    });
    if (f.junit) await writeJUnit(f.junit, 'create-cluster', summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    deadline.dispose();
    kube.close();
  }
}
