// An unknown -o value (issue 17.9): exit 2, nothing on stdout, the usage error on stderr — for every command
// with -o, version included; with -o json and another usage error, the JSON failure document on stdout.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('-o with an unknown value', () => {
  it.each([
    ['version'],
    ['list'],
    ['status', 'kv'],
    ['doctor'],
    ['diagnose', 'kv'],
    ['nodepool', 'list'],
    ['bootstrap'],
    ['create-cluster', 'kv'],
    ['destroy-cluster', 'kv', '--yes'],
    ['upgrade', 'kv', '--release', '4.12.5'],
    ['nodepool', 'scale', 'np', '--replicas', '1'],
  ])(
    '%s prints nothing on stdout',
    async (...args) => {
      const r = await runCli(['--kubeconfig', '/nonexistent/kubeconfig', ...args, '-o', 'jsonx']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/-o must be one of .*got "jsonx"|invalid.*jsonx/);
    },
    30_000,
  );

  it('-o json with a usage error prints the JSON failure document', async () => {
    const r = await runCli(['version', '-o', 'json', '--bogus']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { exitCode: 2 } });
  }, 30_000);
});
