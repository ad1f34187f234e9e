import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

// The bundle is split so that `hcp-kv --help` (and every command that never talks to a cluster) does not load
// @kubernetes/client-node. Follow dist/cli.js's static imports and make sure none of them carries the client.
function staticallyLoaded(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  // Static imports, one a line or all on one (the bundle is minified): `from"./x.js"` and `import"./x.js"`.
  for (const m of code.matchAll(/(?:\bfrom|(?:^|[;}\s])import)\s*["'](\.\/[^"']+\.c?js)["']/g)) {
    staticallyLoaded(join(dirname(entry), m[1]!), seen);
  }
  // cli.js (CommonJS) installs its signal handlers, then requires the CLI (chunks/start.cjs): follow that one.
  if (entry === CLI) for (const m of code.matchAll(/\brequire\(\s*"(\.\/chunks\/start\.cjs)"\s*\)/g)) staticallyLoaded(join(dirname(entry), m[1]!), seen);
  return seen;
}

describe('bundle', () => {
  it('does not load @kubernetes/client-node statically', () => {
    const files = [...staticallyLoaded(CLI)];
    expect(files.length).toBeGreaterThanOrEqual(2); // dist/cli.js and dist/chunks/start.cjs
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      expect(code.includes('KubernetesObjectApi'), `${f} carries the Kubernetes client`).toBe(false);
    }
  });
});
