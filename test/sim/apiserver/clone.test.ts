import { describe, expect, it } from 'vitest';
import { clone } from '../../../src/sim/apiserver/merge.js';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('clone (deep copy with the JSON round trip semantics)', () => {
  const cases: Array<[string, unknown]> = [
    ['primitives', { s: 'x', n: 1.5, z: 0, b: false, nul: null, neg: -3 }],
    ['undefined members dropped', { a: undefined, b: 1, c: { d: undefined } }],
    ['undefined and function array items become null', [1, undefined, () => 1, Symbol('s'), 'x']],
    ['functions and symbols dropped from objects', { f: () => 1, s: Symbol('s'), k: 'v' }],
    ['non-finite numbers become null', { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, arr: [Number.NEGATIVE_INFINITY] }],
    ['dates through toJSON', { when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), list: [new Date(0)] }],
    ['toJSON on a plain object', { x: { toJSON: () => ({ replaced: true }) } }],
    ['class instances and maps', { m: new Map([['a', 1]]), set: new Set([1]), buf: Buffer.from('hi') }],
    ['boxed primitives', { n: Object(3), s: Object('x'), b: Object(true) }],
    ['sparse arrays', new Array(3).fill(1, 0, 1)],
    ['nested arrays and objects', { a: [{ b: [[], {}, [null]] }], e: {} }],
    ['null prototype', Object.assign(Object.create(null), { a: 1 })],
    ['__proto__ as an own member', JSON.parse('{"__proto__":{"polluted":1},"a":2}')],
    ['top-level primitives', 'text'],
    ['top-level null', null],
  ];
  for (const [name, value] of cases) {
    it(name, () => {
      const out = clone(value);
      expect(JSON.stringify(out)).toBe(JSON.stringify(roundTrip(value)));
      expect(out).toStrictEqual(roundTrip(value));
    });
  }

  it('keeps key order and makes an independent copy', () => {
    const src = { z: 1, a: { y: [1, { q: 2 }] }, m: 'x' };
    const out = clone(src);
    expect(Object.keys(out)).toEqual(['z', 'a', 'm']);
    out.a.y.push(3);
    (out.a.y[1] as { q: number }).q = 9;
    expect(src).toEqual({ z: 1, a: { y: [1, { q: 2 }] }, m: 'x' });
  });

  it('keeps __proto__ an own member, not the prototype', () => {
    const out = clone(JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('negative zero becomes zero, as after the round trip', () => {
    expect(Object.is(clone({ z: -0 }).z, 0)).toBe(true);
  });

  it('undefined stays undefined; bigint throws as JSON.stringify does', () => {
    expect(clone(undefined)).toBeUndefined();
    expect(() => clone({ big: 1n })).toThrow(TypeError);
  });
});
