// run(args, io) in-process (src/main.ts): two runs at once in one process keep their own streams, environment,
// JSON document, exit code and interrupt; run() never touches the process's streams or exit code and leaves no
// listener behind.
import { getEventListeners } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { startHungServer, type HungServer } from '../helpers/hung-server.js';
import { simEnv, type SimEnv } from '../helpers/sim-env.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
const io = (env: NodeJS.ProcessEnv, signal?: AbortSignal) => ({ stdout: new Capture(), stderr: new Capture(), env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', ...env }, signal });

let fresh: SimEnv;
let hung: HungServer;
let hungKubeconfig: string;
beforeAll(async () => {
  [fresh, hung] = await Promise.all([simEnv({ profile: 'instant' }), startHungServer()]);
  hungKubeconfig = join(fresh.dir, 'hung.kubeconfig');
  writeFileSync(hungKubeconfig, fresh.sim.api.kubeconfig().replace(fresh.sim.api.url, hung.url));
}, 60_000);
afterAll(async () => {
  await Promise.all([fresh.stop(), hung.close()]);
});

describe('run() in-process', () => {
  it('keeps two concurrent runs apart: streams, environment, JSON document, exit code and Ctrl-C', async () => {
    const writes = { out: 0, err: 0 };
    const [out, err] = [process.stdout.write, process.stderr.write];
    process.stdout.write = ((...a: Parameters<typeof out>) => (writes.out++, out.apply(process.stdout, a))) as typeof out;
    process.stderr.write = ((...a: Parameters<typeof err>) => (writes.err++, err.apply(process.stderr, a))) as typeof err;
    const exitCodeBefore = process.exitCode;
    const ctrlC = new AbortController();
    // doctor on a fresh cluster: not ready (1), found through $KUBECONFIG of its own environment.
    const a = io({ KUBECONFIG: fresh.kubeconfig });
    // list waiting on a server that never answers (its $KUBECONFIG), interrupted once it is waiting.
    const b = io({ KUBECONFIG: hungKubeconfig }, ctrlC.signal);
    const c = io({});
    void hung.nextConnection().then(() => ctrlC.abort());
    let codes: number[];
    try {
      codes = await Promise.all([run(['--progress', 'none', 'doctor', '-o', 'json'], a), run(['--progress', 'none', '--request-timeout', '0', 'list', '-o', 'json'], b), run(['version', '-o', 'json'], c)]);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect(codes).toEqual([1, 130, 0]);
    const [da, db, dc] = [a, b, c].map((x) => JSON.parse(x.stdout.text));
    expect(da).toMatchObject({ ok: false, ready: false, error: { exitCode: 1 } });
    expect(db).toMatchObject({ ok: false, command: 'list', error: { message: 'interrupted', exitCode: 130 } });
    expect(dc).toMatchObject({ ok: true, hcpKv: expect.any(String) });
    expect(b.stderr.text).toMatch(/Interrupted; stopping/);
    expect(a.stderr.text + c.stderr.text).not.toMatch(/Interrupted|Error/);
    expect(writes).toEqual({ out: 0, err: 0 });
    expect(process.exitCode).toBe(exitCodeBefore);
    expect(getEventListeners(ctrlC.signal, 'abort')).toHaveLength(0);
  }, 60_000);

  it('a second signal (kill) ends a run that does not stop at once, with the JSON document', async () => {
    const kill = new AbortController();
    const x = io({ KUBECONFIG: hungKubeconfig }, undefined);
    void hung.nextConnection().then(() => kill.abort());
    const code = await run(['--progress', 'none', '--request-timeout', '0', 'status', 'kv-00', '-o', 'json'], { ...x, kill: kill.signal });
    expect(code).toBe(130);
    expect(JSON.parse(x.stdout.text)).toMatchObject({ ok: false, command: 'status', error: { exitCode: 130 } });
    expect(getEventListeners(kill.signal, 'abort')).toHaveLength(0);
  }, 30_000);
});
