// The end of every long-running command: a per-step table on stderr (or one JSON object on stdout) and an
// optional JUnit report for CI.
import type { RunSummary } from '../run/runner.js';
import { formatMs } from '../run/format.js';
import { resolveProgressMode, type ProgressMode } from '../run/progress.js';
import { nextCommand, renderTable, terminalWidth } from './table.js';
import { errorJson, writeJson } from './json.js';

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
  const width = terminalWidth(process.stderr);
  if (resolveProgressMode(o.progress ?? 'auto') === 'tty') {
    process.stderr.write(closingLine(summary, o, width));
    return;
  }
  const rows = summary.steps.map((s) => [s.id, s.status, s.status === 'skipped' || s.status === 'disabled' ? '-' : formatMs(s.durationMs), s.message ?? '']);
  process.stderr.write(`\n${renderTable(rows, { headers: ['step', 'status', 'duration', 'detail'], width, shrinkFirst: [3] })}`);
  process.stderr.write(`${summary.ok ? 'Done' : 'Failed'} in ${formatMs(summary.durationMs)}\n`);
  if (summary.ok && o.result) process.stderr.write(`\n${o.result}.${o.next ? ` Next: ${o.next}` : ''}\n`);
}

/**
 * After the live tree: the result, the total time and the next command on one line; when that is wider than
 * the terminal the command moves, whole, to a line of its own so it can be copied.
 */
export function closingLine(summary: RunSummary, o: Pick<SummaryOptions, 'result' | 'next'>, width: number | undefined): string {
  const took = formatMs(summary.durationMs);
  if (!summary.ok) {
    const failed = summary.steps.find((s) => s.status === 'failed');
    return `\n✖ Failed after ${took}${failed ? ` at ${failed.id}` : ''}\n`;
  }
  const head = `✔ ${o.result ?? 'Done'} (${took}).`;
  return o.next ? `\n${nextCommand(`${head} Next:`, o.next, width)}\n` : `\n${head}\n`;
}

export function summaryJson(summary: RunSummary, extra?: Record<string, unknown>): Record<string, unknown> {
  return {
    ok: summary.ok,
    durationMs: summary.durationMs,
    ...(summary.error ? { error: errorJson(summary.error) } : {}),
    steps: summary.steps.map((s) => ({ id: s.id, title: s.title, status: s.status, durationMs: s.durationMs, ...(s.startedMs !== undefined ? { startedMs: s.startedMs } : {}), ...(s.message ? { message: s.message } : {}), ...(s.error ? { error: s.error } : {}) })),
    ...extra,
  };
}

// The JUnit report lives in junit.ts (small, so cli.ts can write a failure report without loading this module).
export { isOwnJUnit, junitDone, junitFileOptions, junitXml, writeJUnit } from './junit.js';
