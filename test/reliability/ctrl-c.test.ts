// Ctrl-C and SIGTERM of the real process, at several moments — the first moments of the process (the handler
// installed, nothing of the CLI loaded yet), after the first progress line, during a wait — with and without
// -o json: always the "Interrupted" line, "Error: interrupted" and its hint, with -o json the one JSON document on
// stdout, exit 130 (one rule for SIGINT and SIGTERM). `hcp-kv sim` is a server: Ctrl-C/SIGTERM stop it (exit 0,
// `stopped`). Every signal is sent on an event (a line, a connection, the handler installed), never after a delay.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, startCli, type CliResult, type SpawnedCli } from '../helpers/cli.js';
import { startHungServer, type HungServer } from '../helpers/hung-server.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let slow: SimEnv;
let hung: HungServer;
let hungKubeconfig: string;
let preload: string;

beforeAll(async () => {
  [slow, hung] = await Promise.all([simEnv({ profile: 'realistic' }), startHungServer()]);
  hungKubeconfig = join(slow.dir, 'hung.kubeconfig');
  writeFileSync(hungKubeconfig, slow.sim.api.kubeconfig().replace(slow.sim.api.url, hung.url));
  // Observes (and changes nothing): writes the signal's name on fd 3 the moment the CLI installs its handler.
  // Node starts listening for the signal before it calls 'newListener' listeners added after its own.
  preload = join(tmpdir(), 'signal-handler-installed.mjs');
  writeFileSync(preload, "import { writeSync } from 'node:fs';\nprocess.on('newListener', (e) => { if (e === 'SIGINT' || e === 'SIGTERM') writeSync(3, `${e}\\n`); });\n");
}, 60_000);
afterAll(async () => {
  await Promise.all([slow.stop(), hung.close()]);
});

function expectInterrupted(r: CliResult, json: boolean, command: string): void {
  expect(r.signal, r.stderr).toBeNull();
  expect(r.code, r.stderr).toBe(130);
  expect(r.stderr).toMatch(/Interrupted; stopping/);
  expect(r.stderr).toMatch(/^Error: interrupted$/m);
  expect(r.stderr).toMatch(/^Hint: run the same command again/m);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  if (!json) return expect(r.stdout).toBe('');
  const doc = JSON.parse(r.stdout);
  expect(doc).toMatchObject({ ok: false, command, error: { message: 'interrupted', exitCode: 130, hint: expect.any(String) } });
}

/** Starts the CLI; resolves once the CLI has installed its handler for `signal` (read from the preload's fd 3). */
async function startWithHandler(args: string[], signal: NodeJS.Signals): Promise<SpawnedCli> {
  const cli = startCli(args, { nodeArgs: ['--import', preload], cwd: slow.dir, extraPipe: true });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    cli.child.stdio[3]!.on('data', (d) => {
      seen += d;
      if (seen.split('\n').includes(signal)) resolve();
    });
    void cli.done.then((r) => reject(new Error(`the CLI ended before installing its ${signal} handler: ${r.stderr}`)));
  });
  return cli;
}

describe('the first moments of the process', () => {
  it('dist/cli.js imports nothing before it installs its handlers', () => {
    const code = readFileSync(CLI, 'utf8');
    // CommonJS (scripts/build.mjs): no import statement, and the CLI is required only after the handlers.
    expect([...code.matchAll(/^\s*import\s*(?:[^'"(]*?from\s*)?["']([^"']+)["']/gm)].map((m) => m[1])).toEqual([]);
    expect(code.indexOf('process.on("SIGINT"')).toBeGreaterThan(0);
    expect(code.indexOf('require(')).toBeGreaterThan(code.indexOf('process.on("SIGINT"'));
  });

  it.each([
    ['SIGINT', false],
    ['SIGINT', true],
    ['SIGTERM', false],
    ['SIGTERM', true],
  ] as const)(
    '%s as soon as the handler is installed (json: %s): the Interrupted line, exit 130',
    async (signal, json) => {
      const cli = await startWithHandler(['--kubeconfig', hungKubeconfig, '--request-timeout', '0', '--progress', 'plain', 'list', ...(json ? ['-o', 'json'] : [])], signal);
      cli.child.kill(signal);
      expectInterrupted(await cli.done, json, 'list');
    },
    30_000,
  );
});

describe('later moments', () => {
  const bootstrap = ['--kubeconfig', '', '--progress', 'plain', 'bootstrap', '--metallb-addresses', POOL];
  const args = (json: boolean) => [...bootstrap.map((a, i) => (i === 1 ? slow.kubeconfig : a)), ...(json ? ['-o', 'json'] : [])];

  it.each([false, true])(
    'after the first progress line (json: %s)',
    async (json) => {
      const cli = startCli(args(json), { cwd: slow.dir });
      await cli.waitForStderr(/▶ \S+/);
      cli.child.kill('SIGINT');
      expectInterrupted(await cli.done, json, 'bootstrap');
    },
    60_000,
  );

  it.each([false, true])(
    'during a wait on the cluster (json: %s)',
    async (json) => {
      const cli = startCli(args(json), { cwd: slow.dir });
      await cli.waitForStderr(/: waiting for /);
      cli.child.kill('SIGINT');
      expectInterrupted(await cli.done, json, 'bootstrap');
    },
    60_000,
  );

  it.each([['SIGINT'], ['SIGTERM']] as const)(
    '%s during a request the server never answers (json)',
    async (signal) => {
      const connected = hung.nextConnection();
      const cli = startCli(['--kubeconfig', hungKubeconfig, '--request-timeout', '0', '--progress', 'plain', 'status', 'kv-00', '-o', 'json'], { cwd: slow.dir });
      await connected;
      cli.child.kill(signal);
      expectInterrupted(await cli.done, true, 'status');
    },
    30_000,
  );
});

describe('hcp-kv sim', () => {
  it.each([['SIGINT'], ['SIGTERM']] as const)(
    'stops on %s: exit 0, `stopped`, no error',
    async (signal) => {
      const cli = startCli(['sim', '--port', '0', '--profile', 'instant', '--kubeconfig-out', join(tmpdir(), `sim-${signal}.kubeconfig`)]);
      await cli.waitForStderr(/press Ctrl-C to stop/);
      cli.child.kill(signal);
      const r = await cli.done;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^stopped$/m);
      expect(r.stderr).not.toMatch(/Error|Interrupted/);
    },
    30_000,
  );
});
