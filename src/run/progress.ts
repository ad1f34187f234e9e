// Progress display for the runner: a listr2 tree on a terminal, timestamped plain lines in CI, or nothing.
// Everything goes to stderr so stdout stays clean for `-o json`.
import { DefaultRenderer, Listr, ListrLogger, ProcessOutput, PRESET_TIMER, type ListrTaskWrapper } from 'listr2';
import type { Step, StepResult } from './step.js';

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
  const write = (line: string) => out.write(`${clock()} ${line}\n`);
  if (title) write(title);
  return {
    start: (id) => write(`▶ ${id}`),
    output: (id, line) => write(`  ${id}: ${line}`),
    finish: (id, r) => {
      const took = `(${(r.durationMs / 1000).toFixed(1)}s)`;
      if (r.status === 'done') write(`✔ ${id} ${took}${r.message ? ` ${r.message}` : ''}`);
      else if (r.status === 'already-done') write(`✔ ${id} already done: ${r.message ?? ''}`);
      else if (r.status === 'failed') write(`✖ ${id} ${took} ${r.message ?? ''}`);
      else if (r.status === 'not-run') write(`- ${id} not run: ${r.message ?? ''}`);
      // skipped/disabled steps are listed in the summary; no line needed while running
    },
    close: async () => {},
  };
}

/** listr2 decides "TTY" by stdout; this renderer draws on stderr regardless, so stdout can carry JSON. */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;
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
        if (early) task.output = early;
        const r = await done.get(s.id)!.promise;
        // listr2's timer shows the duration.
        if (r.status === 'done') task.title = `${s.title}${r.message ? `: ${r.message}` : ''}`;
        else if (r.status === 'failed') throw new Error(r.message ?? 'failed');
        else task.skip(`${s.title}: ${r.status === 'already-done' ? 'already done' : r.status}${r.message ? ` (${r.message})` : ''}`);
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
        timer: PRESET_TIMER,
        collapseSkips: false,
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
      if (task) task.output = line;
      else pending.set(id, line);
    },
    finish: (id, r) => done.get(id)?.resolve(r),
    close: async () => {
      await running;
    },
  };
}
