// Rules that do not read oldSelf are not evaluated again on a value they passed on before (cel.ts); failures,
// transition rules and changed values are evaluated every time.
import { describe, expect, it } from 'vitest';
import { validateCel } from '../../../src/sim/apiserver/cel.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      'x-kubernetes-validations': [
        { rule: 'self.n > 1', message: 'n too small' },
        { rule: 'self.n >= oldSelf.n', message: 'n went down' },
      ],
      properties: { n: { type: 'integer' } },
    },
  },
};
const obj = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'w' }, spec });
const errs = (spec: unknown, oldSpec?: unknown) => validateCel(schema, obj(spec), oldSpec === undefined ? undefined : obj(oldSpec)).errors.map((c) => `${c.field}: ${c.message}`);

describe('CRD rules on values they passed on before', () => {
  it('a shared value passes again; a failing one fails every time', () => {
    const good = { n: 3 };
    expect(errs(good)).toEqual([]);
    expect(errs(good)).toEqual([]);
    const bad = { n: 1 };
    expect(errs(bad)).toEqual(['spec: Invalid value: "object": n too small']);
    expect(errs(bad)).toEqual(['spec: Invalid value: "object": n too small']);
  });

  it('transition rules still run on a value that passed the others', () => {
    const spec = { n: 3 };
    expect(errs(spec, { n: 2 })).toEqual([]);
    expect(errs(spec, { n: 5 })).toEqual(['spec: Invalid value: "object": n went down']);
  });

  it('a value that failed is ratcheted as before when unchanged, and not remembered as passed', () => {
    const bad = { n: 1 };
    expect(errs(bad, bad)).toEqual([]);
    expect(errs(bad)).toEqual(['spec: Invalid value: "object": n too small']);
  });
});
