// Table tests of the simulator's CRD rule evaluation (src/sim/apiserver/cel*.ts): kube's semantics for self,
// oldSelf correlation, ratcheting and error shapes, and the Kubernetes CEL library functions the real CRDs use.
import { describe, expect, it } from 'vitest';
import { validateCel } from '../../../src/sim/apiserver/cel.js';
import { rewriteRule } from '../../../src/sim/apiserver/cel-rewrite.js';
import { celStats } from '../../../src/sim/apiserver/cel-compile.js';

type Schema = Record<string, any>;
const rules = (...r: Array<string | Schema>) => ({ 'x-kubernetes-validations': r.map((x) => (typeof x === 'string' ? { rule: x } : x)) });
const root = (spec: Schema): Schema => ({ type: 'object', properties: { spec } });
const obj = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default', labels: { a: 'b' } }, spec });
const run = (schema: Schema, spec: unknown, oldSpec?: unknown) => validateCel(schema, obj(spec), oldSpec === undefined ? undefined : obj(oldSpec));
const errs = (schema: Schema, spec: unknown, oldSpec?: unknown) => run(schema, spec, oldSpec).errors.map((c) => `${c.field}: ${c.message}`);

const str = (...r: Array<string | Schema>) => root({ type: 'object', properties: { v: { type: 'string', ...rules(...r) } } });

describe('CRD validation rules: semantics', () => {
  const cases: Array<{ name: string; schema: Schema; spec: unknown; old?: unknown; want: string[] }> = [
    { name: 'passing rule', schema: root({ type: 'object', ...rules('self.n > 1'), properties: { n: { type: 'integer' } } }), spec: { n: 2 }, want: [] },
    { name: 'failing rule without message: "failed rule"', schema: root({ type: 'object', ...rules('self.n > 1'), properties: { n: { type: 'integer' } } }), spec: { n: 1 }, want: ['spec: Invalid value: "object": failed rule: self.n > 1'] },
    {
      name: 'message, reason Forbidden, fieldPath',
      schema: root({ type: 'object', ...rules({ rule: 'self.n > 1', message: 'n too small', reason: 'FieldValueForbidden', fieldPath: '.n' }), properties: { n: { type: 'integer' } } }),
      spec: { n: 1 },
      want: ['spec.n: Forbidden: n too small'],
    },
    {
      name: 'reason Required',
      schema: root({ type: 'object', ...rules({ rule: 'has(self.n)', message: 'n is required', reason: 'FieldValueRequired' }), properties: { n: { type: 'integer' } } }),
      spec: {},
      want: ['spec: Required value: n is required'],
    },
    {
      name: 'messageExpression',
      schema: root({ type: 'object', ...rules({ rule: 'self.n > 1', message: 'static', messageExpression: "'n is ' + string(self.n)" }), properties: { n: { type: 'integer' } } }),
      spec: { n: 1 },
      want: ['spec: Invalid value: "object": n is 1'],
    },
    {
      name: 'evaluation error (no such key) is an error',
      schema: root({ type: 'object', ...rules('self.n > 1'), properties: { n: { type: 'integer' } } }),
      spec: {},
      want: ['spec: Invalid value: "object": no such key: n evaluating rule: self.n > 1'],
    },
    {
      name: 'rules on array items, with index paths',
      schema: root({ type: 'object', properties: { l: { type: 'array', items: { type: 'string', ...rules({ rule: "self.startsWith('a')", message: 'must start with a' }) } } } }),
      spec: { l: ['ab', 'b'] },
      want: ['spec.l[1]: Invalid value: "string": must start with a'],
    },
    {
      name: 'rules on additionalProperties, with key paths',
      schema: root({ type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'integer', ...rules({ rule: 'self < 10', message: 'small' }) } } } }),
      spec: { m: { x: 1, y: 11 } },
      want: ['spec.m[y]: Invalid value: "integer": small'],
    },
    {
      name: 'integer fields are CEL ints, number fields doubles',
      schema: root({ type: 'object', ...rules('self.i == 3 && type(self.i) == int && type(self.d) == double'), properties: { i: { type: 'integer' }, d: { type: 'number' } } }),
      spec: { i: 3, d: 3 },
      want: [],
    },
    { name: 'duration format fields are durations', schema: root({ type: 'object', ...rules("self.t >= duration('5m')"), properties: { t: { type: 'string', format: 'duration' } } }), spec: { t: '1h' }, want: [] },
    {
      name: 'date-time format fields are timestamps',
      schema: root({ type: 'object', ...rules("self.at > timestamp('2020-01-01T00:00:00Z')"), properties: { at: { type: 'string', format: 'date-time' } } }),
      spec: { at: '2024-05-01T10:00:00Z' },
      want: [],
    },
    { name: 'null values are not validated', schema: root({ type: 'object', properties: { v: { type: 'string', nullable: true, ...rules('false') } } }), spec: { v: null }, want: [] },
    { name: 'allOf rules are evaluated', schema: root({ type: 'object', allOf: [rules({ rule: 'has(self.a)', message: 'a required' })], properties: { a: { type: 'string' } } }), spec: {}, want: ['spec: Invalid value: "": a required'] },
    // transition rules
    { name: 'transition rule skipped on create', schema: str({ rule: 'self == oldSelf', message: 'immutable' }), spec: { v: 'a' }, want: [] },
    { name: 'transition rule on update', schema: str({ rule: 'self == oldSelf', message: 'immutable' }), spec: { v: 'b' }, old: { v: 'a' }, want: ['spec.v: Invalid value: "string": immutable'] },
    { name: 'transition rule skipped when the old value is absent', schema: str({ rule: 'self == oldSelf', message: 'immutable' }), spec: { v: 'b' }, old: {}, want: [] },
    {
      name: 'transition rule skipped when the old value was null',
      schema: root({ type: 'object', properties: { v: { type: 'string', nullable: true, ...rules({ rule: 'self == oldSelf', message: 'immutable' }) } } }),
      spec: { v: 'b' },
      old: { v: null },
      want: [],
    },
    {
      name: 'optionalOldSelf runs without an old value',
      schema: str({ rule: "oldSelf.hasValue() ? self == oldSelf.value() : self == 'first'", optionalOldSelf: true, message: 'must start as first' }),
      spec: { v: 'b' },
      old: {},
      want: ['spec.v: Invalid value: "string": must start as first'],
    },
    { name: 'optionalOldSelf with orValue', schema: str({ rule: "self != oldSelf.orValue('')", optionalOldSelf: true, message: 'must change' }), spec: { v: 'a' }, old: { v: 'a' }, want: ['spec.v: Invalid value: "string": must change'] },
    {
      name: 'map-list items correlate by key',
      schema: root({
        type: 'object',
        properties: {
          l: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', properties: { name: { type: 'string' }, v: { type: 'string', ...rules({ rule: 'self == oldSelf', message: 'immutable' }) } } },
          },
        },
      }),
      spec: {
        l: [
          { name: 'b', v: '2' },
          { name: 'a', v: 'changed' },
        ],
      },
      old: {
        l: [
          { name: 'a', v: '1' },
          { name: 'b', v: '2' },
        ],
      },
      want: ['spec.l[1].v: Invalid value: "string": immutable'],
    },
    {
      name: 'atomic-list items do not correlate',
      schema: root({ type: 'object', properties: { l: { type: 'array', items: { type: 'object', properties: { v: { type: 'string', ...rules({ rule: 'self == oldSelf', message: 'immutable' }) } } } } } }),
      spec: { l: [{ v: 'changed' }] },
      old: { l: [{ v: '1' }] },
      want: [],
    },
    {
      name: 'set-list items do not correlate',
      schema: root({ type: 'object', properties: { l: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string', ...rules({ rule: 'self == oldSelf', message: 'immutable' }) } } } }),
      spec: { l: ['x'] },
      old: { l: ['y'] },
      want: [],
    },
    {
      name: 'map values correlate by key',
      schema: root({ type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'string', ...rules({ rule: 'self == oldSelf', message: 'immutable' }) } } } }),
      spec: { m: { a: 'changed', b: 'new' } },
      old: { m: { a: '1' } },
      want: ['spec.m[a]: Invalid value: "string": immutable'],
    },
    {
      name: 'root rule sees metadata.name and a transition on spec',
      schema: {
        type: 'object',
        ...rules({ rule: "self.metadata.name == 'w' && !has(self.metadata.labels)", message: 'root' }, { rule: '!has(oldSelf.spec.x) || has(self.spec.x)', message: 'x cannot be removed' }),
        properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } },
      },
      spec: {},
      old: { x: 'a' },
      want: ['<nil>: Invalid value: "object": x cannot be removed'],
    },
    // ratcheting
    { name: 'ratcheting: an unchanged invalid value passes on update', schema: str({ rule: "self.startsWith('a')", message: 'must start with a' }), spec: { v: 'bad' }, old: { v: 'bad' }, want: [] },
    { name: 'ratcheting: a changed invalid value fails', schema: str({ rule: "self.startsWith('a')", message: 'must start with a' }), spec: { v: 'worse' }, old: { v: 'bad' }, want: ['spec.v: Invalid value: "string": must start with a'] },
    {
      name: 'ratcheting: unchanged atomic-list item ratchets by index',
      schema: root({ type: 'object', properties: { l: { type: 'array', items: { type: 'string', ...rules({ rule: "self != 'bad'", message: 'no bad' }) } } } }),
      spec: { l: ['bad', 'ok'] },
      old: { l: ['bad'] },
      want: [],
    },
    {
      name: 'ratcheting: set-list items only ratchet with the whole list',
      schema: root({ type: 'object', properties: { l: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string', ...rules({ rule: "self != 'bad'", message: 'no bad' }) } } } }),
      spec: { l: ['bad', 'ok'] },
      old: { l: ['bad'] },
      want: ['spec.l[0]: Invalid value: "string": no bad'],
    },
    { name: 'ratcheting never applies to transition rules', schema: str({ rule: "self == oldSelf && self.startsWith('a')", message: 'no' }), spec: { v: 'bad' }, old: { v: 'bad' }, want: ['spec.v: Invalid value: "string": no'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(errs(c.schema, c.spec, c.old)).toEqual(c.want);
      expect(celStats().skippedRules).toEqual([]);
    });
  }

  it('ratcheted errors are kept apart (kube returns them as warnings)', () => {
    const r = run(str({ rule: "self.startsWith('a')", message: 'must start with a' }), { v: 'bad' }, { v: 'bad' });
    expect(r.ratcheted.map((c) => c.field)).toEqual(['spec.v']);
  });

  it('skips rules on an object with type errors, as kube does', () => {
    const r = validateCel(str('false'), obj({ v: 'x' }), undefined, [{ field: 'spec.v', message: 'Invalid value', reason: 'FieldValueTypeInvalid' }]);
    expect(r.errors.map((c) => c.message)).toEqual(['Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation']);
  });
});

describe('CRD validation rules: Kubernetes CEL library', () => {
  const cases: Array<[string, string, boolean]> = [
    ['size(self) == 3', 'abc', true],
    ["self.lowerAscii() == 'abc'", 'AbC', true],
    ["self.split('/')[1] == 'b'", 'a/b', true],
    ["['a','b'].join('-') == 'a-b'", '', true],
    ["self.matches('^[a-z]+$')", 'abc', true],
    ["self.matches('^[a-z]+$')", 'aBc', false],
    ["self.find('#(.+)$') == ''", 'https://a/b', true],
    ["self.find('#(.+)$') == ''", 'https://a/b#frag', false],
    ["self.findAll('[0-9]+').size() == 2", 'a1b22', true],
    ['[1, 2, 3].exists_one(x, x == 2) && [1, 2].all(x, x > 0) && [1, 2].map(x, x * 2) == [2, 4] && [1, 2].filter(x, x > 1) == [2]', '', true],
    ["int(self.split('.')[0]) > 0", '10.0.0.0', true],
    ['isIP(self)', '192.168.1.1', true],
    ['isIP(self)', '192.168.01.1', false],
    ['isIP(self)', 'fe80::1%eth0', false],
    ['isIP(self)', '::ffff:1.2.3.4', false],
    ["ip(self).family() == 6 && ip('1.2.3.4').family() == 4", '2001:db8::1', true],
    ['ip(self).isLoopback()', '127.0.0.1', true],
    ['isCIDR(self)', '10.0.0.0/8', true],
    ['isCIDR(self)', '10.0.0.0/33', false],
    ['isCIDR(self) && cidr(self).ip().family() == 6 && cidr(self).prefixLength() <= 125', 'fd98::/64', true],
    ["cidr(self).containsIP('10.1.2.3') && !cidr(self).containsIP('11.0.0.1') && cidr(self).containsCIDR('10.2.0.0/16')", '10.0.0.0/8', true],
    ["cidr(self).masked() == cidr('10.0.0.0/8')", '10.1.2.3/8', true],
    ["isURL(self) && url(self).getScheme() == 'https'", 'https://example.com/a', true],
    ["isURL(self) && url(self).getScheme() == 'https'", 'http://example.com/a', false],
    ['isURL(self)', 'not a url', false],
    ['isURL(self)', '/absolute/path', true],
    ['url(self).getQuery() == {}', 'https://example.com/', true],
    ["url(self).getQuery()['a'] == ['1', '2']", 'https://example.com/?a=1&a=2', true],
    ["url(self).getHost() == 'example.com:8443' && url(self).getHostname() == 'example.com' && url(self).getPort() == '8443'", 'https://example.com:8443/x', true],
    ['duration(self).getSeconds() >= 300', '5m', true],
    ["duration(self) <= duration('15m')", '16m', false],
    ['!format.dns1123Subdomain().validate(self).hasValue()', 'apps.example.com', true],
    ['!format.dns1123Subdomain().validate(self).hasValue()', 'Apps_example', false],
    ['!format.dns1123Label().validate(self).hasValue()', 'a.b', false],
    ['isQuantity(self)', '1.5Gi', true],
    ['isQuantity(self)', '1.5GB', false],
    ["quantity(self).isGreaterThan(quantity('1Gi')) && quantity(self).compareTo(quantity('2048Mi')) == 0", '2Gi', true],
    ["quantity(self).isLessThan(quantity('500m'))", '0.4', true],
    ['quantity(self).asInteger() == 1536', '1.5k', false],
    ['quantity(self).asInteger() == 1500 && quantity(self).isInteger() && quantity(self).sign() == 1', '1.5k', true],
    ["quantity(self).add(quantity('1')).asInteger() == 3 && quantity(self).sub(2).sign() == 0", '2', true],
    ['quantity(self).asApproximateFloat() == 0.25', '250m', true],
    ["[1, 2, 3].isSorted() && [3, 1].max() == 3 && [3, 1].min() == 1 && [1, 2].sum() == 3 && ['a', 'b', 'a'].lastIndexOf('a') == 2 && ['a', 'b'].indexOf('b') == 1", '', true],
    ['ip.isCanonical(self)', '2001:db8::1', true],
    ['ip.isCanonical(self)', '2001:DB8::1', false],
  ];
  for (const [rule, value, ok] of cases) {
    it(`${rule} on ${JSON.stringify(value)} is ${ok}`, () => {
      expect(errs(str({ rule, message: 'failed' }), { v: value })).toEqual(ok ? [] : ['spec.v: Invalid value: "string": failed']);
      expect(celStats().skippedRules).toEqual([]); // a skipped rule would pass without being evaluated
    });
  }

  it('skips, and counts, a rule using a function the simulator does not implement', () => {
    const before = celStats().skipped;
    expect(errs(str({ rule: 'self.noSuchFunction()', message: 'failed' }), { v: 'x' })).toEqual([]);
    expect(celStats().skipped).toBe(before + 1);
    expect(celStats().skippedRules.at(-1)).toMatchObject({ rule: 'self.noSuchFunction()', reason: 'function noSuchFunction is not implemented in the simulator' });
  });

  it('optional field chains (.?x.orValue) follow cel-go: missing anywhere after .? gives the default', () => {
    const schema = root({
      type: 'object',
      ...rules({ rule: "self.?a.b.orValue('none') == 'none' || self.a.b == 'set'", message: 'x' }, { rule: '!self.?a.b.hasValue() || self.a.b.size() > 2', message: 'y' }),
      properties: { a: { type: 'object', properties: { b: { type: 'string' } } } },
    });
    expect(errs(schema, {})).toEqual([]);
    expect(errs(schema, { a: {} })).toEqual([]);
    expect(errs(schema, { a: { b: 'set' } })).toEqual([]);
    expect(errs(schema, { a: { b: 'no' } })).toEqual(['spec: Invalid value: "object": x', 'spec: Invalid value: "object": y']);
  });

  const rewrites: Array<[string, string]> = [
    ["self.?a.b.orValue('')", "(has(self.a) && has(self.a.b) ? self.a.b : (''))"],
    ['size(self.?claim.orValue("")) > 0', 'size((has(self.claim) ? self.claim : (""))) > 0'],
    ['self.x.?y.hasValue()', '(has(self.x.y))'],
    ['!format.dns1123Label().validate(self).hasValue()', "!(size(k8sFormatErrors('dns1123Label', self)) > 0)"],
    ["'.?' + self", "'.?' + self"],
  ];
  for (const [src, want] of rewrites) {
    it(`rewrites ${src}`, () => {
      expect(rewriteRule(src).text).toBe(want);
    });
  }
});
