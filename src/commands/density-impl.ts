// density: N hosted clusters in batches, timed; optionally against an embedded, bootstrapped cluster. Writes
// density.json, density.svg and density.html with --report.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveBootstrapOptions } from '../config/bootstrap.js';
import { readPullSecret, releaseImageFor } from '../config/cluster.js';
import { parseDuration } from '../config/load.js';
import { int, must } from '../config/values/index.js';
import { densityChart } from '../density/chart.js';
import { boundHeapGrowth } from '../density/heap.js';
import { densityHtml } from '../density/html.js';
import { RequestCounter } from '../density/requests.js';
import { cleanCluster, leftovers, newRunId, runDensity, type DensityReport } from '../density/run.js';
import { usageError } from '../errors.js';
import { connect, type KubeClient } from '../kube/client.js';
import { io, setExitCode } from '../run/io.js';
import { runBootstrap } from './bootstrap-impl.js';
import type { Globals } from './common.js';
import { startEmbedded, type Embedded } from './embedded.js';
import { renderTable, terminalWidth, wrap } from '../output/table.js';

/** The flags as declared in density.ts (one declaration, its type inferred). */
export type DensityFlags = import('./density.js').DensityFlags;

const positive = (flag: string, v: string, min = 1): number => must(int(flag, v, { min }));

/**
 * MetalLB addresses for one API-server LoadBalancer per hosted cluster: the two documentation ranges (508
 * addresses), and beyond 500 clusters also the benchmarking range 198.18.0.0/15 (RFC 2544), as much as needed.
 */
export function metallbAddressesFor(count: number): string {
  const documentation = '192.0.2.0/24,198.51.100.0/24';
  if (count <= 500) return documentation;
  return `${documentation},198.18.0.0/${Math.max(15, 32 - Math.ceil(Math.log2(count + 2)))}`;
}

/** The embedded cluster, sized for the run and bootstrapped, with its request counters reset. */
export async function embeddedFor(profile: string, count: number, replicas: number): Promise<Embedded> {
  if (!['instant', 'fast', 'realistic'].includes(profile)) throw usageError(`--embedded must be instant, fast or realistic, got "${profile}"`);
  // Size the embedded cluster for the run, as one would a real one: a simulated worker node has 125 GiB
  // allocatable; every worker VM asks for the default memory (8Gi) plus KubeVirt's launcher overhead (~0.3 GiB),
  // and every hosted control plane for its etcd and kube-apiserver requests (0.6 + 2 GiB). Without the control
  // plane's share the run only fitted while concurrent placements overcommitted the nodes (each placement read
  // the usage before the others were bound); the scheduler's cache counts them now, so they must fit.
  const perClusterGiB = Math.max(replicas, 1) * 8.3 + 2.6;
  const workers = Math.max(3, Math.ceil((count * perClusterGiB * 1.1) / 125));
  // The simulator shares this process: its heap grows by half at most between full collections (density/heap.ts).
  boundHeapGrowth();
  // The operators on a worker thread: the API server and they use a core each (issue 24).
  const embedded = await startEmbedded({ profile: profile as 'instant', workers, operatorsThread: true });
  const summary = await runBootstrap(embedded.kube, await resolveBootstrapOptions({ metallbAddresses: metallbAddressesFor(count) }, {}), { progress: 'none' }).catch(async (e: unknown) => {
    await embedded.stop();
    throw e;
  });
  if (summary.error) {
    await embedded.stop();
    throw summary.error;
  }
  embedded.sim.api.resetStats();
  return embedded;
}

/** After Ctrl-C: name what the run created and, with --cleanup, delete it (without waiting: the exit is near). */
async function afterInterrupt(kube: KubeClient, report: DensityReport, cleanup: boolean, say: (l: string) => void): Promise<void> {
  const created = report.clusters.filter((c) => c.created.length && !c.cleaned);
  say(`interrupted: run ${report.runId} created ${created.length} cluster(s) in namespace ${report.namespace}${created.length ? `: ${created.map((c) => c.name).join(', ')}` : ''}`);
  if (!created.length) return;
  if (!cleanup) return say(`they are labelled hcp-kv.io/density-run=${report.runId}; delete them with \`oc delete hostedclusters,nodepools,secrets -n ${report.namespace} -l hcp-kv.io/density-run=${report.runId}\``);
  for (const c of created) await cleanCluster(kube, c, { timeoutMs: 0, wait: false }).catch((e: unknown) => say(`cleanup of ${c.name} failed: ${(e as Error).message}`));
  say(`cleanup: deleted the objects of ${created.length} cluster(s)`);
}

/** The run's validated flags (every check before anything is sent). */
function densityInput(f: DensityFlags) {
  const count = positive('count', f.count);
  const numbers = {
    count,
    batchSize: f.batchSize ? positive('batch-size', f.batchSize) : count,
    concurrency: positive('concurrency', f.concurrency),
    replicas: positive('replicas', f.replicas, 0),
    qps: positive('qps', f.qps),
    delayBetweenBatchMs: f.delayBetweenBatch === '0s' || f.delayBetweenBatch === '0' ? 0 : parseDuration(f.delayBetweenBatch),
    timeoutMs: parseDuration(f.timeout),
  };
  // A real cluster needs a real pull secret; the embedded one pulls nothing and gets a generated fake.
  if (!f.pullSecret && !f.embedded) throw usageError('--pull-secret FILE is required against a real management cluster', 'download it from console.redhat.com/openshift/install/pull-secret; --embedded runs without one');
  return { ...numbers, pullSecret: readPullSecret(f.pullSecret, {}) ?? '{"auths":{"density.invalid":{"auth":"ZGVuc2l0eTpydW4="}}}' };
}
type DensityInput = ReturnType<typeof densityInput>;

/** What density.json holds: the run, its parameters, the requests it sent and the peak memory. */
function fullReport(f: DensityFlags, input: DensityInput, report: DensityReport, o: { counter: RequestCounter; server: string; operatorsThreadId?: number; serverByVerb?: Record<string, number>; peakRss: number; leftovers?: string[] }) {
  const { count, batchSize, concurrency, qps, replicas } = input;
  const { counter } = o;
  const requests = { total: counter.total, perCluster: +(counter.total / count).toFixed(1), maxPerSecond: counter.maxPerSecond, spanMs: counter.spanMs, byVerbAndResource: counter.byVerbAndResource };
  const parameters = {
    runId: report.runId,
    namespace: f.namespace,
    count,
    batchSize,
    delayBetweenBatch: f.delayBetweenBatch,
    concurrency,
    qps,
    release: f.release,
    replicas,
    timeout: f.timeout,
    cleanup: Boolean(f.cleanup),
    embedded: f.embedded ?? null,
    // Where the embedded cluster's operators ran (the peak RSS counts a second heap when on a thread).
    embeddedOperators: o.operatorsThreadId === undefined ? (f.embedded ? 'in process' : null) : `worker thread ${o.operatorsThreadId}`,
    server: o.server,
  };
  return {
    ...report,
    parameters,
    requestsPerCluster: requests.perCluster,
    requests,
    requestsByVerb: counter.byVerb,
    serverRequestsByVerb: o.serverByVerb,
    peakRssMB: Math.round(o.peakRss / 2 ** 20),
    embedded: f.embedded ?? null,
    leftovers: o.leftovers,
  };
}

/** density.json, density.svg and density.html in `dir`. */
async function writeReports(dir: string, report: DensityReport, full: ReturnType<typeof fullReport>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'density.json'), `${JSON.stringify(full, null, 2)}\n`);
  await writeFile(join(dir, 'density.svg'), densityChart(report));
  await writeFile(join(dir, 'density.html'), densityHtml(report, { parameters: full.parameters, requests: full.requests, serverByVerb: full.serverRequestsByVerb, peakRssMB: full.peakRssMB, leftovers: full.leftovers }));
  io().stdout.write(`report: ${join(dir, 'density.json')}, chart: ${join(dir, 'density.svg')}, page: ${join(dir, 'density.html')}\n`);
}

/** `hcp-kv density`. */
export async function run(f: DensityFlags, g: Globals): Promise<void> {
  const input = densityInput(f);
  const { count, qps } = input;
  const embedded = f.embedded ? await embeddedFor(f.embedded, count, input.replicas) : undefined;
  // Its own connection: the requests of the density run alone, at the --qps limit.
  const kube = await connect({ kubeconfig: embedded?.kubeconfig ?? g.kubeconfig, context: g.context, verbose: g.verbose, qps });
  const counter = new RequestCounter();
  kube.http.onSend = (method, url) => counter.record(method, url);
  const rssPeak = { value: process.memoryUsage.rss() };
  const sampler = setInterval(() => (rssPeak.value = Math.max(rssPeak.value, process.memoryUsage.rss())), 1000);
  const say = (l: string) => io().stderr.write(`${l}\n`);
  const runId = newRunId();
  try {
    if (g.progress !== 'none') say(`density run ${runId}: ${count} clusters in namespace ${f.namespace}`);
    const { batchSize, delayBetweenBatchMs, concurrency, replicas, pullSecret, timeoutMs } = input;
    const report = await runDensity(kube, {
      count,
      batchSize,
      delayBetweenBatchMs,
      concurrency,
      cleanup: Boolean(f.cleanup),
      namespace: f.namespace,
      releaseImage: releaseImageFor(f.release),
      replicas,
      pullSecret,
      timeoutMs,
      runId,
      signal: io().signal,
      progress: g.progress === 'none' ? undefined : say,
    });
    if (report.interrupted) await afterInterrupt(kube, report, Boolean(f.cleanup), say);
    const left = f.cleanup && !report.interrupted ? await leftovers(kube, f.namespace, runId) : undefined;
    const full = fullReport(f, input, report, { counter, server: kube.server, operatorsThreadId: embedded?.sim.operatorsThreadId, serverByVerb: embedded?.sim.api.stats().byVerb, peakRss: rssPeak.value, leftovers: left });
    printSummary(report, full.requestsPerCluster, full.peakRssMB, qps, counter.maxPerSecond);
    if (left?.length) say(`cleanup left ${left.length} object(s) behind: ${left.join(', ')}`);
    if (f.report) await writeReports(f.report, report, full);
    if (report.succeeded < count || left?.length) setExitCode(1);
  } finally {
    clearInterval(sampler);
    kube.close();
    await embedded?.stop();
  }
}

function printSummary(report: DensityReport, perCluster: number, rssMB: number, qps: number, maxPerSecond: number): void {
  const p = report.percentiles;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
  const width = terminalWidth(io().stdout);
  const headline = `${report.succeeded}/${report.count} clusters completed in ${s(report.wallMs)}; ${perCluster} requests per cluster (at most ${maxPerSecond} in one second, --qps ${qps}); peak RSS ${rssMB} MiB`;
  io().stdout.write(`${width ? wrap(headline, width, '  ').join('\n') : headline}\n`);
  const stages: Array<[string, { p50: number; p90: number; p99: number }]> = [
    ['HC Available', p.available],
    ['NodePool Ready', p.nodePoolReady],
    ['version Completed', p.completed],
  ];
  io().stdout.write(
    renderTable(
      stages.map(([name, q]) => [name, s(q.p50), s(q.p90), s(q.p99)]),
      { headers: ['stage', 'p50', 'p90', 'p99'], width },
    ),
  );
}
