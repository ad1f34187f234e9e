#!/usr/bin/env node
// The program: the process's streams, environment and signals handed to `run` (src/main.ts), and the ONLY place
// that exits. Nothing is imported statically: the signal handlers are installed before any module of the CLI
// loads, so Ctrl-C in the first moments still ends with the "Interrupted" line, the -o json document and 130.
// SIGINT and SIGTERM are one rule: the command stops, exit 130 (ExitCode.interrupted) — see docs/exit-codes
// in the README. A second signal ends the process at once (still 130, still the JSON document).
// Built as CommonJS, its imports as require() (scripts/build.mjs): Node starts a CommonJS file without its
// ES module loader, which `hcp-kv --help` would otherwise pay for (issue 24).
const interrupt = new AbortController();
const kill = new AbortController();
const onSignal = () => (interrupt.signal.aborted ? kill.abort() : interrupt.abort());
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// listr2 and the libraries it uses read NO_COLOR from the process environment when they load.
if (process.argv.includes('--no-color')) process.env.NO_COLOR = '1';

async function main(): Promise<number> {
  const [{ run }, { soleRun }, { processStdout }] = await Promise.all([import('./main.js'), import('./run/io.js'), import('./run/stdout.js')]);
  soleRun();
  let stdout: ReturnType<typeof processStdout> | undefined;
  // The streams are handed over as getters: Node sets a stream up when it is first read, and a run that never
  // reads stdin or writes to stderr (`hcp-kv --help`) does not pay for them.
  return await run(process.argv.slice(2), {
    get stdout() {
      stdout ??= processStdout();
      return stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    signal: interrupt.signal,
    kill: kill.signal,
  });
}

void main().then((code) => process.exit(code));
