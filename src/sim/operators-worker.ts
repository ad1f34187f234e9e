// The simulated operators on a worker thread of their own (bundled as dist/chunks/sim-operators.js; started by
// operators-thread.ts). The management API server and the CLI keep the main thread, the operators and the
// hosted clusters' API servers they start (controllers/guest.ts) get this one: two cores instead of one.
// Protocol, by messages on parentPort:
//   worker -> main  { type: 'log', line }          a line of the operators' log (only when the main thread asked)
//                   { type: 'started', threadId }  startControllers() returned
//   main -> worker  { type: 'stop' }               stop the operators; the thread ends after their stop()
// An error during start is thrown out of this module: the main thread's Worker emits it as 'error'.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { startControllers } from './controllers/index.js';
import type { OperatorsWorkerData } from './operators-thread.js';

if (!parentPort) throw new Error('sim-operators.js runs on a worker thread (src/sim/operators-thread.ts starts it)');
const port = parentPort;
const { log, ...options } = workerData as OperatorsWorkerData;
const running = await startControllers({ ...options, log: log ? (line) => port.postMessage({ type: 'log', line }) : undefined });
port.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  port.removeAllListeners('message');
  // The operators' stop() aborts their watches and closes their clients and the hosted clusters' API servers;
  // whatever a controller still holds open ends with the thread.
  void running.stop().finally(() => process.exit(0));
});
port.postMessage({ type: 'started', threadId });
