// The streams, environment and interrupt signal of one run of the CLI (src/main.ts `run`), and the little state a
// run keeps (its JSON document printed, its exit code). Each run of `run()` is its own async context, so two
// runs in one process (tests, an embedding program) never see each other's output, environment or Ctrl-C —
// what kind passes explicitly as `cmd.IOStreams` (sigs.k8s.io/kind pkg/cmd/iostreams.go), threaded here by
// Node's AsyncLocalStorage so that the commands keep their signatures. Outside a run (bench, unit tests that
// call an operation directly) it is the process's own streams and a signal that never fires.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';

/** What a command writes to: a stream, possibly a terminal (then it has columns). */
export type OutStream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

export interface InStream extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: NodeJS.ProcessEnv;
  /** Aborted (with an InterruptedError) on Ctrl-C or SIGTERM of this run. */
  signal: AbortSignal;
}

export interface RunState {
  io: Io;
  /** The command line without the program (what `run` received). */
  args: string[];
  /** Set once this run printed its -o json document. */
  jsonPrinted: boolean;
  /** Set once this run wrote its --junit report (the failure path then writes none). */
  junitWritten?: boolean;
  /** A command's result other than success that is not an error (doctor not ready, diagnose unhealthy). */
  exitCode?: number;
  /** The command ends normally on an interrupt (`hcp-kv sim`): no "Interrupted" line, its own exit code. */
  stopsOnInterrupt: boolean;
}

/** Several runs in one process (tests, an embedding program): created by the first of them. */
let storage: AsyncLocalStorage<RunState> | undefined;
/** The CLI process (src/cli.ts) runs one command line: its run's state is the process's, see soleRun. */
let sole: { state?: RunState } | undefined;

const never = new AbortController().signal;
setMaxListeners(0, never);

function processState(): RunState {
  return { io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: never }, args: process.argv.slice(2), jsonPrinted: false, stopsOnInterrupt: false };
}

/** The current run (or the process, outside any run). */
export function runState(): RunState {
  return storage?.getStore() ?? sole?.state ?? processState();
}

/** The current run's streams, environment and interrupt signal. */
export function io(): Io {
  return runState().io;
}

/** Runs `fn` as the run `state`: everything it starts, sync or async, sees this state. */
export function withRunState<T>(state: RunState, fn: () => T): T {
  // The sole run's state is the process's; a second, different run in the process (nested) gets the storage.
  if (sole && (sole.state === undefined || sole.state === state)) {
    sole.state = state;
    return fn();
  }
  storage ??= new AsyncLocalStorage<RunState>();
  return storage.run(state, fn);
}

/**
 * For src/cli.ts: this process runs one command line, so its run's state needs no AsyncLocalStorage — whose
 * first use turns on Node's promise hooks, a cost on every promise from the start of `hcp-kv --help` on.
 */
export function soleRun(): void {
  sole = {};
}

/** A result that is not success but not an error either (the command's own verdict, e.g. doctor "not ready"). */
export function setExitCode(code: number): void {
  runState().exitCode = code;
}

/** For a command whose normal end is an interrupt (a server that runs until Ctrl-C). */
export function stopsOnInterrupt(): void {
  runState().stopsOnInterrupt = true;
}

/** Resolves when this run is interrupted. */
export function interrupted(signal: AbortSignal = io().signal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}
