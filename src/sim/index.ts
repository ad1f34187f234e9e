// The embedded management cluster: the API server plus the simulated operators, in one process (the operators
// in this thread, or on a worker thread of their own with operatorsThread).
import { startApiServer, type ApiServer, type ApiServerOptions } from './apiserver/index.js';
import { startControllers, type ControllerOptions, type RunningControllers } from './controllers/index.js';
import { operatorsWorkerUrl, startOperatorsThread } from './operators-thread.js';
import { delayMs } from './profiles.js';

// The embedded cluster's entry point: the CLI (src/commands/embedded.ts, src/commands/sim-impl.ts) imports only
// this file (test/repo/boundaries.test.ts).
export { parseFaults } from './apiserver/faults.js';
export { startControllers } from './controllers/index.js';
export { parseInject } from './controllers/inject.js';

export interface SimOptions extends ApiServerOptions, Omit<ControllerOptions, 'kubeconfig'> {
  controllers?: boolean;
  /**
   * The operators (and the hosted clusters' API servers they start) on a worker thread: the API server and
   * they then use a core each. Only from the bundle (dist/); from the TypeScript source they run in this thread.
   */
  operatorsThread?: boolean;
}

export interface Sim {
  api: ApiServer;
  /** The worker thread the operators run on; undefined when they run in this thread (or do not run). */
  operatorsThreadId?: number;
  stop(): Promise<void>;
}

export async function startSim(o: SimOptions = {}): Promise<Sim> {
  // --crds DIR goes to the operators (they register their CRDs when installed), not to the server at start.
  // The CRDs the platform holds before anyone arrives (those the operators register when they start) are
  // established at the instant profile's pace; those of operators installed later take the profile's time.
  const establishDelayMs = o.establishDelayMs ?? delayMs(o.profile ?? 'fast', 'crdEstablish', o.timeScale ?? 1);
  const api = await startApiServer({ ...o, establishDelayMs: Math.min(establishDelayMs, delayMs('instant', 'crdEstablish')), crdsDir: undefined });
  let controllers: (RunningControllers & { threadId?: number }) | undefined;
  if (o.controllers !== false) {
    const options = { ...o, kubeconfig: api.kubeconfig({ token: api.systemToken }) };
    const url = o.operatorsThread ? operatorsWorkerUrl() : undefined;
    controllers = url
      ? await startOperatorsThread(url, options).catch(async (e: unknown) => {
          await api.close();
          throw e;
        })
      : await startControllers(options);
  }
  api.setCrdEstablishDelay(establishDelayMs);
  return {
    api,
    operatorsThreadId: controllers?.threadId,
    async stop() {
      await controllers?.stop();
      await api.close();
    },
  };
}

// For demo --disconnected: the oc-mirror results the simulated mirror holds, and the simulated releases' digests.
export { writeOcMirrorResults } from './mirror-results.js';
export { simReleaseDigest } from './controllers/releases.js';
