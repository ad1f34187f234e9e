// The embedded cluster (src/sim) is a separate program that happens to ship in the same package: it imports
// nothing of the CLI (so its simulated operators stay what a real API server would see), and the CLI reaches it
// only through its entry point, src/sim/index.ts. Imports are read from the sources: static `import … from`,
// `export … from`, side-effect `import '…'` and dynamic `import('…')`, type-only ones included.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const SIM = join(SRC, 'sim');
const ENTRY = 'src/sim/index.ts';

/** Data files src/sim may read at build time (embedded as text by scripts/build.mjs): the upstream CRDs. */
const SIM_MAY_IMPORT = [/^crds\/[^/]+\.yaml\?raw$/];

const SPECIFIERS = [/^\s*(?:import|export)\s+(?:type\s+)?[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm, /^\s*import\s+['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The relative imports of a source text, resolved to repository paths (".js" read as the ".ts" source). */
function relativeImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const re of SPECIFIERS) {
    for (const m of text.matchAll(re)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const [path, query] = spec.split('?');
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), path!.replace(/\.js$/, '.ts')))
        .split(sep)
        .join('/');
      out.push(query ? `${target}?${query}` : target);
    }
  }
  return out;
}

const rel = (abs: string) => relative(ROOT, abs).split(sep).join('/');
const edges = (files: string[]) => files.flatMap((abs) => relativeImports(rel(abs), readFileSync(abs, 'utf8')).map((to) => ({ from: rel(abs), to })));
const inSim = (p: string) => p.startsWith('src/sim/');

describe('the embedded-cluster boundary', () => {
  it('reads every kind of import, type-only and dynamic ones included', () => {
    const text = [
      "import { a } from '../../kube/types.js';",
      "import type { B } from './b.js';",
      "export { c } from '../../x/c.js';",
      "import './side.js';",
      "const m = await import('../dyn.js');",
      "import { readFile } from 'node:fs';",
    ].join('\n');
    expect(relativeImports('src/sim/apiserver/x.ts', text).sort()).toEqual(['src/kube/types.ts', 'src/sim/apiserver/b.ts', 'src/sim/apiserver/side.ts', 'src/sim/dyn.ts', 'src/x/c.ts']);
    expect(relativeImports('src/sim/x.ts', "import c from '../../data/a.yaml?raw';")).toEqual(['data/a.yaml?raw']);
  });

  it('src/sim imports nothing outside src/sim (but the upstream CRD files it embeds)', () => {
    const found = edges(tsFiles(SIM));
    expect(found.length).toBeGreaterThan(50);
    expect(found.filter((e) => !inSim(e.to) && !SIM_MAY_IMPORT.some((re) => re.test(e.to)))).toEqual([]);
  });

  it(`the CLI reaches src/sim only through ${ENTRY}`, () => {
    const cli = tsFiles(SRC).filter((f) => !inSim(rel(f)));
    const found = edges(cli).filter((e) => inSim(e.to));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((e) => e.to !== ENTRY)).toEqual([]);
  });
});
