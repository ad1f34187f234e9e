import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/density/run.js';
import { runCli } from '../helpers/cli.js';

describe('hcp-kv density', () => {
  it('computes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 90), percentile(v, 99)]).toEqual([50, 90, 99]);
    expect(percentile([], 50)).toBe(0);
  });

  it('creates clusters in batches on an embedded cluster, writes the report and chart, and cleans up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-density-'));
    const r = await runCli(['--progress', 'none', 'density', '--count', '6', '--batch-size', '3', '--delay-between-batch', '100ms', '--concurrency', '4', '--cleanup', '--embedded', 'instant', '--report', dir], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^6\/6 clusters completed in/);
    expect(r.stdout).toMatch(/^STAGE\s+P50\s+P90\s+P99$/m);
    expect(r.stdout).toMatch(/^version Completed\s+\S+s\s+\S+s\s+\S+s$/m);
    const report = JSON.parse(readFileSync(join(dir, 'density.json'), 'utf8'));
    expect(report.succeeded).toBe(6);
    expect(report.clusters.every((c: any) => c.createdMs <= c.availableMs && c.availableMs <= c.nodePoolReadyMs && c.nodePoolReadyMs <= c.completedMs)).toBe(true);
    // The second batch starts after the first one was started plus the delay.
    expect(Math.min(...report.clusters.slice(3).map((c: any) => c.startMs))).toBeGreaterThanOrEqual(100);
    expect(existsSync(join(dir, 'density.svg'))).toBe(true);
    expect(readFileSync(join(dir, 'density.svg'), 'utf8')).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*6\/6 clusters completed/);
  }, 120_000);
});
