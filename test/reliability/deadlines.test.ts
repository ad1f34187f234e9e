// When a command's overall deadline fires, the error names what was being waited on (its last reason and
// conditions), and the steps that were running are failed with their real duration in text, JSON and JUnit.
// Durations a timer cannot hold are refused as bad input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

describe('the overall deadline of bootstrap', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'realistic' });
  });
  afterAll(() => env.stop());

  it('names the object being waited on and fails the running steps with their real duration (JSON, JUnit)', async () => {
    const junit = join(env.dir, 'deadline.xml');
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--timeout', '3s', '-o', 'json', '--junit', junit], { timeout: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.error.message).toMatch(/^bootstrap did not finish within 3s: still waiting for \S+ \S+: /);
    expect(doc.error.message).not.toMatch(/: not observed yet$/);
    expect(doc.error.exitCode).toBe(1);
    // The operator installs this configuration runs (install-lvms is disabled without --storage lvms).
    const installs = doc.steps.filter((s: any) => s.id.startsWith('install-') && s.status !== 'disabled');
    expect(installs.length).toBe(5);
    for (const s of installs) {
      expect(s.status, JSON.stringify(s)).toBe('failed');
      expect(s.durationMs).toBeGreaterThan(1000);
      expect(s.message).toMatch(/did not finish within 3s|timed out/);
    }
    // Steps that never started are not-run; none that ran is.
    expect(installs.every((s: any) => s.status !== 'not-run')).toBe(true);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testcase classname="bootstrap" name="install-cnv" time="[1-9]\.\d+">\s*<failure message="bootstrap did not finish within 3s/);
  }, 40_000);

  it('says the same in text, on stderr', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--timeout', '2s'], { timeout: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/Error: bootstrap did not finish within 2s: still waiting for /);
    // Its real duration: up to the whole 2s, since the deadline starts with the command (in-process: at once).
    expect(r.stderr).toMatch(/^install-cnv\s+failed\s+(1\.\d+|2(\.\d+)?)s\s+bootstrap did not finish within 2s: still waiting for Subscription/m);
  }, 40_000);
});

describe('durations a timer cannot hold', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', controllers: false });
    writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  });
  afterAll(() => env.stop());

  it.each([
    ['bootstrap --timeout 25d', ['bootstrap', '--metallb-addresses', POOL, '--timeout', '600h']],
    ['create-cluster --timeout 1000h', ['create-cluster', 'kv', '--pull-secret', 'ps.json', '--timeout', '1000h']],
    ['destroy-cluster --timeout 999h', ['destroy-cluster', 'kv', '--yes', '--timeout', '999h']],
    ['--request-timeout 9999h', ['--request-timeout', '9999h', 'list']],
  ])('%s: exit 2, never fires at once', async (_n, args) => {
    env.sim.api.resetStats();
    const r = await env.cli(args, { timeout: 20_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Error: duration "\d+h" is too long \(at most 24 days\)/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});
