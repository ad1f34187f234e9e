// Density: create N hosted clusters in batches, time each one (created → HC Available → NodePool Ready →
// version Completed) with watches, and report percentiles, JSON and a self-contained SVG chart.
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { conditionCheck } from '../kube/conditions.js';
import type { Kube } from '../kube/types.js';
import { defaultClusterSpec } from '../config/cluster.js';
import { clusterManifests, withInfraLabel } from '../manifests/hypershift.js';
import { hcRef, npRef, randomInfraSuffix, versionCompleted } from '../steps/cluster/hosted-cluster.js';
import { gone } from '../kube/conditions.js';
import { INFRA_LABEL } from '../manifests/hypershift.js';

export interface DensityOptions {
  count: number;
  batchSize: number;
  delayBetweenBatchMs: number;
  concurrency: number;
  cleanup: boolean;
  namespace: string;
  releaseImage: string;
  replicas: number;
  pullSecret: string;
  timeoutMs: number;
  signal?: AbortSignal;
  progress?: (line: string) => void;
}

export interface ClusterTimers {
  name: string;
  startMs: number; // since the run started
  createdMs?: number; // apply done, relative to the cluster's own start
  availableMs?: number;
  nodePoolReadyMs?: number;
  completedMs?: number;
  error?: string;
}

export interface DensityReport {
  count: number;
  succeeded: number;
  wallMs: number;
  percentiles: Record<'available' | 'nodePoolReady' | 'completed', { p50: number; p90: number; p99: number }>;
  clusters: ClusterTimers[];
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((r) => {
  const t = setTimeout(r, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true });
});

export async function runDensity(kube: Kube, o: DensityOptions): Promise<DensityReport> {
  const limit = pLimit(o.concurrency);
  const started = performance.now();
  const clusters: ClusterTimers[] = [];
  await kube.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.namespace } }]);
  const one = async (index: number): Promise<void> => {
    const name = `density-${String(index).padStart(4, '0')}`;
    const t: ClusterTimers = { name, startMs: Math.round(performance.now() - started) };
    clusters.push(t);
    const t0 = performance.now();
    const since = () => Math.round(performance.now() - t0);
    const wait = { timeout: o.timeoutMs, signal: o.signal };
    try {
      const spec = defaultClusterSpec(name, o.namespace, `${name}-${randomInfraSuffix()}`, o.releaseImage, o.replicas);
      await kube.apply(withInfraLabel(clusterManifests(spec, { pullSecret: o.pullSecret, etcdEncryptionKey: randomBytes(32).toString('base64') }).slice(1), spec.infraID), { signal: o.signal });
      t.createdMs = since();
      await kube.waitFor(hcRef(spec), conditionCheck('Available'), wait);
      t.availableMs = since();
      await kube.waitFor(npRef(spec), conditionCheck('Ready'), wait);
      t.nodePoolReadyMs = since();
      await kube.waitFor(hcRef(spec), versionCompleted, wait);
      t.completedMs = since();
      o.progress?.(`${name} completed in ${(t.completedMs / 1000).toFixed(1)}s`);
      if (o.cleanup) {
        await kube.delete(hcRef(spec));
        await kube.waitFor(hcRef(spec), gone, wait);
        for (const s of await kube.list('v1', 'Secret', { namespace: o.namespace, labelSelector: `${INFRA_LABEL}=${spec.infraID}` })) await kube.delete({ apiVersion: 'v1', kind: 'Secret', name: s.metadata.name, namespace: o.namespace });
      }
    } catch (e) {
      t.error = (e as Error).message;
      o.progress?.(`${name} failed: ${t.error}`);
    }
  };
  const all: Array<Promise<void>> = [];
  for (let b = 0; b * o.batchSize < o.count; b++) {
    if (b > 0 && o.delayBetweenBatchMs) await sleep(o.delayBetweenBatchMs, o.signal);
    for (let i = b * o.batchSize; i < Math.min(o.count, (b + 1) * o.batchSize); i++) all.push(limit(() => one(i)));
  }
  await Promise.all(all);
  const ok = clusters.filter((c) => c.completedMs !== undefined);
  const pct = (k: 'availableMs' | 'nodePoolReadyMs' | 'completedMs') => {
    const v = ok.map((c) => c[k]!);
    return { p50: percentile(v, 50), p90: percentile(v, 90), p99: percentile(v, 99) };
  };
  clusters.sort((a, b) => a.name.localeCompare(b.name));
  return { count: o.count, succeeded: ok.length, wallMs: Math.round(performance.now() - started), percentiles: { available: pct('availableMs'), nodePoolReady: pct('nodePoolReadyMs'), completed: pct('completedMs') }, clusters };
}

/** A self-contained SVG: one row per cluster, bars for start → Available → NodePool Ready → Completed. */
export function densityChart(r: DensityReport): string {
  const rowH = 6;
  const left = 110;
  const width = 900;
  const maxMs = Math.max(1, ...r.clusters.map((c) => c.startMs + (c.completedMs ?? c.nodePoolReadyMs ?? c.availableMs ?? c.createdMs ?? 0)));
  const x = (ms: number) => left + (ms / maxMs) * (width - left - 20);
  const height = 60 + r.clusters.length * rowH + 40;
  const colors = { created: '#9aa0a6', available: '#1a73e8', ready: '#f9ab00', completed: '#188038', error: '#d93025' };
  const bars = r.clusters.map((c, i) => {
    const y = 50 + i * rowH;
    const seg = (from: number | undefined, to: number | undefined, color: string) => (from === undefined || to === undefined ? '' : `<rect x="${x(c.startMs + from).toFixed(1)}" y="${y}" width="${Math.max(0.5, x(c.startMs + to) - x(c.startMs + from)).toFixed(1)}" height="${rowH - 1}" fill="${color}"/>`);
    return [seg(0, c.createdMs, colors.created), seg(c.createdMs, c.availableMs, colors.available), seg(c.availableMs, c.nodePoolReadyMs, colors.ready), seg(c.nodePoolReadyMs, c.completedMs, colors.completed), c.error ? `<rect x="${x(c.startMs).toFixed(1)}" y="${y}" width="4" height="${rowH - 1}" fill="${colors.error}"><title>${c.name}: ${c.error.replace(/[<&]/g, '')}</title></rect>` : ''].join('');
  });
  const ticks = Array.from({ length: 6 }, (_, i) => (maxMs * i) / 5).map((ms) => `<line x1="${x(ms)}" y1="45" x2="${x(ms)}" y2="${height - 35}" stroke="#e0e0e0"/><text x="${x(ms)}" y="${height - 20}" font-size="10" text-anchor="middle">${(ms / 1000).toFixed(1)}s</text>`);
  const p = r.percentiles.completed;
  const legend = Object.entries({ 'apply': colors.created, 'to Available': colors.available, 'to NodePool Ready': colors.ready, 'to Completed': colors.completed }).map(([label, color], i) => `<rect x="${left + i * 150}" y="28" width="10" height="10" fill="${color}"/><text x="${left + i * 150 + 14}" y="37" font-size="11">${label}</text>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="18" font-size="14">hcp-kv density: ${r.succeeded}/${r.count} clusters completed in ${(r.wallMs / 1000).toFixed(1)}s; completed p50 ${(p.p50 / 1000).toFixed(2)}s, p90 ${(p.p90 / 1000).toFixed(2)}s, p99 ${(p.p99 / 1000).toFixed(2)}s</text>
${legend.join('\n')}
${ticks.join('\n')}
<text x="10" y="56" font-size="10">clusters (one row each)</text>
${bars.join('\n')}
</svg>
`;
}
