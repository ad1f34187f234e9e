// Progress display for the runner: a listr2 tree on a terminal, timestamped plain lines in CI, or nothing.
// Everything goes to stderr so stdout stays clean for `-o json`.
import { color, DefaultRenderer, figures, Listr, ListrDefaultRendererLogLevels, ListrLogger, ProcessOutput, type ListrTaskWrapper } from 'listr2';
import { formatMs } from './format.js';
import { wrap } from '../output/table.js';
import type { Step, StepResult } from './step.js';
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
  return process.stderr.isTTY && !process.env.CI ? 'tty' : 'plain';
}

export function createProgress(mode: ProgressMode, steps: Array<Pick<Step, 'id' | 'title' | 'needs'>>, title?: string): Progress {
  const resolved = resolveProgressMode(mode);
  if (resolved === 'none') return { start() {}, output() {}, finish() {}, close: async () => {} };
  if (resolved === 'plain') return plainProgress(process.stderr, title);
  return listrProgress(steps);
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}

export function plainProgress(out: NodeJS.WritableStream, title?: string): Progress {
  // Step messages carry cluster text: its control characters are shown, not obeyed.
  const write = (line: string) => out.write(`${clock()} ${escapeControl(line, { lines: true })}\n`);
  if (title) write(title);
  return {
    start: (id) => write(`▶ ${id}`),
    output: (id, line) => write(`  ${id}: ${line}`),
    finish: (id, r) => {
      const took = `(${(r.durationMs / 1000).toFixed(1)}s)`;
      if (r.status === 'done') write(`✔ ${id} ${took}${r.message ? ` ${r.message}` : ''}`);
      else if (r.status === 'already-done') write(`↓ ${id} already done: ${r.message ?? ''}`);
      else if (r.status === 'failed') write(`✖ ${id} ${took} ${r.message ?? ''}${r.error?.hint ? ` (hint: ${r.error.hint})` : ''}`);
      else if (r.status === 'not-run') write(`↓ ${id} not run: ${r.message ?? ''}`);
      else if (r.status === 'disabled') write(`↓ ${id} ${r.message ?? 'not needed'}`);
      // steps left out by --only/--skip are listed in the summary; no line needed while running
    },
    close: async () => {},
  };
}

/**
 * listr2 decides "TTY" and measures the width by stdout; this renderer draws on stderr regardless, so stdout
 * can carry JSON, and wraps every line to stderr's width (words kept whole, continuation lines indented).
 */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;

  protected override format(message: string, icon: string, level: number): string[] {
    if (message.trim() === '') return [];
    const indentation = 2;
    const columns = Math.max(20, (process.stderr.columns || 80) - level * indentation - 1);
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

function listrProgress(steps: Array<Pick<Step, 'id' | 'title' | 'needs'>>): Progress {
  const done = new Map(steps.map((s) => [s.id, deferred<StepResult>()]));
  const tasks = new Map<string, ListrTaskWrapper<unknown, typeof StderrRenderer, typeof StderrRenderer>>();
  // Until a step starts, say what it is waiting for.
  const pending = new Map<string, string>(steps.filter((s) => s.needs?.length).map((s) => [s.id, `waiting for ${s.needs!.join(', ')}`]));
  const listr = new Listr(
    steps.map((s) => ({
      title: s.title,
      task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, typeof StderrRenderer, typeof StderrRenderer>) => {
        tasks.set(s.id, task);
        const early = pending.get(s.id);
        if (early) task.output = escapeControl(early, { lines: true });
        const r = await done.get(s.id)!.promise;
        // The step's own duration: listr2's timer would count from the start of the whole run, since every
        // task starts at once and waits for its step.
        if (r.status === 'done') task.title = `${escapeControl(`${s.title}${r.message ? `: ${r.message}` : ''}`)} ${color.dim(`[${formatMs(r.durationMs)}]`)}`;
        else if (r.status === 'failed') throw new Error(failedText(r));
        else task.skip(skippedLine(s.title, r));
      },
    })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      renderer: StderrRenderer,
      fallbackRenderer: StderrRenderer,
      rendererOptions: {
        logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) }),
        // A step that did not need to run is not a warning: a dim ↓ and its reason on the title line.
        collapseSkips: true,
        icon: { [ListrDefaultRendererLogLevels.SKIPPED_WITH_COLLAPSE]: figures.arrowDown },
        color: { [ListrDefaultRendererLogLevels.SKIPPED_WITH_COLLAPSE]: (text?: string) => color.dim(text ?? "") },
        collapseErrors: false,
        showErrorMessage: true,
      },
    },
  );
  const running = listr.run().catch(() => undefined);
  return {
    start: (id) => {
      const task = tasks.get(id);
      if (task) task.output = 'started';
      else pending.delete(id);
    },
    output: (id, line) => {
      const task = tasks.get(id);
      if (task) task.output = escapeControl(line, { lines: true });
      else pending.set(id, line);
    },
    finish: (id, r) => done.get(id)?.resolve(r),
    close: async () => {
      await running;
    },
  };
}
