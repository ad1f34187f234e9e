// Running the CLI in tests. `runCli` runs it in this process through `run()` (src/main.ts), with its own
// streams, environment and interrupt — fast, and what most tests need. `spawnCli` runs the built program
// (dist/cli.js) as a child process, for tests whose subject is the process boundary: signals, the real exit
// status, a terminal, start-up.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Give up after this long: the run is killed (in-process: ended at once with 130; result.signal SIGKILL). */
  timeout?: number;
  cwd?: string;
  /** In-process only: aborting it is Ctrl-C for this run. */
  signal?: AbortSignal;
  /** In-process only: stdout and stderr are terminals this many columns wide (no CI variable: the live display). */
  columns?: number;
}

const testEnv = (env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', CI: 'true', ...env });

class Capture extends Writable {
  text = '';
  constructor(readonly columns?: number) {
    super();
  }
  get isTTY(): boolean {
    return this.columns !== undefined;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

// The CLI resolves relative paths (--kubeconfig-out's default, --pull-secret ps.json) against the working folder,
// which is the process's: runs with different `cwd`s take turns (vitest runs each file in its own process).
const home = process.cwd();
let inCwd = 0;
let turn: Promise<void> = Promise.resolve();
let releaseTurn: (() => void) | undefined;
async function enterCwd(cwd: string): Promise<void> {
  while (inCwd > 0 && process.cwd() !== cwd) await turn;
  if (inCwd++ === 0) {
    turn = new Promise((r) => (releaseTurn = r));
    process.chdir(cwd);
  }
}
function leaveCwd(): void {
  if (--inCwd > 0) return;
  process.chdir(home);
  releaseTurn?.();
}

/**
 * Loads (and lets vitest transform) the CLI's modules, the lazily imported ones included: start-up, which a
 * spawned CLI pays before its first line, must not count against a command's --timeout in-process either.
 */
export async function warmUpCli(): Promise<void> {
  const commands = fileURLToPath(new URL('../../src/commands/', import.meta.url));
  const impls = readdirSync(commands)
    .filter((f) => f.endsWith('-impl.ts'))
    .map((f) => join(commands, f));
  await Promise.all([import('../../src/main.js'), import('../../src/kube/client.js'), ...impls.map((f) => import(f))]);
}

/** Runs the CLI in this process (`run(args, …)`), its output captured. */
export async function runCli(args: string[], o: CliOptions = {}): Promise<CliResult> {
  const { run } = await import('../../src/main.js');
  const start = performance.now();
  const stdout = new Capture(o.columns);
  const stderr = new Capture(o.columns);
  const kill = new AbortController();
  const timer = setTimeout(() => kill.abort(), o.timeout ?? 120_000);
  await enterCwd(o.cwd ?? home);
  try {
    const code = await run(args, { stdout, stderr, stdin: Readable.from([o.input ?? '']), env: testEnv(o.columns ? { CI: undefined, ...o.env } : o.env), signal: o.signal, kill: kill.signal });
    return { code, signal: kill.signal.aborted ? 'SIGKILL' : null, stdout: stdout.text, stderr: stderr.text, ms: performance.now() - start };
  } finally {
    clearTimeout(timer);
    leaveCwd();
  }
}

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the `count`-th stderr line matching `re` (rejects if the process ends first). */
  waitForStderr(re: RegExp, count?: number): Promise<string>;
  done: Promise<CliResult>;
}

/** Starts the built CLI as a child process (the real program, as a user runs it); its output captured. */
export function startCli(args: string[], o: Omit<CliOptions, 'signal'> & { nodeArgs?: string[]; extraPipe?: boolean } = {}): SpawnedCli {
  const start = performance.now();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), CLI, ...args], { env: testEnv(o.env), cwd: o.cwd, stdio: o.extraPipe ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeout ?? 120_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - start });
    });
  });
  child.stdin.end(o.input ?? '');
  const waitForStderr = (re: RegExp, count = 1) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = stderr.split('\n').filter((l) => re.test(l))[count - 1];
        if (line === undefined) return false;
        child.stderr.off('data', onData);
        resolve(line);
        return true;
      };
      const onData = () => void check();
      if (check()) return;
      child.stderr.on('data', onData);
      void done.then((r) => check() || reject(new Error(`the CLI ended (exit ${r.code ?? r.signal}) before printing ${re} (${count}×); stderr:\n${r.stderr.slice(-1500)}`)));
    });
  return { child, waitForStderr, done };
}

/** A step's plain progress line (started, done, skipped, failed). */
export const STEP_LINE = /^\d\d:\d\d:\d\d [▶✔↓✖] /;

/** Runs the built CLI (`--progress plain`) and SIGKILLs it at its `n`-th step line: a crash at a known point. */
export async function killAtStep(args: string[], n: number, o: Omit<CliOptions, 'signal'> = {}): Promise<CliResult> {
  const cli = startCli(['--progress', 'plain', ...args], o);
  await cli.waitForStderr(STEP_LINE, n);
  cli.child.kill('SIGKILL');
  return cli.done;
}

/** Runs the built CLI as a child process to its end. */
export function spawnCli(args: string[], o: Omit<CliOptions, 'signal'> = {}): Promise<CliResult> {
  return startCli(args, o).done;
}
