// The formatter and linter (Biome, biome.json) run with the suite, so `npm test` and CI fail on code that is not
// formatted or breaks a lint rule. Fix with `npm run lint:fix`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('biome check', () => {
  it('finds no formatting or lint error in src, test and scripts', () => {
    let out = '';
    let code = 0;
    try {
      out = execFileSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'check', '--diagnostic-level=error', '--colors=off', '.'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { status?: number; stdout?: string; stderr?: string };
      code = err.status ?? 1;
      out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
    expect(code, out.slice(0, 4000)).toBe(0);
  }, 60_000);
});
