// The end of every long-running command: a per-step table on stderr (or one JSON object on stdout) and an
// optional JUnit report for CI.
import type { RunSummary } from '../run/runner.js';
import { formatMs } from '../run/format.js';
import { converged as nothingToDo, neverStarted, readOnlyStep, resolveProgressMode, verboseArgv, type ProgressMode } from '../run/progress.js';
import { nextCommand, renderTable, terminalWidth } from './table.js';
import { errorJson, writeJson } from './json.js';
import { io } from '../run/io.js';
import { ExitCode } from '../errors.js';

export interface SummaryOptions {
  output: 'text' | 'json';
  extra?: Record<string, unknown>;
  /** How progress was drawn: on a terminal the live tree is the record, so no table follows it. */
  progress?: ProgressMode;
  /** What succeeded, for the closing line: 'The management cluster is ready'. */
  result?: string;
  /** The command to run next, named on the last line of a successful run. */
  next?: string;
}

export function printSummary(summary: RunSummary, o: SummaryOptions): void {
  if (o.output === 'json') {
    writeJson(summaryJson(summary, o.extra));
    return;
  }
  const width = terminalWidth(io().stderr);
  if (resolveProgressMode(o.progress ?? 'auto') === 'tty') {
    io().stderr.write(closingLine(summary, o, width, verboseArgv()));
    return;
  }
  const rows = summary.steps.map((s) => [s.id, s.status, s.status === 'skipped' || s.status === 'disabled' ? '-' : formatMs(s.durationMs), s.message ?? '']);
  io().stderr.write(`\n${renderTable(rows, { headers: ['step', 'status', 'duration', 'detail'], width, shrinkFirst: [3] })}`);
  io().stderr.write(`${summary.ok ? 'Done' : 'Failed'} in ${formatMs(summary.durationMs)}\n`);
  if (summary.ok && o.result) io().stderr.write(`\n${o.result}.${o.next ? ` Next: ${o.next}` : ''}\n`);
}

/**
 * After the live tree: the result, the total time and the next command on one line; when that is wider than
 * the terminal the command moves, whole, to a line of its own so it can be copied. A run in which no step had
 * work to do is that one line (the tree drew nothing); a failed run counts the steps that never started.
 */
export function closingLine(summary: RunSummary, o: Pick<SummaryOptions, 'result' | 'next'>, width: number | undefined, verbose = false): string {
  const took = formatMs(summary.durationMs);
  const count = (n: number, what: string) => `${n} ${n === 1 ? 'step' : 'steps'} ${what}`;
  if (!summary.ok) {
    // A usage error (a flag, a file in the way) is the error and its hint alone.
    if (summary.error?.exitCode === ExitCode.usage) return '';
    const failed = summary.steps.filter((s) => s.status === 'failed');
    const notStarted = summary.steps.filter(neverStarted).length;
    // Preflight and check-* steps only read: when one of them failed and nothing else ran, nothing changed.
    const unchanged = failed.length > 0 && failed.every((s) => readOnlyStep(s.id)) && !summary.steps.some((s) => s.status === 'done' && !readOnlyStep(s.id));
    const tail = [unchanged ? 'nothing was changed' : '', notStarted ? count(notStarted, 'not started') : ''].filter(Boolean).join('; ');
    // A check that failed before anything started is not drawn in the tree: this line is the first.
    const lead = !verbose && summary.steps.every((s) => neverStarted(s) || s.status === 'already-done' || s.status === 'skipped' || (s.status === 'failed' && readOnlyStep(s.id))) ? '' : '\n';
    return `${lead}✖ Failed after ${took}${failed[0] ? ` at ${failed[0].id}` : ''}${tail ? ` — ${tail}` : ''}\n`;
  }
  const already = summary.steps.filter((s) => s.status === 'already-done').length;
  const notNeeded = summary.steps.filter((s) => s.status === 'disabled').length;
  const converged = nothingToDo(summary.steps);
  const head = converged
    ? `✔ nothing to do — ${[already ? count(already, 'already done') : '', notNeeded ? `${notNeeded} not needed` : ''].filter(Boolean).join(', ')} (${took}).`
    : `✔ ${o.result ?? 'Done'} (${took}${already ? `, ${already} already done` : ''}).`;
  const lead = converged && !verbose ? '' : '\n';
  return o.next ? `${lead}${nextCommand(`${head} Next:`, o.next, width)}\n` : `${lead}${head}\n`;
}

export function summaryJson(summary: RunSummary, extra?: Record<string, unknown>): Record<string, unknown> {
  return {
    ok: summary.ok,
    durationMs: summary.durationMs,
    ...(summary.error ? { error: errorJson(summary.error) } : {}),
    steps: summary.steps.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      durationMs: s.durationMs,
      ...(s.startedMs !== undefined ? { startedMs: s.startedMs } : {}),
      ...(s.message ? { message: s.message } : {}),
      ...(s.error ? { error: s.error } : {}),
    })),
    ...extra,
  };
}

// The JUnit report lives in junit.ts (small, so cli.ts can write a failure report without loading this module).
export { isOwnJUnit, junitDone, junitFileOptions, junitXml, writeJUnit } from './junit.js';
