// The density chart: a self-contained SVG, one row per cluster, bars for start → Available → NodePool Ready →
// Completed. Every cluster-supplied string is escaped.
import { escapeXml } from './escape.js';
import type { DensityReport } from './run.js';

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
    const seg = (from: number | undefined, to: number | undefined, color: string) =>
      from === undefined || to === undefined ? '' : `<rect x="${x(c.startMs + from).toFixed(1)}" y="${y}" width="${Math.max(0.5, x(c.startMs + to) - x(c.startMs + from)).toFixed(1)}" height="${rowH - 1}" fill="${color}"/>`;
    return [
      seg(0, c.createdMs, colors.created),
      seg(c.createdMs, c.availableMs, colors.available),
      seg(c.availableMs, c.nodePoolReadyMs, colors.ready),
      seg(c.nodePoolReadyMs, c.completedMs, colors.completed),
      c.error ? `<rect x="${x(c.startMs).toFixed(1)}" y="${y}" width="4" height="${rowH - 1}" fill="${colors.error}"><title>${escapeXml(c.name)}: ${escapeXml(c.error)}</title></rect>` : '',
    ].join('');
  });
  const ticks = Array.from({ length: 6 }, (_, i) => (maxMs * i) / 5).map(
    (ms) => `<line x1="${x(ms)}" y1="45" x2="${x(ms)}" y2="${height - 35}" stroke="#e0e0e0"/><text x="${x(ms)}" y="${height - 20}" font-size="10" text-anchor="middle">${(ms / 1000).toFixed(1)}s</text>`,
  );
  const p = r.percentiles.completed;
  const legend = Object.entries({ apply: colors.created, 'to Available': colors.available, 'to NodePool Ready': colors.ready, 'to Completed': colors.completed }).map(
    ([label, color], i) => `<rect x="${left + i * 150}" y="28" width="10" height="10" fill="${color}"/><text x="${left + i * 150 + 14}" y="37" font-size="11">${label}</text>`,
  );
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
