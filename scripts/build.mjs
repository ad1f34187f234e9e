// Bundles the CLI. Everything the program needs at run time (its npm dependencies, the upstream .proto files,
// any data imported with `?raw`) goes into the bundle, so the installed package needs no node_modules.
//
//   node scripts/build.mjs           dist/cli.js + dist/chunks/*: what `npm pack` ships. Start-up loads two files:
//                                    dist/cli.js (signal handlers first) and dist/chunks/start.cjs (the program,
//                                    commander, the flag declarations, and the modules the commands share with
//                                    it: one instance each), both CommonJS, which Node loads without its ES
//                                    module loader (dist/package.json; issue 24). Everything else is ESM, code-split
//                                    behind the program's dynamic imports (each command's -impl module,
//                                    @kubernetes/client-node, the sim), loaded only by the commands that need it:
//                                    --help, version and render never load the Kubernetes client (~1 s of start-up).
//   node scripts/build.mjs --single  dist/hcp-kv.mjs: ONE file that needs only `node` (20.19 or later), for a
//                                    bastion host; copy it anywhere and run `node hcp-kv.mjs` or `./hcp-kv.mjs`.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';

const single = process.argv.includes('--single');

/** The modules with state the program and the commands must share (the run's streams and state; the error
 * classes, for instanceof): bundled into dist/chunks/start.cjs only, and imported from it by the commands. */
const SHARED = ['src/errors.ts', 'src/run/io.ts'];
/** What dist/chunks/start.cjs exports: the program, the SHARED modules, and what src/cli.ts takes from it. */
const START = ['src/main.ts', 'src/run/stdout.ts', ...SHARED];

/** The CommonJS files (start-up): no import.meta banner; `require` is CommonJS's own. */
const commonJs = { format: 'cjs', banner: {} };

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: {
    js: "import { createRequire as __hcpCreateRequire } from 'node:module'; const require = __hcpCreateRequire(import.meta.url);",
  },
  // Data files are embedded as text: the upstream .proto files of the simulated API server
  // (`import x from './a.proto?raw'`, the same import vitest serves natively), and any other file imported with
  // `?raw` (YAML, JSON, text), so a data folder shipped with the program is inside the bundle, not beside it.
  loader: { '.proto': 'text', '.yaml': 'text', '.yml': 'text', '.txt': 'text' },
  // The registration modules declare flags with @commander-js/extra-typings (src/commands/flags.ts): types over
  // commander's own classes. Bundled as commander itself, so there is one commander and nothing more at start.
  alias: { '@commander-js/extra-typings': 'commander' },
  plugins: [
    {
      // commander requires node:child_process when it loads, for executable subcommands hcp-kv never uses:
      // loaded lazily, it no longer weighs on every start (`hcp-kv --help`).
      name: 'lazy-child-process',
      setup(b) {
        b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (a) => {
          const text = await readFile(a.path, 'utf8');
          const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
          const out = text.replace("const childProcess = require('node:child_process');", lazy);
          if (out === text) throw new Error('commander changed: lib/command.js no longer requires node:child_process at load; update scripts/build.mjs');
          return { contents: out, loader: 'js' };
        });
      },
    },
    {
      name: 'raw',
      setup(b) {
        b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.slice(0, -'?raw'.length)) }));
      },
    },
  ],
  logLevel: 'warning',
};

if (single) {
  const outfile = 'dist/hcp-kv.mjs';
  rmSync(outfile, { force: true });
  // No splitting: dynamic imports are inlined and still evaluated only when reached.
  await build({ ...common, entryPoints: ['src/cli.ts'], outfile, minifyWhitespace: true, minifySyntax: true, legalComments: 'none' });
  chmodSync(outfile, 0o755);
} else {
  rmSync('dist', { recursive: true, force: true });
  const split = { ...common, minifyWhitespace: true, minifySyntax: true, legalComments: 'none', sourcemap: 'linked', metafile: true };
  // dist/*.js are CommonJS (dist/cli.js), dist/chunks/*.js ES modules; start.cjs says what it is by its name.
  mkdirSync('dist/chunks', { recursive: true });
  writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
  writeFileSync('dist/chunks/package.json', `${JSON.stringify({ type: 'module' })}\n`);
  // Independent builds run side by side (esbuild's service takes them concurrently); the lazy entries wait for
  // start.cjs, which names them. cli.js's imports (the program: main.ts and what cli.ts needs beside it) become
  // require() of start.cjs.
  const cliBuild = build({ ...split, ...commonJs, supported: { 'dynamic-import': false }, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', plugins: [...common.plugins, external(/^\.\//, () => './chunks/start.cjs')] });
  // bench.mjs (npm run bench, not packed) is one file of its own.
  const benchBuild = build({ ...split, entryPoints: ['bench/run.ts'], outfile: 'dist/bench.mjs' });
  const { start, lazy } = await buildStart(split);
  const restBuild = build({
    ...split,
    // sim-operators.js: the simulated operators' worker thread, found beside the chunk of src/sim (operators-thread.ts).
    entryPoints: { ...Object.fromEntries(lazy), 'sim-operators': 'src/sim/operators-worker.ts' },
    outdir: 'dist/chunks',
    splitting: true,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    // The modules start.cjs holds keep one instance: the commands import them from it (it is loaded first).
    plugins: [...common.plugins, external(/./, (path) => (SHARED.includes(path) ? './start.cjs' : undefined))],
  });
  const [cli, rest, bench] = await Promise.all([cliBuild, restBuild, benchBuild]);
  // Which source modules each bundle file holds (test/cli/start-up.test.ts, and digging into start-up).
  const outputs = Object.assign({}, ...[cli, start, rest, bench].map((r) => r.metafile.outputs));
  writeFileSync('dist/meta.json', JSON.stringify({ outputs }));
}

/** An esbuild plugin: imports whose resolved source path `to` maps to a path are left to run time, as that path. */
function external(filter, to) {
  return {
    name: 'external',
    setup(b) {
      b.onResolve({ filter }, async (a) => {
        // Imports made inside dependencies stay the bundler's (and skip the costly nested resolve below).
        if (a.pluginData?.external || a.kind === 'entry-point' || a.importer.includes('/node_modules/')) return undefined;
        const r = await b.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, importer: a.importer, pluginData: { external: true } });
        const path = to(r.path ? relative(process.cwd(), r.path) : a.path, a);
        return path ? { path, external: true } : undefined;
      });
    },
  };
}

/** dist/chunks/start.cjs: src/main.ts and what it imports statically, exporting the other START modules' exports
 * too. Each module it imports dynamically becomes an entry of the split build, `lazy-<path>.js` beside it. */
async function buildStart(split) {
  const lazy = new Map();
  const toLazy = (path, a) => {
    if (a.kind !== 'dynamic-import') return undefined;
    const name = `lazy-${path.replace(/\.ts$/, '').replace(/[/.]/g, '-')}`;
    lazy.set(name, path);
    return `./${name}.js`;
  };
  const contents = START.map((m) => `export * from './${m}';`).join('\n');
  const start = await build({
    ...split,
    ...commonJs,
    stdin: { contents, resolveDir: process.cwd(), sourcefile: 'start.ts', loader: 'ts' },
    outfile: 'dist/chunks/start.cjs',
    plugins: [...common.plugins, external(/./, toLazy)],
  });
  return { start, lazy };
}
