// Issue 24: `density --embedded` runs the simulated operators on a worker thread (src/sim/operators-thread.ts), so
// the management API server and they use a core each. Node 20 cannot start a worker from TypeScript, so what runs
// on the thread is the bundle: these tests run the built program (dist/), the source falls back to one thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { startSim } from '../../src/sim/index.js';
import { spawnCli, startCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-operators-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

// Imports the built chunk that holds src/sim/index.ts (dist/meta.json names it) and starts the sim twice with the
// operators on a thread: once with an injection the operators reject at the end of their start, once to stop it.
const PROBE = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const dist = process.argv[2];
const meta = JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8'));
const [chunk] = Object.entries(meta.outputs).find(([, o]) => o.exports?.includes('startSim') && 'src/sim/index.ts' in o.inputs);
const { startSim } = await import(pathToFileURL(join(dist, '..', chunk)).href);
const out = {};
await startSim({ profile: 'instant', operatorsThread: true, inject: 'no-such-knob=x' }).then(
  () => (out.failed = false),
  (e) => (out.failed = e.message),
);
const logs = [];
const sim = await startSim({ profile: 'instant', operatorsThread: true, log: (l) => logs.push(l) });
out.threadId = sim.operatorsThreadId;
await sim.stop();
out.logs = logs;
console.log(JSON.stringify(out));
`;

describe('the simulated operators on a worker thread (built program)', () => {
  it('density --embedded runs them on a worker thread (density.json says which)', async () => {
    const report = join(dir, 'report');
    const r = await spawnCli(['--progress', 'none', 'density', '--embedded', 'instant', '--count', '20', '--concurrency', '20', '--report', report], { timeout: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(readFileSync(join(report, 'density.json'), 'utf8'));
    expect(d.succeeded).toBe(20);
    expect(d.parameters.embeddedOperators).toMatch(/^worker thread [1-9]\d*$/);
  }, 300_000);

  it("a failed start rejects startSim with the thread's error; stop() ends the thread and the program ends by itself", () => {
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, PROBE);
    // The process must end on its own: nothing of either sim (server, thread, sockets) may keep it alive.
    const r = spawnSync(process.execPath, [probe, DIST], { encoding: 'utf8', timeout: 120_000 });
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.failed).toMatch(/^unknown injection "no-such-knob"/);
    expect(out.threadId).toBeGreaterThan(0);
    // The operators' log comes back from the thread; their stop() ended it (it was not terminated).
    expect(out.logs.length).toBeGreaterThan(0);
    expect(out.logs.filter((l: string) => /^\[operators\]/.test(l))).toEqual([]);
  }, 180_000);

  it('Ctrl-C during density --embedded stops the run, the operators and the program (exit 130)', async () => {
    // One cluster at a time: clusters are still to come when the first completes.
    const cli = startCli(['--progress', 'plain', 'density', '--embedded', 'instant', '--count', '50', '--concurrency', '1'], { timeout: 240_000 });
    await cli.waitForStderr(/completed in/);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: run [a-z0-9]{5} created/);
  }, 300_000);
});

describe('from the TypeScript source', () => {
  it('operatorsThread falls back to this thread (Node 20 cannot start a .ts worker)', async () => {
    const sim = await startSim({ profile: 'instant', operatorsThread: true });
    try {
      expect(sim.operatorsThreadId).toBeUndefined();
      // The operators ran here: the base controller made the worker nodes before startSim returned.
      const client = SimClient.fromKubeconfig(sim.api.kubeconfig({ token: sim.api.systemToken }));
      expect((await client.list('v1', 'Node')).items.length).toBeGreaterThanOrEqual(3);
      client.close();
    } finally {
      await sim.stop();
    }
  }, 120_000);
});
