// Runs steps as their declared `needs` allow: a step starts as soon as everything it needs is done (or
// already done), so independent chains run at the same time. The first failure aborts the shared signal so
// siblings stop; the result is a summary, and the command decides the exit code.
import { setMaxListeners } from 'node:events';
import { DeadlineError, HcpError, InterruptedError, isHcpError, usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { DryRun, Step, StepContext, StepResult, StepStatus } from './step.js';
import { createProgress, type Progress, type ProgressMode } from './progress.js';
import { formatMs } from './format.js';

export interface RunOptions {
  progress: ProgressMode;
  only?: string[];
  skip?: string[];
  /** Whole-run deadline; aborts the shared signal. */
  timeoutMs?: number;
  signal?: AbortSignal;
  title?: string;
}

export interface RunSummary {
  ok: boolean;
  durationMs: number;
  steps: StepResult[];
  error?: HcpError;
}

export interface RunContext<O, S> {
  opts: O;
  kube: Kube;
  dryRun: DryRun;
  /** The run's state; a fresh empty object when not given (state types have optional fields only). */
  state?: S;
}

/** Checks ids, --only/--skip and the needs graph before anything runs (usage errors, exit 2). */
export function planSteps<O, S>(steps: Step<O, S>[], o: Pick<RunOptions, 'only' | 'skip'>): { selected: Set<string> } {
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id)) throw new HcpError(`duplicate step id ${s.id}`);
    ids.add(s.id);
  }
  for (const s of steps) {
    for (const n of s.needs ?? []) {
      if (!ids.has(n)) throw new HcpError(`step ${s.id} needs unknown step ${n}`);
    }
  }
  const valid = [...ids].join(', ');
  for (const id of [...(o.only ?? []), ...(o.skip ?? [])]) {
    if (!ids.has(id)) throw usageError(`unknown step "${id}"`, `valid step ids: ${valid}`);
  }
  const both = (o.only ?? []).filter((id) => o.skip?.includes(id));
  if (both.length) throw usageError(`--only and --skip both name ${both.join(', ')}`, 'name each step in one of them');
  // Depth-first search for a cycle in `needs`.
  const byId = new Map(steps.map((s) => [s.id, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new HcpError(`steps form a cycle: ${[...path, id].join(' → ')}`);
    state.set(id, 'visiting');
    for (const n of byId.get(id)?.needs ?? []) visit(n, [...path, id]);
    state.set(id, 'done');
  };
  for (const s of steps) visit(s.id, []);

  const selected = new Set(o.only?.length ? o.only : ids);
  for (const id of o.skip ?? []) selected.delete(id);
  return { selected };
}

export async function runSteps<O, S = unknown>(steps: Step<O, S>[], rc: RunContext<O, S>, o: RunOptions): Promise<RunSummary> {
  const { selected } = planSteps(steps, o);
  const { signal, abort, release } = runSignal(o);
  const run: ActiveRun<O, S> = {
    rc,
    o,
    selected,
    signal,
    abort,
    state: rc.state ?? ({} as S),
    results: new Map(),
    finished: new Map(),
    progress: createProgress(
      o.progress,
      steps.filter((s) => selected.has(s.id)),
      o.title,
    ),
    started: performance.now(),
    firstSpecific: false,
  };
  // Steps are registered in list order; a step's needs always resolve through `finished`.
  for (const step of topological(steps)) run.finished.set(step.id, runOne(run, step));
  await Promise.all(run.finished.values());
  release();
  await run.progress.close();

  if (!run.firstError && signal.aborted) {
    const reason: unknown = signal.reason;
    run.firstError = isHcpError(reason) ? reason : new InterruptedError();
  }
  return {
    ok: !run.firstError,
    durationMs: Math.round(performance.now() - run.started),
    steps: steps.map((s) => run.results.get(s.id)!),
    error: run.firstError,
  };
}

/** What the steps of one run share. */
interface ActiveRun<O, S> {
  rc: RunContext<O, S>;
  o: RunOptions;
  selected: Set<string>;
  /** Aborted by the first failure, the outer signal or the run's deadline. */
  signal: AbortSignal;
  abort: (reason: unknown) => void;
  state: S;
  results: Map<string, StepResult>;
  finished: Map<string, Promise<StepResult>>;
  progress: Progress;
  started: number;
  /** The error the summary reports, and whether it is a step's own message rather than the bare deadline. */
  firstError?: HcpError;
  firstSpecific: boolean;
}

/** The run's shared signal: the outer signal and the whole-run deadline abort it; release() unhooks both. */
function runSignal(o: RunOptions): { signal: AbortSignal; abort: (reason: unknown) => void; release: () => void } {
  const controller = new AbortController();
  // Concurrent steps each hang requests and waits on this signal.
  setMaxListeners(0, controller.signal);
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  // The outer signal carries Ctrl-C and the command's deadline (src/run/deadline.ts): keep its reason.
  const onOuterAbort = () => abort(isHcpError(o.signal!.reason) ? o.signal!.reason : new InterruptedError());
  if (o.signal?.aborted) onOuterAbort();
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const deadline = o.timeoutMs ? setTimeout(() => abort(new DeadlineError(o.title ?? 'run', o.timeoutMs!, `${o.title ?? 'run'} did not finish within ${formatMs(o.timeoutMs!)}`)), o.timeoutMs) : undefined;
  const release = () => {
    if (deadline) clearTimeout(deadline);
    o.signal?.removeEventListener('abort', onOuterAbort);
  };
  return { signal: controller.signal, abort, release };
}

type Outcome = { status: StepStatus; extra: Partial<StepResult> };

/** Runs one step once the steps it needs have finished; records and shows its result. */
async function runOne<O, S>(run: ActiveRun<O, S>, step: Step<O, S>): Promise<StepResult> {
  const needResults = await Promise.all((step.needs ?? []).map((n) => run.finished.get(n)!));
  const t0 = performance.now();
  const result = (status: StepStatus, extra: Partial<StepResult> = {}): StepResult => {
    const r: StepResult = { id: step.id, title: step.title, status, durationMs: Math.round(performance.now() - t0), startedMs: Math.round(t0 - run.started), ...extra };
    run.results.set(step.id, r);
    run.progress.finish(step.id, r);
    return r;
  };
  if (!run.selected.has(step.id)) return result('skipped', { message: run.o.skip?.includes(step.id) ? 'skipped: --skip' : 'skipped: not in --only' });
  const blocked = needResults.find((r) => r.status === 'failed' || r.status === 'not-run');
  if (blocked || run.signal.aborted) {
    return result('not-run', { message: blocked ? `needs ${blocked.id}, which did not complete` : 'stopped before it started' });
  }
  const ctx: StepContext<O, S> = {
    opts: run.rc.opts,
    kube: run.rc.kube,
    dryRun: run.rc.dryRun,
    state: run.state,
    signal: run.signal,
    report: (line) => run.progress.output(step.id, line),
  };
  if (step.enabled && !step.enabled(ctx)) return result('disabled', { message: `not needed: ${step.notNeeded?.(ctx) ?? 'this run does not use it'}` });
  run.progress.start(step.id);
  try {
    const done = step.skip ? await step.skip(ctx) : false;
    if (done !== false) return result('already-done', { message: done });
    const message = await step.run(ctx);
    return result('done', message ? { message } : {});
  } catch (e) {
    const { status, extra } = stepFailure(run, step, e, t0);
    return result(status, extra);
  }
}

/** A step that threw: timed out (the deadline), stopped by a sibling's failure, or the failure that stops the run. */
function stepFailure<O, S>(run: ActiveRun<O, S>, step: Step<O, S>, e: unknown, t0: number): Outcome {
  const reason: unknown = run.signal.aborted ? run.signal.reason : undefined;
  if (reason instanceof DeadlineError) return timedOut(run, step, e, t0, reason);
  // A sibling stopped by someone else's failure is not a second failure.
  if (run.firstError && run.signal.aborted) return { status: 'not-run', extra: { message: `stopped: ${run.firstError.message}` } };
  const err = toHcpError(e, step, run.signal);
  if (!run.firstError) run.firstError = err;
  run.abort(err);
  return failed(err);
}

/** The deadline stops every step that is running: each of them timed out, with its real duration. */
function timedOut<O, S>(run: ActiveRun<O, S>, step: Step<O, S>, e: unknown, t0: number, deadline: DeadlineError): Outcome {
  let err = toHcpError(e, step, run.signal);
  const specific = err !== deadline && isHcpError(e);
  if (!specific) err = new HcpError(`${step.id} timed out after ${formatMs(Math.round(performance.now() - t0))}: ${deadline.message}`, { hint: deadline.hint, cause: e });
  // The summary names what was being waited on (a wait's own message), not just "did not finish".
  if (!run.firstError || (specific && !run.firstSpecific)) {
    run.firstError = err;
    run.firstSpecific = specific;
  }
  return failed(err);
}

function failed(err: HcpError): Outcome {
  return { status: 'failed', extra: { message: err.message, error: { message: err.message, hint: err.hint } } };
}

function topological<O, S>(steps: Step<O, S>[]): Step<O, S>[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const out: Step<O, S>[] = [];
  const seen = new Set<string>();
  const visit = (s: Step<O, S>) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    for (const n of s.needs ?? []) visit(byId.get(n)!);
    out.push(s);
  };
  steps.forEach(visit);
  return out;
}

function toHcpError(e: unknown, step: Pick<Step, 'id'>, signal: AbortSignal): HcpError {
  if (isHcpError(e)) return e;
  // An abort caused by another step's failure surfaces here as that failure.
  if (signal.aborted && isHcpError(signal.reason)) return signal.reason;
  const message = e instanceof Error ? e.message : String(e);
  return new HcpError(`${step.id}: ${message}`, { cause: e, hint: 're-run with -v for details' });
}
