// The bootstrap run, wired once: the bootstrap command, demo and density --embedded all call runBootstrap.
import type { BootstrapOptions } from '../config/bootstrap.js';
import type { Kube } from '../kube/types.js';
import type { ProgressMode } from '../run/progress.js';
import { runSteps, type RunSummary } from '../run/runner.js';
import type { DryRun } from '../run/step.js';
import { BOOTSTRAP_STEPS } from '../steps/bootstrap.js';

export interface BootstrapRunOptions {
  progress: ProgressMode;
  only?: string[];
  skip?: string[];
  dryRun?: DryRun;
  signal?: AbortSignal;
}

export function runBootstrap(kube: Kube, opts: BootstrapOptions, o: BootstrapRunOptions): Promise<RunSummary> {
  // preflight always runs: --only selects what changes, never whether the cluster is checked.
  const only = o.only ? ['preflight', ...o.only.filter((x) => x !== 'preflight')] : undefined;
  return runSteps(BOOTSTRAP_STEPS, { opts, kube, dryRun: o.dryRun ?? false }, { progress: o.progress, only, skip: o.skip, timeoutMs: opts.timeoutMs, signal: o.signal, title: 'bootstrap' });
}
