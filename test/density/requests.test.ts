// Issue 24.1: density shares one list+watch per kind, so the requests it sends per cluster are its creates plus a
// shared constant — at most 5 per cluster at 50 clusters, as the embedded API server counts them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

it('sends at most 5 requests per cluster at 50 clusters (counted by the embedded API server)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-density-req-'));
  try {
    const r = await runCli(['--progress', 'none', 'density', '--count', '50', '--concurrency', '50', '--embedded', 'instant', '--report', dir], { timeout: 600_000 });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'density.json'), 'utf8'));
    const server = report.serverRequestsByVerb as Record<string, number>;
    const seen = JSON.stringify({ server, errors: report.clusters.filter((c: { error?: string }) => c.error).slice(0, 3) });
    expect(report.succeeded, seen).toBe(50);
    const total = Object.values(server).reduce((a, b) => a + b, 0);
    // 4 creates per cluster (pull secret, etcd key, HostedCluster, NodePool) and the namespace; one list+watch per
    // kind, shared (a watch the server ends after its timeoutSeconds is resumed: one more per kind and minute).
    expect(server.create, seen).toBeGreaterThanOrEqual(50 * 4 + 1);
    expect(total / 50, seen).toBeLessThanOrEqual(5);
    expect(server.watch ?? 0, seen).toBeLessThanOrEqual(3 * (1 + Math.ceil(report.wallMs / 60_000)));
    // The client's own count agrees with the server's.
    expect(report.requests.total).toBeGreaterThanOrEqual(total);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
