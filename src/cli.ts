#!/usr/bin/env node
// The program: the process's streams, environment and signals handed to `run` (src/main.ts), and the ONLY place
// that exits. Nothing is imported statically: the signal handlers are installed before any module of the CLI
// loads, so Ctrl-C in the first moments still ends with the "Interrupted" line, the -o json document and 130.
// SIGINT and SIGTERM are one rule: the command stops, exit 130 (ExitCode.interrupted) — see docs/exit-codes
// in the README. A second signal ends the process at once (still 130, still the JSON document).
const interrupt = new AbortController();
const kill = new AbortController();
const onSignal = () => (interrupt.signal.aborted ? kill.abort() : interrupt.abort());
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// listr2 and the libraries it uses read NO_COLOR from the process environment when they load.
if (process.argv.includes('--no-color')) process.env.NO_COLOR = '1';

const { run } = await import('./main.js');
// The streams are handed over as getters: Node sets a stream up when it is first read, and a run that never
// reads stdin or writes to stderr (`hcp-kv --help`) does not pay for them.
const code = await run(process.argv.slice(2), {
  get stdout() {
    return process.stdout;
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
process.exit(code);
