// The -o json contract: every command that accepts -o json prints exactly one JSON document on stdout for
// every outcome, with `ok`, and on failure `error.message`, `error.hint`, `error.exitCode`. Commands print
// their document through writeJson; main.ts prints the failure document when a command could not.
import { ExitCode, type HcpError } from '../errors.js';
import { runState } from '../run/io.js';

/** Prints the run's JSON document on its stdout (once: a run prints one document, the first). */
export function writeJson(doc: Record<string, unknown>): void {
  const state = runState();
  if (state.jsonPrinted) return;
  state.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  state.jsonPrinted = true;
}

/** True once this run has printed its JSON document. */
export function jsonPrinted(): boolean {
  return runState().jsonPrinted;
}

export function errorJson(e: Pick<HcpError, 'message' | 'hint'> & { exitCode: number }): { message: string; hint?: string; exitCode: number } {
  return { message: e.message, ...(e.hint ? { hint: e.hint } : {}), exitCode: e.exitCode ?? ExitCode.failed };
}

/** -o json / -ojson / --output json / --output=json anywhere on the command line (also before a usage error). */
export function wantsJson(argv: string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if ((a === '-o' || a === '--output') && argv[i + 1] === 'json') return true;
    if (a === '-ojson' || a === '--output=json') return true;
  }
  return false;
}
