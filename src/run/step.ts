import type { Kube } from '../kube/types.js';

export type DryRun = false | 'client' | 'server';

/** O: the run's options (read-only input); S: the run's typed state, what steps hand to later steps. */
export interface StepContext<O = unknown, S = unknown> {
  opts: O;
  kube: Kube;
  /** Aborted on the first failure of any step, on SIGINT, or at the run's deadline. */
  signal: AbortSignal;
  /** One object per run: values steps hand to later steps (e.g. the MCE version multicluster-engine found). */
  state: S;
  dryRun: DryRun;
  /** A progress line for this step (task output); never console.log while the runner renders. */
  report(line: string): void;
}

/** Id: the flow's step ids, a literal union declared `as const` beside the flow's context (e.g. BOOTSTRAP_STEP_IDS),
 * so a misspelt `id` or `needs` entry fails typecheck. */
export interface Step<O = unknown, S = unknown, Id extends string = string> {
  /** Equals the file name in src/steps; tests and --only/--skip refer to it. */
  id: Id;
  /** Imperative: 'Configure MetalLB address pool and L2 advertisement'. */
  title: string;
  /** Ids this step waits for; the runner starts it when all of them are done (or skipped). */
  needs?: readonly Id[];
  enabled?(ctx: StepContext<O, S>): boolean;
  /** Why the step does not apply when `enabled` says no, in the user's terms; shown as "not needed: …". */
  notNeeded?(ctx: StepContext<O, S>): string;
  /** Read-only "is it done?": a reason such as 'already installed (csv v4.14.3)', or false. */
  skip?(ctx: StepContext<O, S>): Promise<string | false>;
  /** Returns an optional one-line result for the summary. */
  run(ctx: StepContext<O, S>): Promise<string | void>;
}

/** How a step ended; the progress display and the summary both read it. */
export type StepStatus = 'done' | 'already-done' | 'skipped' | 'failed' | 'not-run' | 'disabled';

export interface StepResult {
  id: string;
  title: string;
  status: StepStatus;
  durationMs: number;
  /** When the step started, in ms after the run started (shows which steps ran at the same time). */
  startedMs?: number;
  message?: string;
  error?: { message: string; hint?: string };
}
