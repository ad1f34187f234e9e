// matches() compiles each pattern once (cel-compile.ts); the answers and the errors stay those of the standard
// library, evaluation after evaluation.
import { describe, expect, it } from 'vitest';
import { validateCel } from '../../../src/sim/apiserver/cel.js';

const schema = (rule: string) => ({ type: 'object', properties: { spec: { type: 'object', properties: { v: { type: 'string', 'x-kubernetes-validations': [{ rule }] } } } } });
const errs = (rule: string, v: string) => validateCel(schema(rule), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { v } }, undefined).errors.map((c) => c.message);

describe('matches() with compiled patterns kept', () => {
  it('answers the same for a pattern used again, on other values', () => {
    for (let i = 0; i < 3; i++) {
      expect(errs("self.matches('^[a-z]+$')", 'abc')).toEqual([]);
      expect(errs("self.matches('^[a-z]+$')", 'aBc')).toEqual(['Invalid value: "string": failed rule: self.matches(\'^[a-z]+$\')']);
    }
  });

  it('patterns built from values are compiled each for itself', () => {
    expect(errs("'abc'.matches(self)", 'b')).toEqual([]);
    expect(errs("'abc'.matches(self)", 'x')).toHaveLength(1);
    expect(errs("'abc'.matches(self)", '^a')).toEqual([]);
  });

  it('a pattern that does not compile fails at every evaluation', () => {
    const first = errs("'abc'.matches(self)", '(');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/evaluating rule/);
    expect(errs("'abc'.matches(self)", '(')).toEqual(first);
  });
});
