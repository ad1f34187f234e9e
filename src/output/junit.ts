// The JUnit report for CI: one test case per step; always well-formed XML 1.0 (src/output/escape.ts). Kept
// apart from summary.ts so cli.ts can write a failure report without loading the progress renderer.
import { closeSync, openSync, readSync } from 'node:fs';
import { runState } from '../run/io.js';
import type { RunSummary } from '../run/runner.js';
import { xmlText } from './escape.js';
import { writeOutputFile, type OutputFileOptions } from './write-file.js';

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

/** True once this run has written its JUnit report (main.ts then writes no failure report). */
export function junitDone(): boolean {
  return runState().junitWritten === true;
}

export async function writeJUnit(path: string, suite: string, summary: RunSummary, kubeconfig?: string): Promise<void> {
  await writeOutputFile(path, junitXml(suite, summary), junitFileOptions(kubeconfig));
  runState().junitWritten = true;
}
