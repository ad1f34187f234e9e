// --junit is written on every failure (issue 17.9): bad input (exit 2) and an unreachable cluster (exit 3)
// leave a well-formed report with one failed test case saying why; a foreign file is still not replaced.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ps = join(dir, 'ps.json');
writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, 'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
const cli = (args: string[]) => runCli(['--kubeconfig', kubeconfig, ...args], { cwd: dir });

describe('--junit on failures before any step', () => {
  it.each([
    ['bad input (exit 2)', ['create-cluster', 'kv', '--pull-secret', ps, '--release', 'not-a-version'], 2, 'create-cluster', 'check-input', /--release/],
    ['an unknown flag (exit 2)', ['nodepool', 'scale', 'np', '--replicas', '1', '--bogus'], 2, 'nodepool scale', 'check-input', /unknown option &apos;--bogus&apos;/],
    ['no kubeconfig (exit 3)', ['--kubeconfig', join(dir, 'missing'), 'upgrade', 'kv', '--release', '4.12.5'], 3, 'upgrade', 'connect', /kubeconfig .*missing does not exist/],
  ])(
    '%s',
    async (_n, args, code, suite, id, why) => {
      const file = `${id}-${code}-${suite.replace(' ', '-')}.xml`;
      const r = await cli([...args, '--junit', file]);
      expect(r.code, r.stderr).toBe(code);
      const xml = readFileSync(join(dir, file), 'utf8');
      expect(xml).toMatch(new RegExp(`<testsuite name="${suite}" tests="1" failures="1"`));
      expect(xml).toMatch(new RegExp(`<testcase classname="${suite}" name="${id}"`));
      const failure = /<failure message="([^"]*)"/.exec(xml)![1]!;
      expect(failure).toMatch(why);
      expect(failure).toContain(`(exit ${code})`);
    },
    30_000,
  );

  it('leaves a file that is not an hcp-kv report alone', async () => {
    writeFileSync(join(dir, 'notes.xml'), 'mine');
    const r = await cli(['create-cluster', 'kv', '--pull-secret', ps, '--release', 'not-a-version', '--junit', 'notes.xml']);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'notes.xml'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, '.notes.xml.tmp'))).toBe(false);
  }, 30_000);
});
