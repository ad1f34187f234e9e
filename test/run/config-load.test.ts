import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseDuration, parseYamlConfig, lineOfKey } from '../../src/config/load.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['45m', 2_700_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5s', 1500],
  ])('%s → %d ms', (s, ms) => expect(parseDuration(s)).toBe(ms));

  it.each(['', '10', 'abc', '5x', '-1s', '1m junk'])('rejects %j with exit 2', (s) => {
    expect(() => parseDuration(s)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('parseYamlConfig', () => {
  const schema = z.strictObject({ metallb: z.strictObject({ addresses: z.array(z.string()) }).optional(), storage: z.enum(['odf-local', 'existing']).optional() });

  it('names an unknown key with its path and line', () => {
    const text = 'storage: existing\nmetallb:\n  addresses: [a]\n  adresses: [b]\n';
    expect(() => parseYamlConfig(text, 'c.yaml', schema)).toThrow(/c\.yaml line 4: unknown key "metallb\.adresses"/);
  });

  it('names a bad value with its path', () => {
    expect(() => parseYamlConfig('storage: ceph\n', 'c.yaml', schema)).toThrow(/c\.yaml line 1: storage: /);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseYamlConfig('a: [\n', 'c.yaml', schema)).toThrow(/not valid YAML at line/);
  });

  it('finds nested key lines', () => {
    expect(lineOfKey('a:\n  b:\n    c: 1\n', ['a', 'b', 'c'])).toBe(3);
  });
});
