// The bootstrap run, wired once: the bootstrap command, demo and density --embedded all call runBootstrap.
import { resolveBootstrapOptions, type BootstrapOptions } from '../config/bootstrap.js';
import { usageError } from '../errors.js';
import { describeObject, type Kube } from '../kube/types.js';
import { bootstrapManifests } from '../manifests/bootstrap.js';
import { junitFileOptions, printSummary, writeJUnit } from '../output/summary.js';
import { checkOutputFile } from '../output/write-file.js';
import { toYamlDocuments } from '../output/yaml.js';
import { io } from '../run/io.js';
import { startDeadline } from '../run/deadline.js';
import type { ProgressMode } from '../run/progress.js';
import { planSteps, runSteps, type RunSummary } from '../run/runner.js';
import type { DryRun } from '../run/step.js';
import { BOOTSTRAP_STEPS } from '../steps/bootstrap/index.js';
import { connectKube, list, outputFormat, type Globals } from './common.js';
import type { BootstrapCommandFlags } from './bootstrap.js';

export interface BootstrapRunOptions {
  progress: ProgressMode;
  only?: string[];
  skip?: string[];
  dryRun?: DryRun;
  signal?: AbortSignal;
  /** The caller's signal already carries the --timeout deadline (src/run/deadline.ts). */
  deadlineStarted?: boolean;
}

export function runBootstrap(kube: Kube, opts: BootstrapOptions, o: BootstrapRunOptions): Promise<RunSummary> {
  // preflight always runs: --only selects what changes, never whether the cluster is checked.
  const only = o.only ? ['preflight', ...o.only.filter((x) => x !== 'preflight')] : undefined;
  return runSteps(BOOTSTRAP_STEPS, { opts, kube, dryRun: o.dryRun ?? false }, { progress: o.progress, only, skip: o.skip, timeoutMs: o.deadlineStarted ? undefined : opts.timeoutMs, signal: o.signal, title: 'bootstrap' });
}

/** `hcp-kv bootstrap`. */
export async function run(f: BootstrapCommandFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  const dryRun = f.dryRun === undefined ? false : f.dryRun === true || f.dryRun === 'client' ? 'client' : f.dryRun === 'server' ? 'server' : undefined;
  if (dryRun === undefined) throw usageError(`--dry-run must be client or server, got "${String(f.dryRun)}"`);
  if (f.junit) checkOutputFile(f.junit, junitFileOptions(g.kubeconfig));
  const opts = await resolveBootstrapOptions(f);
  const only = list(f.only);
  const skip = list(f.skip);
  planSteps(BOOTSTRAP_STEPS, { only, skip });
  opts.replaceMetallbAddresses = Boolean(f.replaceMetallbAddresses);
  opts.metallbSelected = (!only || only.includes('metallb')) && !skip?.includes('metallb');
  if (dryRun === 'client') {
    const groups = bootstrapManifests(opts).filter((gr) => (!only || only.includes(gr.step)) && !skip?.includes(gr.step));
    for (const gr of groups) io().stderr.write(`[dry run] ${gr.step}: ${gr.objects.map(describeObject).join(', ')}\n`);
    io().stdout.write(toYamlDocuments(groups.flatMap((gr) => gr.objects)));
    return;
  }
  // The deadline covers the first connection and preflight too, not only the steps after it.
  const deadline = startDeadline('bootstrap', opts.timeoutMs, io().signal);
  const kube = await connectKube(g, deadline.signal);
  try {
    const summary = await runBootstrap(kube, opts, { progress: g.progress, only, skip, dryRun, signal: deadline.signal, deadlineStarted: true });
    printSummary(summary, {
      output,
      extra: { command: 'bootstrap', server: kube.server, dryRun },
      progress: g.progress,
      result: dryRun ? 'The server accepted every object (dry run)' : opts.infraOnly ? 'The infrastructure cluster is ready' : 'The management cluster is ready',
      next: dryRun
        ? 'hcp-kv bootstrap (without --dry-run)'
        : opts.infraOnly
          ? 'hcp-kv infra-credentials --namespace NS --out FILE here, then on the management cluster: hcp-kv create-cluster kv-00 --infra-kubeconfig-file FILE --infra-namespace NS'
          : 'hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret.json',
    });
    if (f.junit) await writeJUnit(f.junit, 'bootstrap', summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    deadline.dispose();
    kube.close();
  }
}
