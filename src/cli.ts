#!/usr/bin/env node
// The command-line entry point: global flags, command registration, and the ONLY place that exits.
// Keep this file's static imports light: @kubernetes/client-node is loaded lazily by the commands
// that talk to a cluster, so `hcp-kv --help` starts about as fast as `node -e 0`.
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, HcpError } from './errors.js';
import { registerCommands } from './commands/index.js';
import { VERSION } from './version.js';
import { interrupt, interruptSignal } from './run/interrupt.js';
import { escapeControl } from './output/escape.js';
import { writeFailureJUnit } from './output/junit-error.js';
import { errorJson, jsonPrinted, wantsJson, writeJson } from './output/json.js';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  verbose: number;
  color: boolean;
  progress: 'auto' | 'tty' | 'plain' | 'none';
  requestTimeout: string;
  reconnectWindow: string;
}

function buildProgram(): Command {
  const program = new Command('hcp-kv')
    .description('Prepare a bare-metal OpenShift cluster for HyperShift with KubeVirt, and manage hosted clusters on it')
    .version(VERSION, '--version', 'print the version and exit')
    .option('--kubeconfig <path>', 'kubeconfig file (else $KUBECONFIG, else ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-v, --verbose', 'more output; repeat for the request log (-vv)', (_v: string, prev: number) => prev + 1, 0)
    .option('--no-color', 'disable colours (also NO_COLOR)')
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'tty', 'plain', 'none']).default('auto'))
    .option('--request-timeout <duration>', 'give up on a request the API server does not answer within this long (0: never; watches excepted)', '30s')
    .option('--reconnect-window <duration>', 'once connected, ride out a refused or reset connection (an API-server restart) for this long', '2m')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  registerCommands(program);
  return program;
}

function verbosity(argv: string[]): number {
  let n = 0;
  for (const a of argv) {
    if (a === '--verbose') n++;
    else if (/^-v+$/.test(a)) n += a.length - 1;
  }
  return n;
}

/** With -o json, the failure document when the command printed none (usage errors, unreachable, interrupt). */
function printErrorJson(message: string, hint: string | undefined, exitCode: ExitCode): void {
  writeFailureJUnit(process.argv, { message, hint, exitCode }); // --junit too gets a report on every failure
  if (!wantsJson(process.argv) || jsonPrinted()) return;
  const command = process.argv.slice(2).find((a, i, all) => !a.startsWith('-') && !(i > 0 && /^(--kubeconfig|--context|--progress|--request-timeout|--reconnect-window)$/.test(all[i - 1]!)));
  writeJson({ ok: false, ...(command ? { command } : {}), error: errorJson({ message, hint, exitCode }) });
}

/** Error and hint for a person: on a terminal wrapped at its width, words whole; elsewhere one line each. */
async function printError(e: unknown, verbose: number): Promise<ExitCode> {
  const width = process.stderr.isTTY ? process.stderr.columns : undefined;
  const wrap = width ? (await import('./output/table.js')).wrap : undefined;
  const say = (raw: string) => {
    const line = escapeControl(raw, { lines: true }); // error messages quote cluster text: shown, not obeyed
    process.stderr.write(`${wrap && width ? wrap(line, width, '  ').join('\n') : line}\n`);
  };
  // Whatever ended a command after Ctrl-C (an aborted request, a stopped step) is the interrupt.
  if (interruptSignal.aborted && !(e instanceof HcpError && e.exitCode === ExitCode.interrupted)) e = interruptSignal.reason;
  if (e instanceof HcpError) {
    printErrorJson(e.message, e.hint, e.exitCode);
    say(`Error: ${e.message}`);
    if (e.hint) say(`Hint: ${e.hint}`);
    if (verbose > 0) {
      for (const d of e.details) process.stderr.write(`  ${d}\n`);
      if (e.cause instanceof Error && e.cause.stack) process.stderr.write(`${e.cause.stack}\n`);
      if (e.stack) process.stderr.write(`${e.stack}\n`);
    }
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  printErrorJson(err.message, 'this is unexpected; re-run with -v for details and report it', ExitCode.failed);
  say(`Error: ${err.message}`);
  say('Hint: this is unexpected; re-run with -v for details and report it');
  if (verbose > 0 && err.stack) process.stderr.write(`${err.stack}\n`);
  return ExitCode.failed;
}

async function main(argv: string[]): Promise<ExitCode> {
  // listr2 and the libraries it uses read NO_COLOR.
  if (argv.includes('--no-color')) process.env.NO_COLOR = '1';
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    if (interruptSignal.aborted) return printError(interruptSignal.reason, verbosity(argv));
    return (process.exitCode as ExitCode | undefined) ?? ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      if (e.exitCode === 0) return ExitCode.ok;
      printErrorJson(e.message.replace(/^error: /, ''), 'run the command with --help for the accepted flags and values', ExitCode.usage);
      return ExitCode.usage;
    }
    return await printError(e, verbosity(argv));
  }
}

process.on('SIGINT', () => {
  if (interruptSignal.aborted) forceInterruptExit();
  process.stderr.write('\nInterrupted; stopping (press Ctrl-C again to exit at once)\n');
  interrupt();
  // Commands abort their work on the signal; do not let a stuck one hold the terminal.
  setTimeout(forceInterruptExit, 3000).unref();
});
process.on('SIGTERM', () => {
  interrupt();
  setTimeout(forceInterruptExit, 3000).unref();
});

function forceInterruptExit(): never {
  const reason = interruptSignal.reason as HcpError | undefined;
  printErrorJson(reason?.message ?? 'interrupted', reason?.hint, ExitCode.interrupted);
  process.exit(ExitCode.interrupted);
}

main(process.argv).then(
  (code) => process.exit(interruptSignal.aborted ? ExitCode.interrupted : code),
  (e) => printError(e, verbosity(process.argv)).then((code) => process.exit(code)),
);
