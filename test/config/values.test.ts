// The one kit of flag-value parsers (src/config/values): typed values or typed problems, and the aggregate.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goBool, goDuration, goDurationText, int, keyValueMap, keyValuePairs, must, oneOf, Problems, quantity, readableFile, repeatable, repeatableList, storageClassName, timerDuration, timerMs } from '../../src/config/values/index.js';

const problem = (r: { ok: boolean; problem?: { message: string } }) => (r.ok ? undefined : r.problem!.message);

describe('scalars', () => {
  it.each([
    [undefined, false, true],
    [true, true, true],
    ['T', true, true],
    ['0', false, true],
    ['maybe', undefined, false],
  ] as const)('goBool(%j) → %j', (v, value, okay) => {
    const r = goBool('fips', v);
    expect(r.ok).toBe(okay);
    if (r.ok) expect(r.value).toBe(value);
    else expect(problem(r)).toBe('--fips takes true or false, got "maybe"');
  });

  it('int: signed only below zero, bounds in the message', () => {
    expect(int('replicas', '-1', { min: -1, max: 500 })).toEqual({ ok: true, value: -1 });
    expect(problem(int('replicas', '-0', { min: 0, max: 500 }))).toBe('--replicas must be a whole number from 0 to 500, got "-0"');
    expect(problem(int('cores', '0', { min: 1 }))).toBe('--cores must be a whole number of at least 1, got "0"');
    expect(problem(int('cores', '4294967296', { min: 1 }))).toMatch(/at least 1/);
    expect(problem(int('n', '1.5', { min: 0, max: 9 }))).toMatch(/whole number/);
  });

  it('oneOf returns the set spelling', () => {
    expect(oneOf('olm', 'Guest', ['management', 'guest'], (x) => x.toLowerCase())).toEqual({ ok: true, value: 'guest' });
    expect(problem(oneOf('network-type', 'x', ['A', 'B']))).toBe('--network-type must be one of A, B, got "x"');
  });

  it('durations: one grammar (Go time.ParseDuration), rendered as metav1.Duration', () => {
    expect(goDuration('t', '1h30m')).toEqual({ ok: true, value: 5_400_000_000_000n });
    expect(goDurationText('t', '5m')).toEqual({ ok: true, value: '5m0s' });
    expect(problem(goDuration('t', '-1s'))).toBe('--t "-1s" is not a duration');
    expect(timerDuration('1.5s')).toEqual({ ok: true, value: 1500 });
    expect(timerDuration('500us')).toEqual({ ok: true, value: 1 });
    expect(problem(timerDuration('10'))).toBe('duration "10" has no unit');
    expect(problem(timerDuration('0s'))).toBe('invalid duration "0s"');
    expect(problem(timerDuration('600h'))).toBe('duration "600h" is too long (at most 24 days)');
    expect(timerMs('596h', 596n * 3_600_000_000_000n, 60_000).ok).toBe(true);
    expect(timerMs('597h', 597n * 3_600_000_000_000n, 60_000).ok).toBe(false);
  });

  it('quantity and StorageClass names', () => {
    expect(quantity('memory', '8192Mi', { hint: '' })).toEqual({ ok: true, value: { canonical: '8Gi', nanos: 8n * 2n ** 30n * 1_000_000_000n } });
    expect(problem(quantity('etcd-storage-size', '0', { hint: '', positive: true }))).toBe('--etcd-storage-size "0" is not a Kubernetes quantity greater than zero');
    expect(storageClassName('sc', '')).toEqual({ ok: true, value: undefined });
    expect(problem(storageClassName('sc', 'Fast_SSD'))).toBe('--sc "Fast_SSD" is not a valid StorageClass name');
  });
});

describe('lists', () => {
  it('repeatable and comma lists', () => {
    expect(['a', 'b,c'].reduce<string[] | undefined>((p, v) => repeatable(v, p), undefined)).toEqual(['a', 'b,c']);
    expect(['a', 'b, c,'].reduce<string[] | undefined>((p, v) => repeatableList(v, p), undefined)).toEqual(['a', 'b', 'c']);
  });

  it('key=value: StringArray keeps commas, StringToString splits them', () => {
    expect(keyValuePairs('labels', ['a=b,c=d'])).toEqual({ ok: true, value: { a: 'b,c=d' } });
    expect(keyValueMap('node-selector', ['a=b,c=d'])).toEqual({ ok: true, value: { a: 'b', c: 'd' } });
    expect(keyValueMap('node-selector', undefined)).toEqual({ ok: true, value: undefined });
    expect(problem(keyValuePairs('labels', ['x']))).toBe('--labels "x" is not key=value');
    expect(problem(keyValueMap('node-selector', ['x']))).toBe('--node-selector entry "x" is not key=value');
  });
});

describe('files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-values-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an input file exists and is not a directory', () => {
    writeFileSync(join(dir, 'f'), 'text');
    mkdirSync(join(dir, 'd'));
    expect(readableFile('ssh key file', join(dir, 'f'))).toEqual({ ok: true, value: 'text' });
    expect(problem(readableFile('ssh key file', join(dir, 'none')))).toBe(`ssh key file ${join(dir, 'none')} does not exist`);
    expect(problem(readableFile('ssh key file', join(dir, 'd')))).toBe(`ssh key file ${join(dir, 'd')} is a directory, not a file`);
  });
});

describe('problems', () => {
  it('one problem reads as it would alone; several as one error, the first first (exit 2)', () => {
    const one = new Problems();
    one.take(int('cores', '0', { min: 1 }), 2);
    expect(() => one.throwIfAny()).toThrow(expect.objectContaining({ message: '--cores must be a whole number of at least 1, got "0"', exitCode: 2 }));
    const many = new Problems();
    expect(many.take(int('cores', '0', { min: 1 }), 2)).toBe(2);
    many.take(goBool('fips', 'x'), false);
    many.attempt(() => must(oneOf('arch', 'arm', ['amd64'])), 'amd64');
    expect(() => many.throwIfAny()).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: expect.stringMatching(/^--cores must be a whole number of at least 1, got "0"\n {2}also: --fips takes true or false, got "x" \(write --fips or --fips=false\)\n {2}also: --arch must be one of amd64, got "arm"$/),
      }),
    );
    expect(() => new Problems().throwIfAny()).not.toThrow();
  });
});
