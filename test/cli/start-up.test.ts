// What `hcp-kv --help` and `hcp-kv version` load, read from the process itself (not timed): every module the
// ESM loader resolves (a loader hook lists them) and every CommonJS file required (require.cache, at exit: the
// start-up files are CommonJS), mapped to the sources each bundle file holds (dist/meta.json, esbuild's
// metafile), and the Node.js built-in modules loaded (process.moduleLoadList). The start-up path holds
// the program, commander and the flag declarations: no command implementation, no Kubernetes client, no schema
// library, no embedded cluster, no YAML/semver/IP parsers, and none of the costly built-ins.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const DIST = dirname(CLI);

/** A loader hook (run by Node on its loader thread) that writes every resolved URL to stderr. */
const HOOKS = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`;
const REGISTER = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;
/** The CommonJS files required, as file URLs (the same lines as the hook's). */
const REQUIRED = `import { createRequire } from 'node:module'; import { pathToFileURL } from 'node:url'; const { cache } = createRequire(process.cwd() + '/'); process.on('exit', () => { for (const f of Object.keys(cache)) process.stderr.write('LOADED ' + pathToFileURL(f).href + '\\n'); });`;
/** A CommonJS preload (an ES module one would load the ES module loader itself) that lists the built-ins loaded,
 * written to fd 2 directly (process.stderr would load the stream modules). */
const BUILTINS = join(mkdtempSync(join(tmpdir(), 'hcp-kv-start-up-')), 'builtins.cjs');
writeFileSync(BUILTINS, `process.on('exit', () => { const list = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)); require('node:fs').writeSync(2, 'BUILTINS ' + list.join(' ') + '\\n'); });`);

/** Runs the CLI with `preload`: ES module source (--import), or a CommonJS file (--require). */
function startUp(args: string[], preload: string): string {
  const flag = preload === BUILTINS ? ['--require', BUILTINS] : ['--import', `data:text/javascript,${encodeURIComponent(preload)}`];
  const r = spawnSync(process.execPath, [...flag, CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr;
}

/** The bundle files a command line loads, each with the sources (repository paths) it holds. */
function loadedSources(args: string[]): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(join(DIST, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const lines = startUp(args, `${REGISTER}\n${REQUIRED}`).matchAll(/^LOADED (file:\S+)$/gm);
  const files = [...new Set([...lines].map((m) => relative(join(DIST, '..'), fileURLToPath(m[1]!))))];
  return new Map(files.map((f) => [f, Object.keys(meta.outputs[f]?.inputs ?? {})]));
}

/** Sources the start-up path must not hold. */
const HEAVY = [
  /@kubernetes\/client-node/,
  /node_modules\/zod\//,
  /^src\/sim\//,
  /node_modules\/(js-yaml|semver|ipaddr\.js)\//,
  /-impl\.ts$/,
  /^src\/(kube|steps|manifests|run\/runner)/,
  /^src\/config\/(cluster|bootstrap|nodepool-flags|nodepool-options|load)\.ts$/,
];
/** Built-ins that cost start-up time and that --help never needs: the ES module loader (CommonJS start-up), the
 * stream modules behind process.stdout (src/run/stdout.ts), the promise hooks of AsyncLocalStorage (soleRun). */
const COSTLY_BUILTINS = ['child_process', 'crypto', 'https', 'http', 'tls', 'zlib', 'worker_threads', 'fs/promises', 'os', 'readline'];
const START_UP_BUILTINS = ['stream', 'net', 'tty', 'internal/fs/sync_write_stream', 'internal/modules/esm/load', 'internal/promise_hooks'];

describe('start-up', () => {
  for (const args of [['--help'], ['version']]) {
    it(`hcp-kv ${args.join(' ')} loads the program and the flag declarations only`, () => {
      const loaded = loadedSources(args);
      const sources = [...loaded.values()].flat();
      expect(sources).toContain('src/main.ts');
      expect(sources).toContain('node_modules/commander/lib/command.js');
      expect(sources.filter((s) => HEAVY.some((re) => re.test(s)))).toEqual([]);
      // A bundle file is a module for Node to find, read and compile: the start-up path is cli.js and start.cjs.
      expect([...loaded.keys()].sort(), [...loaded.keys()].join('\n')).toEqual(['dist/chunks/start.cjs', 'dist/cli.js']);
    });
  }

  for (const args of [['--help'], ['version']]) {
    it(`hcp-kv ${args.join(' ')} loads none of the costly built-in modules`, () => {
      const builtins = /^BUILTINS (.*)$/m.exec(startUp(args, BUILTINS))![1]!.split(' ');
      expect(builtins).toContain('async_hooks');
      expect(builtins.filter((b) => COSTLY_BUILTINS.includes(b) || START_UP_BUILTINS.includes(b))).toEqual([]);
    });
  }
});
