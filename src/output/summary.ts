// The end of every long-running command: a per-step table on stderr (or one JSON object on stdout) and an
// optional JUnit report for CI.
import { closeSync, openSync, readSync } from 'node:fs';
import type { RunSummary } from '../run/runner.js';
import { formatMs } from '../run/format.js';
import { resolveProgressMode, type ProgressMode } from '../run/progress.js';
import { nextCommand, renderTable, terminalWidth } from './table.js';
import { xmlText } from './escape.js';
import { errorJson, writeJson } from './json.js';
import { writeOutputFile, type OutputFileOptions } from './write-file.js';

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

/** Always valid XML 1.0, whatever a cluster put in a message (src/output/escape.ts). */
const xml = xmlText;

/** One test case per step; failed steps carry their message and hint, skipped ones a <skipped/> element. */
export function junitXml(suite: string, summary: RunSummary): string {
  const failures = summary.steps.filter((s) => s.status === 'failed').length;
  const skipped = summary.steps.filter((s) => s.status !== 'done' && s.status !== 'failed' && s.status !== 'already-done').length;
  const cases = summary.steps.map((s) => {
    const head = `    <testcase classname="${xml(suite)}" name="${xml(s.id)}" time="${(s.durationMs / 1000).toFixed(3)}">`;
    if (s.status === 'failed') {
      const body = [s.error?.message ?? s.message ?? 'failed', s.error?.hint ? `hint: ${s.error.hint}` : ''].filter(Boolean).join('\n');
      return `${head}\n      <failure message="${xml(s.error?.message ?? s.message ?? 'failed')}">${xml(body)}</failure>\n    </testcase>`;
    }
    if (s.status === 'done' || s.status === 'already-done') {
      return s.message ? `${head}\n      <system-out>${xml(s.message)}</system-out>\n    </testcase>` : `${head}</testcase>`;
    }
    return `${head}\n      <skipped message="${xml(`${s.status}${s.message ? `: ${s.message}` : ''}`)}"/>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hcp-kv" tests="${summary.steps.length}" failures="${failures}" time="${(summary.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(suite)}" tests="${summary.steps.length}" failures="${failures}" skipped="${skipped}" time="${(summary.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** An earlier report of hcp-kv's own: replaced without --force (a CI job re-runs with the same --junit path);
 * any other existing file is refused. */
export function isOwnJUnit(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(200);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hcp-kv"');
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export const junitFileOptions = (kubeconfig?: string): OutputFileOptions => ({ flag: '--junit', forceFlag: '', replaceable: isOwnJUnit, kubeconfig });

let junitWritten = false;

/** True once this process has written its JUnit report (cli.ts then writes no failure report). */
export function junitDone(): boolean {
  return junitWritten;
}

export async function writeJUnit(path: string, suite: string, summary: RunSummary, kubeconfig?: string): Promise<void> {
  await writeOutputFile(path, junitXml(suite, summary), junitFileOptions(kubeconfig));
  junitWritten = true;
}
