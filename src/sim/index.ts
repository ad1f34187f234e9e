// The embedded management cluster: the API server plus the simulated operators, in one process.
import { startApiServer, type ApiServer, type ApiServerOptions } from './apiserver/index.js';
import { startControllers, type ControllerOptions, type RunningControllers } from './controllers/index.js';
import { delayMs } from './profiles.js';

// The embedded cluster's entry point: the CLI (src/commands/embedded.ts, src/commands/sim-impl.ts) imports only
// this file (test/repo/boundaries.test.ts).
export { parseFaults } from './apiserver/faults.js';
export { startControllers } from './controllers/index.js';
export { parseInject } from './controllers/inject.js';

export interface SimOptions extends ApiServerOptions, Omit<ControllerOptions, 'kubeconfig'> {
  controllers?: boolean;
}

export interface Sim {
  api: ApiServer;
  stop(): Promise<void>;
}

export async function startSim(o: SimOptions = {}): Promise<Sim> {
  // --crds DIR goes to the operators (they register their CRDs when installed), not to the server at start.
  // The CRDs the platform holds before anyone arrives (those the operators register when they start) are
  // established at the instant profile's pace; those of operators installed later take the profile's time.
  const establishDelayMs = o.establishDelayMs ?? delayMs(o.profile ?? 'fast', 'crdEstablish', o.timeScale ?? 1);
  const api = await startApiServer({ ...o, establishDelayMs: Math.min(establishDelayMs, delayMs('instant', 'crdEstablish')), crdsDir: undefined });
  let controllers: RunningControllers | undefined;
  if (o.controllers !== false) {
    controllers = await startControllers({ ...o, kubeconfig: api.kubeconfig({ token: api.systemToken }) });
  }
  api.setCrdEstablishDelay(establishDelayMs);
  return {
    api,
    async stop() {
      await controllers?.stop();
      await api.close();
    },
  };
}

// For demo --disconnected: the oc-mirror results the simulated mirror holds, and the simulated releases' digests.
export { writeOcMirrorResults } from './mirror-results.js';
export { simReleaseDigest } from './controllers/releases.js';
