// The CLI as a library: `run(args, io)` parses and runs one command line and resolves with its exit code, like
// kind's `app.Run` (sigs.k8s.io/kind pkg/cmd/kind/app/main.go). It never exits the process and touches no process
// state: output goes to the streams it is given, the environment is the one it is given, and an interrupt is the
// signal it is given. src/cli.ts is the thin wrapper that gives it the process's own.
import { setMaxListeners } from 'node:events';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, HcpError, InterruptedError } from './errors.js';
import { registerCommands } from './commands/index.js';
import { declareHelpTargets, registerLazily, subcommandTerm } from './commands/flags.js';
import { VERSION } from './version.js';
import { helpLayout, wrapHelpText } from './output/help.js';
import { withRunState, type InStream, type Io, type OutStream, type RunState } from './run/io.js';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  verbose: number;
  color: boolean;
  progress: 'auto' | 'tty' | 'plain' | 'none';
  requestTimeout: string;
  reconnectWindow: string;
}

export interface RunOptions {
  stdout?: OutStream;
  stderr?: OutStream;
  stdin?: InStream;
  /** The environment the command sees (KUBECONFIG, PULL_SECRET, CI, PATH for the `hypershift` binary, ...). */
  env?: NodeJS.ProcessEnv;
  /** Ctrl-C / SIGTERM: the command stops its work; `run` resolves with 130 (after at most `graceMs`). */
  signal?: AbortSignal;
  /** A second Ctrl-C: `run` resolves with 130 at once, whatever the command is doing. */
  kill?: AbortSignal;
  /** How long an interrupted command may take to stop before `run` gives up on it (default 3 s). */
  graceMs?: number;
}

const STOPPING = '\nInterrupted; stopping (press Ctrl-C again to exit at once)\n';
const GLOBAL_VALUE_FLAGS = /^(--kubeconfig|--context|--progress|--request-timeout|--reconnect-window)$/;

/**
 * The program. `lazy` (what `run` uses): each command's flags are declared only when it is about to parse or show
 * its help (commands/flags.ts), so that `hcp-kv --help` does not build what it does not show. Built eagerly
 * (the default), every command is complete at once, for code that walks the tree.
 */
export function buildProgram(io: Pick<Io, 'stdout' | 'stderr' | 'env'>, o: { lazy?: boolean } = {}): Command {
  // The streams are read when written to: a process's stderr is not set up for a run that never writes to it.
  const { env } = io;
  const colors = (s: OutStream) => Boolean(s.isTTY) && !env.NO_COLOR && env.FORCE_COLOR !== '0';
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
    .configureHelp(o.lazy ? { ...helpLayout(), subcommandTerm } : helpLayout())
    // Commander writes only help and --version through writeOut: wrapped at the help's width.
    .configureOutput({
      writeErr: (s) => io.stderr.write(s),
      writeOut: (s) => io.stdout.write(wrapHelpText(s, io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 80)),
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) as number,
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) as number,
      getOutHasColors: () => colors(io.stdout),
      getErrHasColors: () => colors(io.stderr),
    });
  // The same class as extra-typings' typed commands (commands/flags.ts), seen through commander's own types.
  if (o.lazy) registerLazily(program as unknown as CommandUnknownOpts, () => registerCommands(program));
  else registerCommands(program);
  return program;
}

function verbosity(args: string[]): number {
  let n = 0;
  for (const a of args) {
    if (a === '--verbose') n++;
    else if (/^-v+$/.test(a)) n += a.length - 1;
  }
  return n;
}

/** With -o json, the failure document when the command printed none (usage errors, unreachable, interrupt). */
async function printErrorJson(state: RunState, message: string, hint: string | undefined, exitCode: ExitCode): Promise<void> {
  // --junit too gets a report on every failure (its module is loaded only then: it is not on the --help path).
  if (state.args.some((a) => a === '--junit' || a.startsWith('--junit='))) {
    const { writeFailureJUnit } = await import('./output/junit-error.js');
    writeFailureJUnit(['node', 'hcp-kv', ...state.args], { message, hint, exitCode });
  }
  const { errorJson, jsonPrinted, wantsJson, writeJson } = await import('./output/json.js'); // failures only: not on the --help path
  if (!wantsJson(state.args) || jsonPrinted()) return;
  const command = state.args.find((a, i, all) => !a.startsWith('-') && !(i > 0 && GLOBAL_VALUE_FLAGS.test(all[i - 1]!)));
  writeJson({ ok: false, ...(command ? { command } : {}), error: errorJson({ message, hint, exitCode }) });
}

/** Error and hint for a person: on a terminal wrapped at its width, words whole; elsewhere one line each. */
async function printError(state: RunState, e: unknown): Promise<ExitCode> {
  const { stderr, signal } = state.io;
  const verbose = verbosity(state.args);
  const width = stderr.isTTY ? stderr.columns : undefined;
  const wrap = width ? (await import('./output/table.js')).wrap : undefined;
  const { escapeControl } = await import('./output/escape.js');
  const say = (raw: string) => {
    const line = escapeControl(raw, { lines: true }); // error messages quote cluster text: shown, not obeyed
    stderr.write(`${wrap && width ? wrap(line, width, '  ').join('\n') : line}\n`);
  };
  // Whatever ended a command after Ctrl-C (an aborted request, a stopped step) is the interrupt.
  if (signal.aborted && !(e instanceof HcpError && e.exitCode === ExitCode.interrupted)) e = signal.reason;
  if (e instanceof HcpError) {
    await printErrorJson(state, e.message, e.hint, e.exitCode);
    say(`Error: ${e.message}`);
    if (e.hint) say(`Hint: ${e.hint}`);
    if (verbose > 0) {
      for (const d of e.details) stderr.write(`  ${d}\n`);
      if (e.cause instanceof Error && e.cause.stack) stderr.write(`${e.cause.stack}\n`);
      if (e.stack) stderr.write(`${e.stack}\n`);
    }
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  await printErrorJson(state, err.message, 'this is unexpected; re-run with -v for details and report it', ExitCode.failed);
  say(`Error: ${err.message}`);
  say('Hint: this is unexpected; re-run with -v for details and report it');
  if (verbose > 0 && err.stack) stderr.write(`${err.stack}\n`);
  return ExitCode.failed;
}

/** Parses and runs the command; its exit code (interrupts and errors included). */
async function runCommand(state: RunState): Promise<ExitCode> {
  const { signal } = state.io;
  try {
    // An interrupt before the command even started (the first moments of the process) is still an interrupt.
    if (signal.aborted) return await printError(state, signal.reason);
    const program = buildProgram(state.io, { lazy: true });
    declareHelpTargets(program as unknown as CommandUnknownOpts, state.args); // `help NAME` shows NAME's help without dispatching to it
    await program.parseAsync(state.args, { from: 'user' });
    if (signal.aborted && !state.stopsOnInterrupt) return await printError(state, signal.reason);
    return (state.exitCode as ExitCode | undefined) ?? ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      if (e.exitCode === 0) return ExitCode.ok;
      await printErrorJson(state, e.message.replace(/^error: /, ''), 'run the command with --help for the accepted flags and values', ExitCode.usage);
      return ExitCode.usage;
    }
    return await printError(state, e);
  }
}

/**
 * Runs one command line (`args` without the program name) and resolves with its exit code; never rejects,
 * never exits. Two runs in one process are independent (each has its own streams, environment, interrupt).
 */
export async function run(args: string[], o: RunOptions = {}): Promise<number> {
  const interrupt = new AbortController();
  // Every step, wait and request of the command listens on this signal.
  setMaxListeners(0, interrupt.signal);
  // The process's streams are set up when first used (`hcp-kv --help` never reads stdin nor writes to stderr).
  const io: Io = {
    get stdout() {
      return o.stdout ?? process.stdout;
    },
    get stderr() {
      return o.stderr ?? process.stderr;
    },
    get stdin() {
      return o.stdin ?? process.stdin;
    },
    env: o.env ?? process.env,
    signal: interrupt.signal,
  };
  const state: RunState = {
    io,
    args,
    jsonPrinted: false,
    stopsOnInterrupt: false,
  };
  const cleanup: Array<() => void> = [];
  const on = (signal: AbortSignal | undefined, f: () => void) => {
    if (!signal) return;
    if (signal.aborted) return f();
    signal.addEventListener('abort', f, { once: true });
    cleanup.push(() => signal.removeEventListener('abort', f));
  };
  // Resolves when the command cannot be waited for any longer: a second Ctrl-C, or the grace period is over.
  let forced!: () => void;
  const gaveUp = new Promise<'forced'>((resolve) => (forced = () => resolve('forced')));
  on(o.signal, () => {
    if (!state.stopsOnInterrupt) io.stderr.write(STOPPING);
    interrupt.abort(new InterruptedError());
    const t = setTimeout(forced, o.graceMs ?? 3000);
    t.unref?.();
    cleanup.push(() => clearTimeout(t));
  });
  on(o.kill, () => {
    interrupt.abort(new InterruptedError());
    forced();
  });
  const work = withRunState(state, () => runCommand(state));
  try {
    const outcome = await Promise.race([work, gaveUp]);
    if (outcome !== 'forced') return interrupt.signal.aborted && !state.stopsOnInterrupt ? ExitCode.interrupted : outcome;
    const reason = interrupt.signal.reason as HcpError;
    await withRunState(state, () => printErrorJson(state, reason.message, reason.hint, ExitCode.interrupted));
    work.catch(() => undefined);
    return ExitCode.interrupted;
  } finally {
    for (const f of cleanup) f();
  }
}
