// Issue 24.4: density against a cluster it does not own (here an embedded cluster run by the test, reached only
// through its kubeconfig): --qps throttles on the client, --cleanup leaves nothing behind (a listing after the
// run), and Ctrl-C names the clusters the run created and, with --cleanup, deletes them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedFor } from '../../src/commands/density-impl.js';
import type { Embedded } from '../../src/commands/embedded.js';
import { gone } from '../../src/kube/conditions.js';
import { runCli, CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-density-foreign-'));
const ps = join(dir, 'ps.json');
let embedded: Embedded;
beforeAll(async () => {
  writeFileSync(ps, '{"auths":{"registry.example":{"auth":"dTpw"}}}');
  embedded = await embeddedFor('instant', 2, 1);
}, 180_000);
afterAll(async () => {
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const HS = 'hypershift.openshift.io/v1beta1';
async function everything(ns: string): Promise<string[]> {
  const out: string[] = [];
  for (const [apiVersion, kind] of [
    ['v1', 'Secret'],
    [HS, 'HostedCluster'],
    [HS, 'NodePool'],
  ] as const)
    for (const o of await embedded.kube.list(apiVersion, kind, { namespace: ns })) out.push(`${kind}/${o.metadata.name}`);
  return out;
}

describe('density against a cluster it does not own', () => {
  it('needs --pull-secret without --embedded', async () => {
    const r = await runCli(['--kubeconfig', embedded.kubeconfig, 'density', '--count', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--pull-secret FILE is required against a real management cluster/);
  });

  it('honours --qps and, with --cleanup, leaves nothing behind', async () => {
    const report = join(dir, 'qps');
    const r = await runCli(['--kubeconfig', embedded.kubeconfig, '--progress', 'none', 'density', '--count', '2', '--qps', '4', '--cleanup', '--namespace', 'clean', '--pull-secret', ps, '--report', report], { timeout: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(readFileSync(join(report, 'density.json'), 'utf8'));
    expect(d.succeeded).toBe(2);
    expect(d.parameters.qps).toBe(4);
    // A token bucket of 4 (burst 4): n requests take at least (n - 4) / 4 seconds.
    expect(d.requests.total).toBeGreaterThan(12);
    expect(d.requests.spanMs).toBeGreaterThanOrEqual(((d.requests.total - 4) / 4) * 1000 * 0.9);
    expect(d.requests.maxPerSecond).toBeLessThanOrEqual(8);
    expect(readFileSync(join(report, 'density.html'), 'utf8')).toMatch(/<td>qps<\/td><td>4<\/td>/);
    expect(d.leftovers).toEqual([]);
    expect(await everything('clean')).toEqual([]);
  }, 240_000);

  it('on Ctrl-C names the clusters it created and deletes them with --cleanup', async () => {
    // 200 workers per cluster never fit the embedded cluster's 3 nodes: the NodePools stay not Ready.
    const c = spawn(process.execPath, [CLI, '--kubeconfig', embedded.kubeconfig, 'density', '--count', '2', '--replicas', '200', '--cleanup', '--namespace', 'stopped', '--pull-secret', ps], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    const started = new Promise<string>((resolve) =>
      c.stderr.on('data', (d) => {
        stderr += d;
        const m = /density run ([a-z0-9]{5}):/.exec(stderr);
        if (m) resolve(m[1]!);
      }),
    );
    const exited = new Promise<number | null>((resolve) => c.on('close', resolve));
    const runId = await started;
    const names = [0, 1].map((i) => `density-${runId}-000${i}`);
    for (const name of names) await embedded.kube.waitFor({ apiVersion: HS, kind: 'NodePool', name, namespace: 'stopped' }, (o) => (o ? { done: true } : { done: false, reason: 'not created yet' }), { timeout: 120_000 });
    c.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(new RegExp(`interrupted: run ${runId} created 2 cluster\\(s\\) in namespace stopped: ${names.join(', ')}`));
    expect(stderr).toMatch(/cleanup: deleted the objects of 2 cluster\(s\)/);
    for (const name of names) {
      await embedded.kube.waitFor({ apiVersion: HS, kind: 'HostedCluster', name, namespace: 'stopped' }, gone, { timeout: 120_000 });
      await embedded.kube.waitFor({ apiVersion: HS, kind: 'NodePool', name, namespace: 'stopped' }, gone, { timeout: 120_000 });
    }
    expect(await everything('stopped')).toEqual([]);
  }, 300_000);
});
