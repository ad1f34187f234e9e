// Bad input and unprepared clusters are refused before anything changes: exit 2 or 3, one line + hint, no
// stack trace, and zero mutating requests at the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

function expectCleanFailure(r: { code: number | null; stderr: string }, code: number, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  const err = lines.find((l) => l.startsWith('Error: '));
  expect(err, r.stderr).toMatch(pattern);
  expect(
    lines.some((l) => l.startsWith('Hint: ')),
    r.stderr,
  ).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
}

describe('bootstrap refuses before changing anything', () => {
  let env: SimEnv;
  let old: SimEnv;
  beforeAll(async () => {
    [env, old] = await Promise.all([simEnv({ profile: 'instant' }), simEnv({ profile: 'instant', ocpVersion: '4.11.9' })]);
  });
  afterAll(async () => {
    await env.stop();
    await old.stop();
  });

  it.each([
    ['a reversed pool range', ['--metallb-addresses', '192.0.2.50-192.0.2.10'], 2, /invalid MetalLB address pool: .*reversed/],
    ['overlapping pool entries', ['--metallb-addresses', '192.0.2.0/28,192.0.2.10-192.0.2.20'], 2, /overlap/],
    ['a mixed-family range', ['--metallb-addresses', '192.0.2.1-fd00::1'], 2, /mixes IPv4 and IPv6/],
    ['no pool at all', [], 2, /MetalLB needs addresses/],
    ['an unknown step id', ['--metallb-addresses', POOL, '--only', 'metallbb'], 2, /unknown step "metallbb"/],
    ['an unknown MCE channel', ['--metallb-addresses', POOL, '--mce-channel', 'stable-9.9'], 2, /no channel "stable-9.9"/],
  ])('refuses %s', async (_name, args, code, pattern) => {
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', ...args]);
    expectCleanFailure(r, code as number, pattern as RegExp);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('names a bad config key with its path and line', async () => {
    const file = join(env.dir, 'bad.yaml');
    writeFileSync(file, 'storage: odf-local\nmetallb:\n  adresses: [192.0.2.10-192.0.2.20]\n');
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--config', file]);
    expectCleanFailure(r, 2, /bad\.yaml line 3: unknown key "metallb\.adresses"/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('refuses a read-only identity with exit 3', async () => {
    const ro = join(env.dir, 'ro.kubeconfig');
    await env.sim.api.writeKubeconfig(ro, { readOnly: true });
    env.sim.api.resetStats();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL], { kubeconfig: ro });
    expectCleanFailure(r, 3, /may not create namespaces/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('refuses OpenShift older than 4.12 with exit 2', async () => {
    old.sim.api.resetStats();
    const r = await old.cli(['bootstrap', '--metallb-addresses', POOL]);
    expectCleanFailure(r, 2, /OpenShift 4\.11\.9 is not supported/);
    expect(old.sim.api.stats().mutating).toBe(0);
  });

  it('exits 3 with a hint when the API server is unreachable or no kubeconfig exists', async () => {
    const gone = await simEnv({ profile: 'instant', controllers: false });
    await gone.stop();
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL], { kubeconfig: gone.kubeconfig });
    expectCleanFailure(r, 3, /cannot reach the cluster/);
    const none = await env.cli(['bootstrap', '--metallb-addresses', POOL], { kubeconfig: join(env.dir, 'missing') });
    expectCleanFailure(none, 3, /kubeconfig .* does not exist/);
  });

  it('doctor on a fresh cluster lists what is missing, with hints, and exits non-zero', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['doctor', '-o', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ready).toBe(false);
    const byCheck = Object.fromEntries(report.checks.map((c: any) => [c.check, c]));
    expect(byCheck.api.status).toBe('ok');
    expect(byCheck.openshift).toMatchObject({ status: 'ok', detail: 'OpenShift 4.12.0' });
    for (const id of ['install-cnv', 'install-mce', 'hyperconverged', 'multicluster-engine', 'wildcard-ingress', 'metallb', 'default-storage-class-count']) {
      expect(byCheck[id], id).toMatchObject({ status: 'missing', hint: expect.stringMatching(/hcp-kv bootstrap/) });
    }
    expect(env.sim.api.stats().mutating).toBe(0);
    // For a person: the verdict first, the bootstrap command with the flags it needs last.
    const text = await env.cli(['doctor']);
    expect(text.stdout).toMatch(/^not ready: bootstrap has not run — 14 of 14 steps to do\n/);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('Next: hcp-kv bootstrap --metallb-addresses START-END');
  });

  it('--dry-run sends nothing and --dry-run=server changes nothing', async () => {
    env.sim.api.resetStats();
    const client = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--dry-run']);
    expect(client.code, client.stderr).toBe(0);
    expect(client.stdout).toMatch(/kind: Subscription/);
    expect(env.sim.api.stats().byVerb).toEqual({});
    const server = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--dry-run=server', '-o', 'json']);
    expect(server.code, server.stderr).toBe(0);
    expect(env.sim.api.stats().mutating).toBe(0);
    expect(env.sim.api.stats().dryRun).toBeGreaterThan(0);
  });
});
