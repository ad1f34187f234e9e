// Bundles the CLI. Everything the program needs at run time (its npm dependencies, the upstream .proto files,
// any data imported with `?raw`) goes into the bundle, so the installed package needs no node_modules.
//
//   node scripts/build.mjs           dist/cli.js + dist/chunks/*: code splitting, so that commands which never
//                                    talk to a cluster (--help, version, render) do not load
//                                    @kubernetes/client-node (~1 s of start-up). This is what `npm pack` ships.
//   node scripts/build.mjs --single  dist/hcp-kv.mjs: ONE file that needs only `node` (20.19 or later), for a
//                                    bastion host; copy it anywhere and run `node hcp-kv.mjs` or `./hcp-kv.mjs`.
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const single = process.argv.includes('--single');

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
  const result = await build({
    ...common,
    metafile: true,
    // bench.js shares the chunks; it is only run by `npm run bench` and is not packed.
    entryPoints: { cli: 'src/cli.ts', bench: 'bench/run.ts' },
    outdir: 'dist',
    splitting: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
  });
  // Which source modules each chunk holds (test/cli/start-up.test.ts, and `npx esbuild --analyze`-style digging).
  writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
}
