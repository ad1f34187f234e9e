// destroy-cluster: confirm, then run the destroy steps (resumable).
import { createInterface } from 'node:readline/promises';
import { validateName } from '../config/cluster.js';
import { startDeadline } from '../run/deadline.js';
import { parseDuration } from '../config/load.js';
import { goBool, must } from '../config/values/index.js';
import { InterruptedError, usageError } from '../errors.js';
import { junitFileOptions, printSummary, writeJUnit } from '../output/summary.js';
import { checkOutputFile } from '../output/write-file.js';
import { io } from '../run/io.js';
import { runSteps } from '../run/runner.js';
import { DESTROY_STEPS } from '../steps/cluster/destroy-cluster.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import type { DestroyClusterFlags } from './destroy-cluster.js';

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: io().stdin, output: io().stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `hcp-kv destroy-cluster NAME`. */
export async function run(name: string, f: DestroyClusterFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  validateName(name, f.namespace);
  if (f.junit) checkOutputFile(f.junit, junitFileOptions(g.kubeconfig));
  const timeoutMs = parseDuration(f.timeout);
  if (f.gracePeriod && f.clusterGracePeriod && f.gracePeriod !== f.clusterGracePeriod) throw usageError('--grace-period and --cluster-grace-period disagree', 'give one of them');
  const grace = f.gracePeriod ?? f.clusterGracePeriod;
  const gracePeriodMs = grace ? parseDuration(grace) : timeoutMs;
  const cloud = must(goBool('destroy-cloud-resources', f.destroyCloudResources, true));
  if (!f.yes) {
    if (!io().stdin.isTTY) throw usageError(`refusing to destroy ${f.namespace}/${name} without confirmation`, 'pass --yes (no terminal to ask on)');
    if (!(await confirm(`Destroy hosted cluster ${f.namespace}/${name}? This deletes its control plane and VMs. [y/N] `))) throw new InterruptedError('not confirmed; nothing was deleted', 'answer y to destroy it, or pass --yes');
  }
  const deadline = startDeadline(`destroy-cluster ${name}`, timeoutMs + 60_000, io().signal);
  const kube = await connectKube(g, deadline.signal);
  try {
    const summary = await runSteps(
      DESTROY_STEPS,
      { opts: { name, namespace: f.namespace, timeoutMs, gracePeriodMs, force: Boolean(f.force), destroyCloudResources: cloud !== false, ignoreNotFound: Boolean(f.ignoreNotFound), kubeconfigFile: f.kubeconfigFile }, kube, dryRun: false },
      { progress: g.progress, signal: deadline.signal, title: `destroy-cluster ${name}` },
    );
    printSummary(summary, { output, extra: { command: 'destroy-cluster', cluster: { name, namespace: f.namespace } }, progress: g.progress, result: `Hosted cluster ${f.namespace}/${name} is gone`, next: 'hcp-kv list -A' });
    if (f.junit) await writeJUnit(f.junit, 'destroy-cluster', summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    deadline.dispose();
    kube.close();
  }
}
