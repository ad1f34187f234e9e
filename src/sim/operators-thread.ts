// The simulated operators on a worker thread (operators-worker.ts), for the embedded cluster (index.ts): with a
// thousand hosted clusters, the API server and the operators each keep a core busy, and in one thread they took
// turns on one (issue 24: density 1000 ran ~120 s on one of two cores).
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ControllerOptions, RunningControllers } from './controllers/index.js';

/** What the worker is given: the options minus the log function (a function cannot cross threads). */
export type OperatorsWorkerData = Omit<ControllerOptions, 'log'> & { log: boolean };
type Cloned = keyof Omit<ControllerOptions, 'log'>;

/** Every option the worker gets (a new ControllerOptions field fails tsc here until it is listed). */
const CLONED: Record<Cloned, true> = {
  kubeconfig: true,
  profile: true,
  timeScale: true,
  seed: true,
  ocpVersion: true,
  mceVersion: true,
  preinstalled: true,
  workers: true,
  crdsDir: true,
  minimalCrds: true,
  disconnected: true,
  inject: true,
};

/** How long stop() waits for the thread to end once asked before it terminates it. */
const STOP_DEADLINE_MS = 15_000;

export interface ThreadedOperators extends RunningControllers {
  threadId: number;
}

/**
 * The worker's script: the bundle's entry sim-operators.js, beside the chunk that holds this module (every
 * chunk and lazy entry is in dist/chunks, scripts/build.mjs). Undefined when there is none: running from the
 * TypeScript source (vitest runs src/ directly, and Node 20 cannot start a .ts worker) or from the single-file
 * build (dist/hcp-kv.mjs); the operators then run in this thread.
 */
export function operatorsWorkerUrl(): URL | undefined {
  if (import.meta.url.endsWith('.ts')) return undefined;
  const url = new URL('./sim-operators.js', import.meta.url);
  return existsSync(url) ? url : undefined;
}

/** Starts the operators on a worker thread; rejects with the worker's error when their start fails. */
export function startOperatorsThread(url: URL, o: ControllerOptions): Promise<ThreadedOperators> {
  const data: Record<string, unknown> = { log: Boolean(o.log) };
  for (const k of Object.keys(CLONED) as Cloned[]) if (o[k] !== undefined) data[k] = o[k];
  const worker = new Worker(url, { workerData: data });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  worker.on('message', (m: { type: string; line?: string }) => {
    if (m.type === 'log') o.log?.(m.line ?? '');
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`the simulated operators' thread ended while they started (exit code ${code})`)));
    worker.on('message', (m: { type: string; threadId?: number }) => {
      if (m.type !== 'started') return;
      // From now on an error of the thread is an operator's bug: unhandled, it ends the program as it would
      // have in this thread. The thread alone does not keep the program alive (the API server does).
      worker.off('error', reject);
      worker.unref();
      let stopping: Promise<void> | undefined;
      resolve({ threadId: m.threadId ?? worker.threadId, stop: () => (stopping ??= stopThread(worker, exited, o.log)) });
    });
  });
}

/** Asks the operators to stop (the thread ends after their stop()); terminates the thread past the deadline. */
async function stopThread(worker: Worker, exited: Promise<number>, log?: (line: string) => void): Promise<void> {
  worker.ref();
  // The thread is ending: an error now is reported, not fatal.
  worker.on('error', (e) => log?.(`[operators] error while stopping: ${e.message}`));
  worker.postMessage({ type: 'stop' });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_DEADLINE_MS)));
  const ended = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (ended === 'late') {
    log?.(`[operators] the thread did not end within ${STOP_DEADLINE_MS} ms of stop: terminated`);
    await worker.terminate();
  }
}
