import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README promises one step per file with id = file name: --only/--skip, the summary and the tests all
// refer to steps by id, so the id tells where the step lives.
const STEPS = fileURLToPath(new URL('../../src/steps/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const isStep = (v: unknown): v is { id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { title?: unknown }).title === 'string' && typeof (v as { run?: unknown }).run === 'function';

describe('src/steps', () => {
  it('every exported Step has id = its file name, and a file exports at most one Step', async () => {
    const found: Array<[file: string, ids: string[]]> = [];
    for (const file of tsFiles(STEPS)) {
      const mod = (await import(file)) as Record<string, unknown>;
      const ids = Object.values(mod).filter(isStep).map((s) => s.id);
      if (ids.length) found.push([relative(STEPS, file), ids]);
    }
    expect(found.length).toBeGreaterThan(20);
    for (const [file, ids] of found) expect(ids, file).toEqual([basename(file, '.ts')]);
  });
});
