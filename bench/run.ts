// npm run bench: every figure is a ratio or a count measured in one run, so it holds on a noisy machine.
// Writes bench/report.json and bench/report.md and prints the markdown table. Never fails on a slow machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../src/commands/embedded.js';
import { BOOTSTRAP_CHAINS, delayMs } from '../src/sim/profiles.js';

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const OUT = fileURLToPath(new URL('../bench/', import.meta.url));
const POOL = '192.0.2.10-192.0.2.200';

function cli(kubeconfig: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, '--kubeconfig', kubeconfig, '--progress', 'none', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const pct = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)] ?? 0;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-bench-'));

  // 1, 3, 4: bootstrap on the fast profile: critical path, requests by verb, converged re-run.
  const embedded = await startEmbedded({ profile: 'fast' });
  const { sim, kubeconfig, kube } = embedded;
  sim.api.resetStats();
  const boot = await cli(kubeconfig, ['bootstrap', '--metallb-addresses', POOL, '-o', 'json'], dir);
  if (boot.code !== 0) throw new Error(`bootstrap failed: ${boot.stderr}`);
  const bootSummary = JSON.parse(boot.stdout);
  const bootStats = sim.api.stats();
  const chains = Object.fromEntries(Object.entries(BOOTSTRAP_CHAINS).map(([k, keys]) => [k, keys.reduce((n, key) => n + delayMs('fast', key), 0)]));
  const longest = Math.max(...Object.values(chains));
  const sum = Object.values(chains).reduce((a, b) => a + b, 0);
  report.criticalPath = { wallMs: bootSummary.durationMs, longestChainMs: longest, sumOfChainsMs: sum, ratioToLongest: round(bootSummary.durationMs / longest), ratioToSum: round(bootSummary.durationMs / sum), chains };
  report.bootstrapRequests = { total: Object.values(bootStats.byVerb).reduce((a, b) => a + b, 0), byVerb: bootStats.byVerb };

  sim.api.resetStats();
  const again = await cli(kubeconfig, ['bootstrap', '--metallb-addresses', POOL, '-o', 'json'], dir);
  const againSummary = JSON.parse(again.stdout);
  report.convergedRerun = { wallMs: againSummary.durationMs, objectsChanged: sim.api.stats().mutating, requests: Object.values(sim.api.stats().byVerb).reduce((a, b) => a + b, 0), allAlreadyDone: againSummary.steps.filter((s: { id: string }) => s.id !== 'preflight').every((s: { status: string }) => s.status === 'already-done') };

  // 3: one hosted cluster.
  const ps = join(dir, 'ps.json');
  writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  sim.api.resetStats();
  const create = await cli(kubeconfig, ['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps, '-o', 'json'], dir);
  if (create.code !== 0) throw new Error(`create-cluster failed: ${create.stderr}`);
  const cStats = sim.api.stats();
  report.createClusterRequests = { total: Object.values(cStats.byVerb).reduce((a, b) => a + b, 0), byVerb: cStats.byVerb, wallMs: JSON.parse(create.stdout).durationMs };

  // 2: reaction — from a watched change at the server to waitFor returning.
  await kube.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }]);
  const reactions: number[] = [];
  for (let i = 0; i < 100; i++) {
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: `r${i}`, namespace: 'bench' };
    await kube.apply([{ ...ref, metadata: { name: ref.name, namespace: 'bench' }, data: { ready: 'no' } }]);
    let flipped = 0;
    const waiting = kube.waitFor(ref, (o) => ((o as { data?: { ready?: string } } | undefined)?.data?.ready === 'yes' ? { done: true } : { done: false, reason: 'not yet' }), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 20));
    flipped = performance.now();
    await kube.patch(ref, { data: { ready: 'yes' } }, 'merge');
    await waiting;
    reactions.push(performance.now() - flipped);
  }
  report.reaction = { samples: reactions.length, p50Ms: round(pct(reactions, 50)), p99Ms: round(pct(reactions, 99)), note: 'from the PATCH that flips the watched field (sent by the bench) to waitFor resolving; includes the PATCH round trip' };
  await embedded.stop();

  // 5: cold start.
  const runs = 15;
  const t: Record<string, number[]> = { node: [], help: [], version: [] };
  for (let i = 0; i < runs; i++) {
    for (const [k, args] of Object.entries({ node: ['-e', '0'], help: [CLI, '--help'], version: [CLI, 'version'] })) {
      const s = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      t[k]!.push(performance.now() - s);
    }
  }
  report.coldStart = { runs, nodeMs: round(pct(t.node!, 50)), helpMs: round(pct(t.help!, 50)), helpRatio: round(pct(t.help!, 50) / pct(t.node!, 50)), versionRatio: round(pct(t.version!, 50) / pct(t.node!, 50)) };

  // 6: density, 100 clusters on the instant profile (sim and CLI in one process: peak RSS covers both).
  const dens = spawnSync(process.execPath, [CLI, '--progress', 'none', 'density', '--count', '100', '--embedded', 'instant', '--report', join(dir, 'density')], { encoding: 'utf8' });
  const d = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'density', 'density.json'), 'utf8'));
  report.density = { count: d.count, succeeded: d.succeeded, wallMs: d.wallMs, requestsPerCluster: d.requestsPerCluster, peakRssMB: d.peakRssMB, completedP50Ms: d.percentiles.completed.p50, completedP99Ms: d.percentiles.completed.p99, exit: dens.status };

  const cp = report.criticalPath as Record<string, number>;
  const rows = [
    ['critical path (bootstrap ÷ longest chain)', `${cp.ratioToLongest} (wall ${cp.wallMs} ms, floor ${cp.longestChainMs} ms)`, '≤ 1.05'],
    ['bootstrap ÷ sum of chains (a sequential script)', String(cp.ratioToSum), '< 1'],
    ['reaction p50 / p99', `${(report.reaction as { p50Ms: number }).p50Ms} / ${(report.reaction as { p99Ms: number }).p99Ms} ms`, 'p99 ≤ 100 ms'],
    ['requests per bootstrap', JSON.stringify((report.bootstrapRequests as { byVerb: object }).byVerb), 'no polling'],
    ['requests per create-cluster', JSON.stringify((report.createClusterRequests as { byVerb: object }).byVerb), 'no polling'],
    ['converged re-run', `${(report.convergedRerun as { wallMs: number }).wallMs} ms, ${(report.convergedRerun as { objectsChanged: number }).objectsChanged} objects changed`, '0 changed'],
    ['cold start --help ÷ node -e 0', String((report.coldStart as { helpRatio: number }).helpRatio), '≤ 1.5'],
    ['density 100 (instant)', `${d.succeeded}/100 in ${(d.wallMs / 1000).toFixed(1)} s, ${d.requestsPerCluster} req/cluster, peak RSS ${d.peakRssMB} MiB`, 'completes'],
  ];
  const md = `| figure | measured | goal |\n| --- | --- | --- |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`;
  writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(OUT, 'report.md'), md);
  process.stdout.write(md);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
