// density: N hosted clusters in batches, timed; optionally against an embedded, bootstrapped cluster.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveBootstrapOptions } from '../config/bootstrap.js';
import { releaseImageFor } from '../config/cluster.js';
import { parseDuration } from '../config/load.js';
import { densityChart, runDensity } from '../density/run.js';
import { usageError } from '../errors.js';
import { connect } from '../kube/client.js';
import { io, setExitCode } from '../run/io.js';
import { runBootstrap } from './bootstrap-impl.js';
import type { Globals } from './common.js';
import { startEmbedded, type Embedded } from './embedded.js';
import { renderTable, terminalWidth, wrap } from '../output/table.js';

export interface DensityFlags {
  count: string;
  batchSize?: string;
  delayBetweenBatch: string;
  concurrency: string;
  cleanup?: boolean;
  report?: string;
  namespace: string;
  release: string;
  replicas: string;
  qps: string;
  timeout: string;
  embedded?: string;
}

const positive = (flag: string, v: string, min = 1) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw usageError(`--${flag} must be a whole number ≥ ${min}, got "${v}"`);
  return n;
};

/** `hcp-kv density`. */
export async function run(f: DensityFlags, g: Globals): Promise<void> {
  const count = positive('count', f.count);
  const batchSize = f.batchSize ? positive('batch-size', f.batchSize) : count;
  const concurrency = positive('concurrency', f.concurrency);
  const replicas = positive('replicas', f.replicas, 0);
  const qps = positive('qps', f.qps);
  const delayBetweenBatchMs = f.delayBetweenBatch === '0s' || f.delayBetweenBatch === '0' ? 0 : parseDuration(f.delayBetweenBatch);
  const timeoutMs = parseDuration(f.timeout);
  let embedded: Embedded | undefined;
  if (f.embedded) {
    if (!['instant', 'fast', 'realistic'].includes(f.embedded)) throw usageError(`--embedded must be instant, fast or realistic, got "${f.embedded}"`);
    // Size the embedded cluster for the run, as one would a real one: every worker VM asks for the default memory
    // (8Gi) and a simulated worker node has 125 GiB allocatable.
    const workers = Math.max(3, Math.ceil((count * Math.max(replicas, 1) * 8) / 120));
    embedded = await startEmbedded({ profile: f.embedded as 'instant', workers });
    const summary = await runBootstrap(embedded.kube, await resolveBootstrapOptions({ metallbAddresses: '192.0.2.0/24,198.51.100.0/24' }, {}), { progress: 'none' }).catch(async (e: unknown) => {
      await embedded?.stop();
      throw e;
    });
    if (summary.error) {
      await embedded.stop();
      throw summary.error;
    }
    embedded.sim.api.resetStats();
  }
  const simStats = embedded ? () => embedded!.sim.api.stats() : undefined;
  // Its own connection: the requests of the density run alone, at the --qps limit.
  const kube = await connect({ kubeconfig: embedded?.kubeconfig ?? g.kubeconfig, context: g.context, verbose: g.verbose, qps });
  const rssPeak = { value: process.memoryUsage().rss };
  const sampler = setInterval(() => (rssPeak.value = Math.max(rssPeak.value, process.memoryUsage().rss)), 200);
  try {
    const report = await runDensity(kube, { count, batchSize, delayBetweenBatchMs, concurrency, cleanup: Boolean(f.cleanup), namespace: f.namespace, releaseImage: releaseImageFor(f.release), replicas, pullSecret: '{"auths":{"density.invalid":{"auth":"ZGVuc2l0eTpydW4="}}}', timeoutMs, signal: io().signal, progress: g.progress === 'none' ? undefined : (l) => io().stderr.write(`${l}\n`) });
    const requests = simStats ? simStats().byVerb : undefined;
    const totalRequests = kube.http.requests;
    const full = { ...report, requestsPerCluster: +(totalRequests / count).toFixed(1), requestsByVerb: requests, peakRssMB: Math.round(rssPeak.value / 2 ** 20), embedded: f.embedded ?? null };
    const p = report.percentiles;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
    const width = terminalWidth(io().stdout);
    const headline = `${report.succeeded}/${count} clusters completed in ${s(report.wallMs)}; ${full.requestsPerCluster} requests per cluster; peak RSS ${full.peakRssMB} MiB`;
    io().stdout.write(`${width ? wrap(headline, width, '  ').join('\n') : headline}\n`);
    const stages: Array<[string, { p50: number; p90: number; p99: number }]> = [['HC Available', p.available], ['NodePool Ready', p.nodePoolReady], ['version Completed', p.completed]];
    io().stdout.write(renderTable(stages.map(([name, q]) => [name, s(q.p50), s(q.p90), s(q.p99)]), { headers: ['stage', 'p50', 'p90', 'p99'], width }));
    if (f.report) {
      await mkdir(f.report, { recursive: true });
      await writeFile(join(f.report, 'density.json'), `${JSON.stringify(full, null, 2)}\n`);
      await writeFile(join(f.report, 'density.svg'), densityChart(report));
      io().stdout.write(`report: ${join(f.report, 'density.json')}, chart: ${join(f.report, 'density.svg')}\n`);
    }
    if (report.succeeded < count) setExitCode(1);
  } finally {
    clearInterval(sampler);
    kube.close();
    await embedded?.stop();
  }
}
