import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../helpers/import-graph.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('import graph of src/ (the simulated API server included)', () => {
  it('has no import cycles (type-only imports included)', () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(50);
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('reads the run/ imports: progress uses step types, runner uses progress', () => {
    const graph = importGraph(SRC);
    expect(graph.get('run/runner.ts')).toContain('run/progress.ts');
    expect(graph.get('run/progress.ts')).toContain('run/step.ts');
  });

  it('reads the sim API server: webhooks and server share errors.ts instead of importing each other', () => {
    const graph = importGraph(SRC);
    expect(graph.get('sim/apiserver/webhooks.ts')).not.toContain('sim/apiserver/server.ts');
    expect(graph.get('sim/apiserver/server.ts')).toContain('sim/apiserver/errors.ts');
  });
});
