// The density report as one self-contained HTML page (no scripts, no external resources): the chart (inline
// SVG), the p50/p90/p99 of each stage, the slowest clusters with their last condition, the requests by verb and
// resource, and the run's parameters. Every cluster-supplied string is escaped.
import { densityChart } from './chart.js';
import { escapeXml as e } from './escape.js';
import type { ClusterTimers, DensityReport } from './run.js';

export interface HtmlExtras {
  parameters: Record<string, string | number | boolean | null>;
  requests: { total: number; perCluster: number; maxPerSecond: number; byVerbAndResource: Record<string, number> };
  /** Requests as the embedded API server counted them, when there is one. */
  serverByVerb?: Record<string, number>;
  peakRssMB?: number;
  leftovers?: string[];
}

const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const table = (id: string, headers: string[], rows: Array<Array<string | number>>) =>
  `<table id="${id}"><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${e(String(c))}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;

/** Unfinished clusters first (by name), then the finished ones by time to Completed, slowest first. */
export function slowest(clusters: ClusterTimers[], n: number): ClusterTimers[] {
  const open = clusters.filter((c) => c.completedMs === undefined);
  const done = clusters.filter((c) => c.completedMs !== undefined).sort((a, b) => b.completedMs! - a.completedMs!);
  return [...open, ...done].slice(0, n);
}

export function densityHtml(r: DensityReport, x: HtmlExtras): string {
  const p = r.percentiles;
  const stages = table(
    'stages',
    ['stage', 'p50', 'p90', 'p99'],
    [
      ['HostedCluster Available', p.available],
      ['NodePool Ready', p.nodePoolReady],
      ['version Completed', p.completed],
    ].map(([name, q]) => [name as string, s((q as typeof p.available).p50), s((q as typeof p.available).p90), s((q as typeof p.available).p99)]),
  );
  const slow = table(
    'slowest',
    ['cluster', 'to Available', 'to NodePool Ready', 'to Completed', 'last condition / error'],
    slowest(r.clusters, 10).map((c) => [c.name, s(c.availableMs), s(c.nodePoolReadyMs), s(c.completedMs), c.error ?? c.lastCondition ?? '']),
  );
  const reqRows = Object.entries(x.requests.byVerbAndResource)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => [...(k.split(' ', 2) as [string, string]), n]);
  const requests = table('requests', ['verb', 'resource', 'requests'], reqRows);
  const server = x.serverByVerb
    ? `<p>Counted by the embedded API server: ${e(
        Object.entries(x.serverByVerb)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
      )}.</p>`
    : '';
  const params = table(
    'parameters',
    ['parameter', 'value'],
    Object.entries(x.parameters).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
  const svg = densityChart(r)
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace('<svg ', '<svg id="chart" role="img" aria-label="density chart" ');
  const left = x.leftovers === undefined ? '' : `<p id="leftovers">After cleanup: ${x.leftovers.length ? `${x.leftovers.length} objects left: ${e(x.leftovers.join(', '))}` : 'nothing left behind.'}</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>hcp-kv density ${e(r.runId)}</title>
<style>body{font-family:sans-serif;margin:1.5em;color:#202124}table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #dadce0;padding:.25em .6em;text-align:left}th{background:#f1f3f4}td:nth-child(n+2){font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto;border:1px solid #dadce0}</style>
</head><body>
<h1>hcp-kv density run ${e(r.runId)}</h1>
<p id="summary">${r.succeeded}/${r.count} clusters completed in ${s(r.wallMs)}${r.interrupted ? ' (interrupted)' : ''}; ${x.requests.total} requests (${x.requests.perCluster} per cluster, at most ${x.requests.maxPerSecond} in one second)${x.peakRssMB ? `; peak RSS ${x.peakRssMB} MiB` : ''}.</p>
${left}
<h2>Time per stage</h2>
${stages}
<h2>Clusters over time</h2>
${svg}
<h2>Slowest clusters</h2>
${slow}
<h2>Requests by verb and resource</h2>
${requests}
${server}
<h2>Parameters</h2>
${params}
</body></html>
`;
}
