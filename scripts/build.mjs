// Bundles the CLI with code splitting so that commands which never talk to a cluster
// (--help, version, render) do not load @kubernetes/client-node (~1 s of start-up).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

rmSync('dist', { recursive: true, force: true });
await build({
  // bench.js shares the chunks; it is only run by `npm run bench`.
  entryPoints: { cli: 'src/cli.ts', bench: 'bench/run.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __hcpCreateRequire } from 'node:module'; const require = __hcpCreateRequire(import.meta.url);",
  },
  // The upstream .proto files of the simulated API server are embedded as text (`import x from './a.proto?raw'`,
  // the same import vitest serves natively).
  loader: { '.proto': 'text' },
  plugins: [
    {
      name: 'proto-raw',
      setup(b) {
        b.onResolve({ filter: /\.proto\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.slice(0, -'?raw'.length)) }));
      },
    },
  ],
  logLevel: 'warning',
});
