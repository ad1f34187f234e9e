// Progress display for the runner: a listr2 tree on a terminal, timestamped plain lines in CI, or nothing.
// Everything goes to stderr so stdout stays clean for `-o json`.
import { color, DefaultRenderer, figures, Listr, ListrDefaultRendererLogLevels, ListrLogger, ProcessOutput, type ListrTaskWrapper } from 'listr2';
import { formatMs } from './format.js';
import { wrap } from '../output/table.js';
import type { Step, StepResult } from './step.js';
import { io, runState } from './io.js';
import { escapeControl } from '../output/escape.js';

export type ProgressMode = 'auto' | 'tty' | 'plain' | 'none';

export interface Progress {
  start(id: string): void;
  output(id: string, line: string): void;
  finish(id: string, result: StepResult): void;
  close(): Promise<void>;
}

export function resolveProgressMode(mode: ProgressMode): 'tty' | 'plain' | 'none' {
  if (mode !== 'auto') return mode;
  return io().stderr.isTTY && !io().env.CI ? 'tty' : 'plain';
}

export function createProgress(mode: ProgressMode, steps: Array<Pick<Step, 'id' | 'title' | 'needs'>>, title?: string): Progress {
  const resolved = resolveProgressMode(mode);
  if (resolved === 'none') return { start() {}, output() {}, finish() {}, close: async () => {} };
  if (resolved === 'plain') return plainProgress(io().stderr, title);
  return listrProgress(steps);
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}

/** A step that never started because a step it needs failed or was not run: one count, not a line each. */
export function neverStarted(r: Pick<StepResult, 'status' | 'message'>): boolean {
  return r.status === 'not-run' && (r.message ?? '').startsWith('needs ');
}

export function plainProgress(out: NodeJS.WritableStream, title?: string): Progress {
  // Step messages carry cluster text: its control characters are shown, not obeyed.
  const write = (line: string) => out.write(`${clock()} ${escapeControl(line, { lines: true })}\n`);
  if (title) write(title);
  // Steps that never started are counted in one line when the run ends; the summary table lists each of them.
  let notStarted = 0;
  let failures = 0;
  return {
    start: (id) => write(`▶ ${id}`),
    output: (id, line) => write(`  ${id}: ${line}`),
    finish: (id, r) => {
      const took = `(${(r.durationMs / 1000).toFixed(1)}s)`;
      if (r.status === 'done') write(`✔ ${id} ${took}${r.message ? ` ${r.message}` : ''}`);
      else if (r.status === 'already-done') write(`↓ ${id} already done: ${r.message ?? ''}`);
      else if (r.status === 'failed') {
        // The first failure is the error the command prints at the end with its hint: its hint is said there, once.
        write(`✖ ${id} ${took} ${r.message ?? ''}${r.error?.hint && failures++ > 0 ? ` (hint: ${r.error.hint})` : ''}`);
      } else if (neverStarted(r)) notStarted++;
      else if (r.status === 'not-run') write(`↓ ${id} not run: ${r.message ?? ''}`);
      else if (r.status === 'disabled') write(`↓ ${id} ${r.message ?? 'not needed'}`);
      // steps left out by --only/--skip are listed in the summary; no line needed while running
    },
    close: async () => {
      if (notStarted) write(`↓ ${notStarted} ${notStarted === 1 ? 'step' : 'steps'} not started: ${notStarted === 1 ? 'it needs' : 'they need'} a step that did not complete`);
    },
  };
}

/**
 * listr2 decides "TTY" and measures the width by stdout; this renderer draws on stderr regardless, so stdout
 * can carry JSON, and wraps every line to stderr's width (words kept whole, continuation lines indented).
 */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;

  /** A step that has not started waits (no spinner); only running steps spin. */
  protected override style(task: Parameters<DefaultRenderer['style']>[0], output = false): string {
    if (!output && settled.has(task)) return settled.get(task)!;
    if (!output && waiting.has(task)) return color.dim(figures.squareSmallFilled);
    return super.style(task, output);
  }

  /** Each frame formats the same lines again: their wrapped form is kept (a finished step's line never changes). */
  private formatted?: Map<string, string[]>;

  protected override format(message: string, icon: string, level: number): string[] {
    if (message.trim() === '') return [];
    const indentation = 2;
    const columns = Math.max(20, (io().stderr.columns || 80) - level * indentation - 1);
    const key = `${level}\u0000${columns}\u0000${icon}\u0000${message}`;
    const cache = (this.formatted ??= new Map());
    const hit = cache.get(key);
    if (hit) return hit;
    if (cache.size > 1000) cache.clear();
    const out = this.wrapped(message, icon, level, columns, indentation);
    cache.set(key, out);
    return out;
  }

  private wrapped(message: string, icon: string, level: number, columns: number, indentation: number): string[] {
    const lines = (icon ? `${icon} ${message}` : message).split('\n');
    return lines
      .flatMap((line, i) => wrap(i > 0 ? `${' '.repeat(indentation)}${line.trimEnd()}` : line.trimEnd(), columns, ' '.repeat(indentation)))
      .filter((l) => l.trim() !== '')
      .map((l) => `${' '.repeat(level * indentation)}${l}`);
  }
}

/** What a finished step that did not run looks like in the tree: dim, with the reason in the user's terms. */
export function skippedLine(title: string, r: StepResult): string {
  const reason = r.status === 'already-done' ? `already done: ${r.message ?? ''}` : r.status === 'not-run' ? `not run: ${r.message ?? ''}` : (r.message ?? r.status);
  return color.dim(escapeControl(`${title} — ${reason}`, { lines: true }));
}

/** A failed step's error with its hint on the next line. */
export function failedText(r: StepResult): string {
  const message = r.error?.message ?? r.message ?? 'failed';
  return escapeControl(r.error?.hint ? `${message}\nhint: ${r.error.hint}` : message, { lines: true });
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** -v or --verbose on the command line: the tree then keeps every step, as plain mode does. */
export function verboseArgv(argv: string[] = runState().args): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--verbose' || /^-v+$/.test(a));
}

function listrProgress(steps: Array<Pick<Step, 'id' | 'title' | 'needs'>>): Progress {
  // Steps drawn as not needed wait for the end of the run: when nothing else had work either, they vanish too.
  const release = deferred<boolean>();
  const run: TreeRun = { done: new Map(steps.map((s) => [s.id, deferred<StepResult>()])), tasks: new Map(), finished: new Map(), tree: { detailed: verboseArgv(), started: new Set(), release: release.promise } };
  const listr = new Listr(
    steps.map((s) => stepTask(run, s)),
    listrOptions(),
  );
  const running = listr.run().catch(() => undefined);
  return {
    start: (id) => showActivity(run, id, 'started'),
    output: (id, line) => showActivity(run, id, escapeControl(line, { lines: true })),
    finish: (id, r) => {
      run.finished.set(id, r);
      run.done.get(id)?.resolve(r);
      // The steps still waiting say what for: fewer needs are open now.
      for (const s of steps) {
        const task = run.tasks.get(s.id);
        if (task && !run.tree.started.has(s.id) && !run.finished.has(s.id)) task.output = waitingFor(run, s);
      }
    },
    close: async () => {
      release.resolve(converged([...run.finished.values()]));
      await running;
    },
  };
}

/** The tree while the run goes on: each step's result to come, its listr task, the results so far. */
interface TreeRun {
  done: Map<string, Deferred<StepResult>>;
  tasks: Map<string, Task>;
  finished: Map<string, StepResult>;
  tree: Tree;
}

/** One step's listr task: it waits for the step's result, then draws it. */
function stepTask(run: TreeRun, s: Pick<Step, 'id' | 'title' | 'needs'>) {
  return {
    title: s.title,
    task: async (_ctx: unknown, task: Task) => {
      run.tasks.set(s.id, task);
      waiting.add(task.task);
      if (!run.tree.started.has(s.id)) task.output = waitingFor(run, s);
      const r = await run.done.get(s.id)!.promise;
      waiting.delete(task.task);
      await drawResult(task, s, r, run.tree);
    },
  };
}

/** Until a step starts, say what it is still waiting for: only needs that have not finished. */
function waitingFor(run: TreeRun, s: Pick<Step, 'needs'>): string {
  const open = (s.needs ?? []).filter((n) => !run.finished.has(n));
  return open.length ? `waiting for ${open.join(', ')}` : '';
}

/** A step that started or reported: it spins, with its latest line. */
function showActivity(run: TreeRun, id: string, line: string): void {
  run.tree.started.add(id);
  const task = run.tasks.get(id);
  if (task) {
    waiting.delete(task.task);
    task.output = line;
  }
}

/** Preflight and check-* steps only read the cluster: passing them is not work done. */
export function readOnlyStep(id: string): boolean {
  return id === 'preflight' || id.startsWith('check-');
}

/** Nothing had work to do: every step was already done, not needed, left out, or a check that passed. */
export function converged(results: Array<Pick<StepResult, 'id' | 'status'>>): boolean {
  return results.length > 0 && results.every((r) => r.status === 'already-done' || r.status === 'disabled' || r.status === 'skipped' || (r.status === 'done' && readOnlyStep(r.id)));
}

/** Finished steps whose line waits for the end of the run, with the icon they are drawn with meanwhile. */
const settled = new WeakMap<object, string>();

type Task = ListrTaskWrapper<unknown, typeof StderrRenderer, typeof StderrRenderer>;

/** Every task at once (each waits for its step), drawn on stderr by StderrRenderer. */
function listrOptions() {
  return {
    concurrent: true,
    exitOnError: false,
    registerSignalListeners: false,
    renderer: StderrRenderer,
    fallbackRenderer: StderrRenderer,
    rendererOptions: {
      logger: new ListrLogger({ processOutput: new ProcessOutput(io().stderr as NodeJS.WriteStream, io().stderr as NodeJS.WriteStream) }),
      // A step that did not need to run is not a warning: a dim ↓ and its reason on the title line.
      collapseSkips: true,
      icon: { [ListrDefaultRendererLogLevels.SKIPPED_WITH_COLLAPSE]: figures.arrowDown },
      color: { [ListrDefaultRendererLogLevels.SKIPPED_WITH_COLLAPSE]: (text?: string) => color.dim(text ?? '') },
      collapseErrors: false,
      showErrorMessage: true,
    },
  } as const;
}

/** What drawing one finished step needs to know about the run. */
interface Tree {
  /** -v: every step keeps its line. */
  detailed: boolean;
  /** Steps that started (or reported). */
  started: Set<string>;
  /** Resolves at the end of the run: true when no step had work to do. */
  release: Promise<boolean>;
  /** The first failure's message: the error the command prints at the end. */
  firstFailure?: string;
}

/** A finished step's line in the tree. */
async function drawResult(task: Task, s: Pick<Step, 'id' | 'title'>, r: StepResult, tree: Tree): Promise<void> {
  // The step's own duration: listr2's timer would count from the start of the whole run, since every task
  // starts at once and waits for its step.
  if (r.status === 'done') {
    task.title = `${escapeControl(`${s.title}${r.message ? `: ${r.message}` : ''}`)} ${color.dim(`[${formatMs(r.durationMs)}]`)}`;
    // A check that passed is drawn as done at once; it vanishes at the end if nothing had work to do.
    if (!tree.detailed && readOnlyStep(s.id)) await settle(task, color.green(figures.tick), tree, () => undefined);
  } else if (r.status === 'failed') {
    // The first failure is the error the command prints at the end, once: here its title is enough.
    const message = escapeControl(r.error?.message ?? r.message ?? 'failed', { lines: true });
    if (tree.firstFailure === undefined) {
      tree.firstFailure = message;
      // A check that failed before anything started: the closing line names it, the error follows.
      if (!tree.detailed && readOnlyStep(s.id) && [...tree.started].every((id) => id === s.id)) return hide(task);
    } else if (message !== tree.firstFailure) throw new Error(message);
    throw new Error('');
  } else if (!tree.detailed && (r.status === 'already-done' || neverStarted(r))) hide(task);
  else if (!tree.detailed && r.status === 'disabled') {
    // Only the closing line speaks for a run in which nothing had work to do.
    task.title = skippedLine(s.title, r);
    await settle(task, color.dim(figures.arrowDown), tree, () => task.skip(skippedLine(s.title, r)));
  } else task.skip(skippedLine(s.title, r));
}

/** Drawn with `icon` until the run ends; then hidden if nothing had work to do, else `keep()`. */
async function settle(task: Task, icon: string, tree: Tree, keep: () => void): Promise<void> {
  settled.set(task.task, icon);
  task.output = '';
  if (await tree.release) hide(task);
  else keep();
}

/** Tasks whose step has not started: drawn with the waiting icon, not a spinner. */
const waiting = new WeakSet<object>();

/** A step the tree leaves out (it had nothing to do, or never started); the closing line counts it. */
function hide(task: Task): void {
  task.title = '';
  task.skip('');
}
