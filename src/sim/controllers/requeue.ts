// A reconcile that fails is tried again after a growing delay, as a real controller's work queue requeues a
// failed key (kubernetes/client-go util/workqueue/default_rate_limiters.go@v0.32.0, DefaultControllerRateLimiter:
// 5 ms doubling per failure). Without it, one early failure — an API that was not served yet — left a simulated
// operator waiting for an event that never came, and a `sim --preinstalled` start hung about one time in three.
import type { SimContext } from './runtime.js';

/** The longest wait between two tries here (client-go's is 1000 s; a simulator has no reason to wait that long). */
const MAX_DELAY_MS = 2_000;

export function retryDelayMs(failures: number): number {
  return Math.min(5 * 2 ** failures, MAX_DELAY_MS);
}

/**
 * A trigger for `reconcile`: runs one at a time (a trigger during a run queues one more run), and after a failure
 * runs again by itself until it succeeds or the simulator stops.
 */
export function serialReconciler(ctx: Pick<SimContext, 'signal' | 'log' | 'onStop'>, controller: string, what: string, reconcile: () => Promise<void>): () => void {
  let chain = Promise.resolve();
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  const trigger = (): void => {
    if (ctx.signal.aborted) return;
    chain = chain.then(async () => {
      if (ctx.signal.aborted) return;
      try {
        await reconcile();
        failures = 0;
      } catch (e) {
        if (ctx.signal.aborted) return;
        failures++;
        const ms = retryDelayMs(failures);
        ctx.log(controller, `${what} failed (try ${failures}; again in ${ms} ms): ${(e as Error).message}`);
        clearTimeout(retry);
        retry = setTimeout(trigger, ms);
      }
    });
  };
  ctx.onStop(async () => clearTimeout(retry));
  return trigger;
}
