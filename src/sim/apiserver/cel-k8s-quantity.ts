// The Kubernetes CEL quantity and lists libraries (library.Quantity, library.Lists). A quantity is kept exact as a
// fraction of BigInts; as CEL value it is a map with the marker key '@quantity' (see cel-k8s-lib.ts).
import { CelScalar, celFunc, celMethod, isCelMap, listType, mapType, type CelFunc, type CelList, type CelMap, type CelType } from '@bufbuild/cel';

const { STRING, INT, BOOL, DOUBLE, DYN } = CelScalar;
const OBJ = mapType(STRING, DYN);
const LIST = listType(DYN);

interface Q {
  num: bigint;
  den: bigint;
}

const SUFFIX: Record<string, Q> = {
  '': { num: 1n, den: 1n },
  n: { num: 1n, den: 10n ** 9n },
  u: { num: 1n, den: 10n ** 6n },
  m: { num: 1n, den: 1000n },
  k: { num: 1000n, den: 1n },
  M: { num: 10n ** 6n, den: 1n },
  G: { num: 10n ** 9n, den: 1n },
  T: { num: 10n ** 12n, den: 1n },
  P: { num: 10n ** 15n, den: 1n },
  E: { num: 10n ** 18n, den: 1n },
  Ki: { num: 1n << 10n, den: 1n },
  Mi: { num: 1n << 20n, den: 1n },
  Gi: { num: 1n << 30n, den: 1n },
  Ti: { num: 1n << 40n, den: 1n },
  Pi: { num: 1n << 50n, den: 1n },
  Ei: { num: 1n << 60n, den: 1n },
};

/** resource.ParseQuantity: sign, digits with optional fraction, then a binary/decimal suffix or an exponent. */
function parseQuantity(s: string): Q | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(s);
  if (!m) return undefined;
  const [int = '', frac = ''] = m[2]!.split('.');
  let num = BigInt(`${int}${frac}` || '0') * (m[1] === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  if (m[3]) {
    const e = Number(m[3].slice(1));
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else {
    const f = SUFFIX[m[4] ?? '']!;
    num *= f.num;
    den *= f.den;
  }
  return { num, den };
}

function qOf(v: unknown): Q {
  const s = isCelMap(v) ? v.get('@quantity') : v;
  const q = typeof s === 'string' ? parseQuantity(s) : typeof s === 'bigint' ? { num: s, den: 1n } : undefined;
  if (!q) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${String(s)}`);
  return q;
}

function cmp(a: Q, b: Q): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** A canonical-enough string form: an integer when exact, else a decimal with a milli/nano suffix. */
function qValue(q: Q): Record<string, string> {
  if (q.num % q.den === 0n) return { '@quantity': String(q.num / q.den) };
  return { '@quantity': `${(q.num * 10n ** 9n) / q.den}n` };
}

function qMethod(name: string, args: readonly CelType[], result: CelType, impl: (q: Q, ...a: unknown[]) => unknown): CelFunc {
  return celMethod(name, OBJ, args as never, result, function (this: CelMap, ...a: unknown[]) {
    if (!this.has('@quantity')) throw new Error(`no such overload: ${name}`);
    return impl(qOf(this), ...a) as never;
  });
}

const INT64_MAX = (1n << 63n) - 1n;

const quantityFuncs: CelFunc[] = [
  celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
  celFunc('quantity', [STRING], OBJ, (s) => (qOf(s), { '@quantity': s })),
  qMethod('sign', [], INT, (q) => BigInt(Math.sign(cmp(q, { num: 0n, den: 1n })))),
  qMethod('isInteger', [], BOOL, (q) => q.num % q.den === 0n && q.num / q.den <= INT64_MAX && q.num / q.den >= -INT64_MAX - 1n),
  qMethod('asInteger', [], INT, (q) => {
    if (q.num % q.den !== 0n || q.num / q.den > INT64_MAX || q.num / q.den < -INT64_MAX - 1n) throw new Error('cannot convert value to integer');
    return q.num / q.den;
  }),
  qMethod('asApproximateFloat', [], DOUBLE, (q) => Number(q.num) / Number(q.den)),
  qMethod('compareTo', [DYN], INT, (q, o) => BigInt(cmp(q, qOf(o)))),
  qMethod('isGreaterThan', [DYN], BOOL, (q, o) => cmp(q, qOf(o)) > 0),
  qMethod('isLessThan', [DYN], BOOL, (q, o) => cmp(q, qOf(o)) < 0),
  qMethod('add', [DYN], OBJ, (q, o) => {
    const b = qOf(o);
    return qValue({ num: q.num * b.den + b.num * q.den, den: q.den * b.den });
  }),
  qMethod('sub', [DYN], OBJ, (q, o) => {
    const b = qOf(o);
    return qValue({ num: q.num * b.den - b.num * q.den, den: q.den * b.den });
  }),
];

// ------------------------------------------------------------------ lists

function items(l: CelList): unknown[] {
  return [...(l as Iterable<unknown>)];
}

function order(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a < b ? -1 : a > b ? 1 : 0;
  throw new Error('no such overload: list elements are not comparable');
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === typeof b && JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) === JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
}

const listFuncs: CelFunc[] = [
  celMethod('isSorted', LIST, [], BOOL, function (this: CelList) {
    const l = items(this);
    return l.every((x, i) => i === 0 || order(l[i - 1], x) <= 0);
  }),
  celMethod('sum', LIST, [], DYN, function (this: CelList) {
    const l = items(this);
    return (l.length && typeof l[0] === 'number' ? l.reduce((a: number, x) => a + Number(x), 0) : l.reduce((a: bigint, x) => a + BigInt(x as bigint), 0n)) as never;
  }),
  celMethod('min', LIST, [], DYN, function (this: CelList) {
    const l = items(this);
    if (!l.length) throw new Error('min called on empty list');
    return l.reduce((a, x) => (order(x, a) < 0 ? x : a)) as never;
  }),
  celMethod('max', LIST, [], DYN, function (this: CelList) {
    const l = items(this);
    if (!l.length) throw new Error('max called on empty list');
    return l.reduce((a, x) => (order(x, a) > 0 ? x : a)) as never;
  }),
  celMethod('indexOf', LIST, [DYN], INT, function (this: CelList, v: unknown) {
    return BigInt(items(this).findIndex((x) => same(x, v)));
  }),
  celMethod('lastIndexOf', LIST, [DYN], INT, function (this: CelList, v: unknown) {
    const l = items(this);
    for (let i = l.length - 1; i >= 0; i--) if (same(l[i], v)) return BigInt(i);
    return -1n;
  }),
];

export const QUANTITY_AND_LIST_FUNCS: CelFunc[] = [...quantityFuncs, ...listFuncs];
