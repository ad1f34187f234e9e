// --junit for a run that failed before it had a summary (bad input: exit 2; no cluster: exit 3; interrupted):
// CI still gets a report, with one failed test case saying why, instead of no file at all. cli.ts calls this on
// every failure path; a command that wrote its own report (writeJUnit) is left alone.
import { junitDone, junitFileOptions, junitXml } from './junit.js';
import { writeOutputFileSync } from './write-file.js';

const VALUE_FLAGS = /^(--kubeconfig|--context|--progress|--request-timeout|--reconnect-window)$/;

function flagValue(argv: string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === flag) return argv[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

/** The command as its JUnit suite is named: "bootstrap", "nodepool scale". */
function suiteOf(args: string[]): string {
  const words = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && VALUE_FLAGS.test(args[i - 1]!)));
  return words[0] === 'nodepool' && words[1] ? `nodepool ${words[1]}` : (words[0] ?? 'hcp-kv');
}

const CASE: Record<number, string> = { 2: 'check-input', 3: 'connect', 130: 'interrupted' };

/** Writes the failure report when --junit was given and no report was written; never throws. */
export function writeFailureJUnit(argv: string[], e: { message: string; hint?: string; exitCode: number }): void {
  const args = argv.slice(2);
  const path = flagValue(args, '--junit');
  if (!path || junitDone()) return;
  try {
    const summary = { ok: false, durationMs: 0, steps: [{ id: CASE[e.exitCode] ?? 'run', title: 'hcp-kv', status: 'failed' as const, durationMs: 0, error: { message: `${e.message} (exit ${e.exitCode})`, hint: e.hint } }] };
    writeOutputFileSync(path, junitXml(suiteOf(args), summary), junitFileOptions(flagValue(args, '--kubeconfig')));
  } catch {
    // The report path itself may be what was wrong (it exists, it is a link): the error already says so.
  }
}
