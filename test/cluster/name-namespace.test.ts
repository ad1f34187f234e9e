// `--name` on every hcp-kv command that takes NAME (as upstream's hcp spells it), and `-n` for `--namespace` as in
// oc: each command finds the same cluster either way, refuses a NAME argument that disagrees with --name, and
// asks for the name when neither is given (exit 2, nothing sent).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let env: SimEnv;
beforeAll(async () => {
  env = await simEnv({ profile: 'instant' });
  writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  const r = await env.cli(['create-cluster', '--name', 'kv-n', '-n', 'team-a', '--replicas', '1', '--release', '4.12.3', '--pull-secret', 'ps.json']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await env.stop();
  rmSync(env.dir, { recursive: true, force: true });
});

// Commands that take NAME, with what they need besides it.
const COMMANDS: Array<[string, string[], string[]]> = [
  ['status', ['status'], []],
  ['diagnose', ['diagnose'], []],
  ['create-kubeconfig', ['create-kubeconfig'], ['--out', '-']],
  ['create kubeconfig', ['create', 'kubeconfig'], []],
  ['dump', ['dump'], ['--archive', 'kv-n-dump.tar.gz', '--force']],
];

describe('--name and -n', () => {
  it.each(COMMANDS)('%s: NAME, --name and -n find the cluster in team-a', async (_what, cmd, extra) => {
    const byArg = await env.cli([...cmd, 'kv-n', '--namespace', 'team-a', ...extra]);
    expect(byArg.code, byArg.stderr).toBe(0);
    const byFlag = await env.cli([...cmd, '--name', 'kv-n', '-n', 'team-a', ...extra]);
    expect(byFlag.code, byFlag.stderr).toBe(0);
    if (cmd.includes('kubeconfig')) expect(byFlag.stdout).toBe(byArg.stdout);
    const elsewhere = await env.cli([...cmd, '--name', 'kv-n', ...extra]);
    expect(elsewhere.code).not.toBe(0); // the default namespace, clusters, has no kv-n
    expect(elsewhere.stderr).toMatch(/clusters\/kv-n not found|kv-n.*not found/i);
  });

  it.each([
    ...COMMANDS,
    ['upgrade', ['upgrade'], ['--release', '4.12.5']],
    ['destroy-cluster', ['destroy-cluster'], ['--yes']],
    ['nodepool scale', ['nodepool', 'scale'], ['--replicas', '1']],
    ['nodepool delete', ['nodepool', 'delete'], []],
  ] as Array<[string, string[], string[]]>)('%s: a NAME that disagrees with --name, or no name at all, is refused before anything is sent', async (_what, cmd, extra) => {
    env.sim.api.resetStats();
    const both = await env.cli([...cmd, 'kv-n', '--name', 'other', '-n', 'team-a', ...extra]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/NAME "kv-n" and --name "other" disagree/);
    const none = await env.cli([...cmd, '-n', 'team-a', ...extra]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/NAME is required/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('destroy cluster kubevirt --name … -n … --destroy-cloud-resources=false: never asks, skips the cleanup mark', async () => {
    const bad = await env.cli(['destroy', 'cluster', 'kubevirt', '--name', 'kv-d', '-n', 'team-a', '--destroy-cloud-resources=maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--destroy-cloud-resources takes true or false, got "maybe"/);
    const c = await env.cli(['create-cluster', '--name', 'kv-d', '-n', 'team-a', '--node-pool-replicas', '-1', '--release', '4.12.3', '--pull-secret', 'ps.json', '--no-wait']);
    expect(c.code, c.stderr).toBe(0);
    const r = await env.cli(['destroy', 'cluster', 'kubevirt', '--name', 'kv-d', '-n', 'team-a', '--destroy-cloud-resources=false', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).steps.find((x: any) => x.id === 'mark-cleanup').status).toBe('disabled');
  });

  it('nodepool scale --name … -n …, as the hcp spelling would give it', async () => {
    const r = await env.cli(['nodepool', 'scale', '--name', 'kv-n', '-n', 'team-a', '--replicas', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).toMatch(/kv-n/);
  });
});
