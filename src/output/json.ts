// The -o json contract: every command that accepts -o json prints exactly one JSON document on stdout for
// every outcome, with `ok`, and on failure `error.message`, `error.hint`, `error.exitCode`. Commands print
// their document through writeJson; cli.ts prints the failure document when a command could not.
import { ExitCode, type HcpError } from '../errors.js';

let printed = false;

export function writeJson(doc: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  printed = true;
}

/** True once this process has printed its JSON document. */
export function jsonPrinted(): boolean {
  return printed;
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
