// applySchema keeps the values it does not change (so a write shares them with the stored object), and checks
// again only what changed; the findings stay those of a full check.
import { describe, expect, it } from 'vitest';
import { applySchema } from '../../../src/sim/apiserver/schema.js';

const schema = {
  type: 'object',
  properties: {
    spec: { type: 'object', properties: { n: { type: 'integer', minimum: 1 }, tags: { type: 'array', items: { type: 'string' } }, d: { type: 'string', default: 'x' } } },
    status: { type: 'object', properties: { phase: { type: 'string', enum: ['A', 'B'] } } },
  },
};
const obj = (spec: unknown, status?: unknown) => ({ apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'w' }, spec, ...(status ? { status } : {}) });

describe('applySchema and shared members', () => {
  it('returns the members themselves when nothing is pruned or defaulted', () => {
    const spec = { n: 2, tags: ['a'], d: 'y' };
    const r = applySchema(obj(spec, { phase: 'A' }), schema);
    expect(r.errors).toEqual([]);
    expect(r.value.spec).toBe(spec);
    expect(r.value.spec.tags).toBe(spec.tags);
  });

  it('copies what it defaults or prunes, with the same result as before', () => {
    const spec = { n: 2, tags: ['a'], extra: 1 };
    const r = applySchema(obj(spec), schema);
    expect(r.value.spec).toEqual({ n: 2, tags: ['a'], d: 'x' });
    expect(r.value.spec).not.toBe(spec);
    expect(r.unknown).toEqual(['spec.extra']);
    expect(spec).toEqual({ n: 2, tags: ['a'], extra: 1 });
  });

  it('a member checked clean once is clean again; a changed or failing one is checked every time', () => {
    const spec = { n: 2, tags: ['a'], d: 'y' };
    applySchema(obj(spec), schema);
    expect(applySchema(obj(spec, { phase: 'B' }), schema).errors).toEqual([]);
    const bad = { n: 0, tags: ['a'], d: 'y' };
    for (let i = 0; i < 2; i++) expect(applySchema(obj(bad, { phase: 'C' }), schema).errors.map((e) => e.field)).toEqual(['spec.n', 'status.phase']);
    expect(applySchema(obj({ ...spec, n: 0 }), schema).errors.map((e) => e.field)).toEqual(['spec.n']);
  });
});
