// npm run bench: every figure is a ratio or a count measured in one run, so it holds on a noisy machine.
// Writes bench/report.json and bench/report.md and prints the markdown table. Never fails on a slow machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  // 5: cold start, as the median of paired runs (node -e 0, then hcp-kv --help, one after the other), so a
  // machine whose speed drifts during the bench still gives a fair ratio.
  const runs = Number(process.env.BENCH_COLD_RUNS ?? 21);
  const t: Record<string, number[]> = { node: [], help: [], version: [] };
  const helpRatios: number[] = [];
  const versionRatios: number[] = [];
  const time = (args: string[]) => {
    const s = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - s;
  };
  time([CLI, '--help']); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const node = time(['-e', '0']);
    const help = time([CLI, '--help']);
    const version = time([CLI, 'version']);
    t.node!.push(node);
    t.help!.push(help);
    t.version!.push(version);
    helpRatios.push(help / node);
    versionRatios.push(version / node);
  }
  report.coldStart = { runs, nodeMs: round(pct(t.node!, 50)), helpMs: round(pct(t.help!, 50)), helpRatio: round(pct(helpRatios, 50)), versionRatio: round(pct(versionRatios, 50)), note: 'median of the per-pair ratios' };

  // 6: density on the instant profile, each size in its own process (sim and CLI in one process: peak RSS covers
  // both). Requests per cluster as the embedded API server counted them.
  const sizes = (process.env.BENCH_DENSITY ?? '100,300,1000').split(',').map(Number).filter((n) => n > 0);
  const densities: Array<Record<string, number | null>> = [];
  for (const n of sizes) {
    const out = join(dir, `density-${n}`);
    // Bounded, so the bench always finishes: at the bound the run is interrupted (Ctrl-C) and still writes its
    // report, with the clusters that completed (BENCH_DENSITY_TIMEOUT_S, default 600 s per size).
    const timeout = Number(process.env.BENCH_DENSITY_TIMEOUT_S ?? 600) * 1000;
    const dens = spawnSync(process.execPath, [CLI, '--progress', 'none', 'density', '--count', String(n), '--concurrency', String(n), '--embedded', 'instant', '--report', out], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout, killSignal: 'SIGINT' });
    const file = join(out, 'density.json');
    if (!existsSync(file)) {
      densities.push({ count: n, succeeded: null, wallMs: null, requestsPerCluster: null, clientRequestsPerCluster: null, peakRssMB: null, completedP50Ms: null, completedP99Ms: null, exit: dens.status });
      continue;
    }
    const d = JSON.parse(readFileSync(file, 'utf8'));
    const server = Object.values((d.serverRequestsByVerb ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
    densities.push({ count: d.count, succeeded: d.succeeded, wallMs: d.wallMs, requestsPerCluster: round(server / n, 1), clientRequestsPerCluster: d.requestsPerCluster, peakRssMB: d.peakRssMB, completedP50Ms: d.percentiles.completed.p50, completedP99Ms: d.percentiles.completed.p99, exit: dens.status });
  }
  report.density = densities;
  const first = densities[0];
  const last = densities[densities.length - 1];
  report.densityScaling = first?.wallMs && last?.wallMs && first !== last ? { from: first.count, to: last.count, wallRatio: round(last.wallMs! / first.wallMs!), countRatio: round(last.count! / first.count!) } : null;

  const cp = report.criticalPath as Record<string, number>;
  const rows = [
    ['critical path (bootstrap ÷ longest chain)', `${cp.ratioToLongest} (wall ${cp.wallMs} ms, floor ${cp.longestChainMs} ms)`, '≤ 1.05'],
    ['bootstrap ÷ sum of chains (a sequential script)', String(cp.ratioToSum), '< 1'],
    ['reaction p50 / p99', `${(report.reaction as { p50Ms: number }).p50Ms} / ${(report.reaction as { p99Ms: number }).p99Ms} ms`, 'p99 ≤ 100 ms'],
    ['requests per bootstrap', JSON.stringify((report.bootstrapRequests as { byVerb: object }).byVerb), 'no polling'],
    ['requests per create-cluster', JSON.stringify((report.createClusterRequests as { byVerb: object }).byVerb), 'no polling'],
    ['converged re-run', `${(report.convergedRerun as { wallMs: number }).wallMs} ms, ${(report.convergedRerun as { objectsChanged: number }).objectsChanged} objects changed`, '0 changed'],
    ['cold start --help ÷ node -e 0 (median of paired runs)', String((report.coldStart as { helpRatio: number }).helpRatio), '≤ 1.2'],
    ...densities.map((d) => [`density ${d.count} (instant)`, d.wallMs === null ? `no report (exit ${d.exit})` : `${d.succeeded}/${d.count} in ${(d.wallMs! / 1000).toFixed(1)} s, ${d.requestsPerCluster} req/cluster (server), peak RSS ${d.peakRssMB} MiB`, d.count! >= 1000 ? '≤ 60 s, ≤ 5 req/cluster, ≤ 1024 MiB' : '≤ 5 req/cluster']),
    ...(report.densityScaling ? [[`density ${(report.densityScaling as { from: number }).from} → ${(report.densityScaling as { to: number }).to} wall ratio`, String((report.densityScaling as { wallRatio: number }).wallRatio), `≤ 1.1 × ${(report.densityScaling as { countRatio: number }).countRatio}`]] : []),
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
