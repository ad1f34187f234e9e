// Issue 24.3: the density report as a self-contained HTML page, opened in a real headless browser (Debian's
// chromium): the chart, the stage table, the slowest clusters and the request counts render, and a hostile
// condition message stays text (no element, no script).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { densityHtml } from '../../src/density/html.js';
import type { DensityReport } from '../../src/density/run.js';
import { runCli } from '../helpers/cli.js';

const CHROMIUM = ['/usr/bin/chromium', 'chromium'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-density-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The DOM chromium built from the page (after parsing and layout), as serialized HTML. */
function dumpDom(file: string): Promise<string> {
  const profile = mkdtempSync(join(dir, 'profile-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(file).href];
  return new Promise((resolve, reject) => {
    const c = spawn(CHROMIUM!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    const t = setTimeout(() => c.kill('SIGKILL'), 120_000);
    c.on('close', (code) => {
      clearTimeout(t);
      if (code === 0 && out.includes('</html>')) resolve(out);
      else reject(new Error(`chromium exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

const HOSTILE = '<script>document.title="pwned"</script><img src=x onerror="document.title=1">\u001b[2J & "quoted"';

describe.skipIf(!CHROMIUM)(`density HTML report in headless chromium${CHROMIUM ? '' : ' (skipped: chromium is not installed; .ci/run installs it)'}`, () => {
  it('renders the page of a real run: chart, stages, slowest clusters, requests, parameters', async () => {
    const r = await runCli(['--progress', 'none', 'density', '--count', '3', '--embedded', 'instant', '--report', dir], { timeout: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    const dom = await dumpDom(join(dir, 'density.html'));
    expect(dom).toMatch(/<svg id="chart"[^>]*>[\s\S]*<rect [\s\S]*<\/svg>/);
    expect((dom.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(3 * 4); // four segments per cluster
    expect(dom).toMatch(/<table id="stages">[\s\S]*version Completed[\s\S]*<\/table>/);
    expect((dom.match(/<tr><td>density-[a-z0-9]{5}-000\d<\/td>/g) ?? []).length).toBe(3);
    expect(dom).toMatch(/<table id="requests">[\s\S]*<td>create<\/td><td>secrets<\/td><td>6<\/td>/);
    expect(dom).toMatch(/<table id="parameters">[\s\S]*<td>qps<\/td><td>200<\/td>/);
    expect(dom).toMatch(/<p id="summary">3\/3 clusters completed/);
  }, 300_000);

  it('keeps cluster-supplied strings as text', async () => {
    const report: DensityReport = {
      runId: 'abcde',
      namespace: 'density',
      count: 2,
      succeeded: 1,
      wallMs: 5000,
      interrupted: false,
      percentiles: { available: { p50: 1000, p90: 1000, p99: 1000 }, nodePoolReady: { p50: 2000, p90: 2000, p99: 2000 }, completed: { p50: 3000, p90: 3000, p99: 3000 } },
      clusters: [
        { name: 'density-abcde-0000', startMs: 0, createdMs: 100, availableMs: 1000, nodePoolReadyMs: 2000, completedMs: 3000, lastCondition: `Available=True AsExpected: ${HOSTILE}`, created: [] },
        { name: 'density-abcde-0001', startMs: 10, createdMs: 100, error: `timed out: ${HOSTILE}`, created: [] },
      ],
    };
    const file = join(dir, 'hostile.html');
    writeFileSync(file, densityHtml(report, { parameters: { namespace: HOSTILE }, requests: { total: 10, perCluster: 5, maxPerSecond: 4, byVerbAndResource: { 'create secrets': 4 } } }));
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script|<img|\u001b/);
    const dom = await dumpDom(file);
    expect(dom).not.toMatch(/<script|<img/);
    expect(dom).toMatch(/<title>hcp-kv density abcde<\/title>/);
    // The error of the unfinished cluster comes first among the slowest, as text.
    expect(dom).toMatch(/<tr><td>density-abcde-0001<\/td>(<td>—<\/td>){3}<td>timed out: &lt;script&gt;document.title="pwned"&lt;\/script&gt;&lt;img src=x onerror="document.title=1"&gt;\ufffd\[2J &amp; "quoted"<\/td><\/tr>/);
    expect(dom).toMatch(/<svg id="chart"/);
  }, 300_000);
});
