// A command's overall deadline (--timeout), started when the command starts, so it covers every phase:
// validation reads, the first connection, preflight and every step. Its signal also carries Ctrl-C.
import { setMaxListeners } from 'node:events';
import { DeadlineError, InterruptedError, isHcpError, usageError } from '../errors.js';
import { fitsTimer } from '../config/values/scalars.js';
import { formatMs } from './format.js';

export interface Deadline {
  signal: AbortSignal;
  /** Milliseconds left (Infinity without a deadline). */
  left(): number;
  dispose(): void;
}

export function startDeadline(title: string, ms: number | undefined, outer?: AbortSignal): Deadline {
  // A timer beyond 2^31-1 ms fires at once: refuse it rather than end the command immediately.
  if (ms !== undefined && !fitsTimer(ms)) throw usageError(`--timeout for ${title} is too long (at most 24 days)`, 'write a shorter --timeout, e.g. 2h');
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const started = Date.now();
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onOuter = () => abort(isHcpError(outer!.reason) ? outer!.reason : new InterruptedError());
  if (outer?.aborted) onOuter();
  outer?.addEventListener('abort', onOuter, { once: true });
  const timer = ms ? setTimeout(() => abort(new DeadlineError(title, ms, `${title} did not finish within ${formatMs(ms)}`)), ms) : undefined;
  timer?.unref();
  return {
    signal: controller.signal,
    left: () => (ms ? Math.max(0, ms - (Date.now() - started)) : Infinity),
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
