// Retries for transient failures: exponential backoff with full jitter, Retry-After honoured; never for
// validation errors or other 4xx answers that would fail the same way again.
import { isNetworkError, KubeApiError, RequestTimeoutError, WatchStalledError } from './errors.js';

export interface RetryOptions {
  signal?: AbortSignal;
  maxAttempts?: number;
  maxTotalMs?: number;
  baseMs?: number;
  capMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
  /** Which failures to retry (default isRetryable). */
  retryable?: (e: unknown) => boolean;
  /** Connection failures are retried for this long (not bounded by maxAttempts/maxTotalMs): an API-server
   * restart during a long run must not end it. */
  reconnectWindowMs?: number;
}

const RETRYABLE_CODES = new Set([429, 500, 502, 503, 504]);

// A refused connection or an unknown host will not heal in seconds: fail fast (exit 3) instead.
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export function isRetryable(e: unknown): boolean {
  if (e instanceof KubeApiError) return RETRYABLE_CODES.has(e.code);
  const code = (e as NodeJS.ErrnoException)?.code;
  return isNetworkError(e) && (code === undefined || TRANSIENT_NETWORK.has(code));
}

/** The server could not be reached or did not answer: refused, reset, unknown host, no answer, silent watch. */
export function isConnectionFailure(e: unknown): boolean {
  return isNetworkError(e) || e instanceof RequestTimeoutError || e instanceof WatchStalledError;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Delay before attempt `attempt` (1-based retry count): Retry-After when given, else full jitter. */
export function backoffDelay(attempt: number, e: unknown, o: Pick<RetryOptions, 'baseMs' | 'capMs' | 'random'> = {}): number {
  if (e instanceof KubeApiError && e.retryAfterMs !== undefined) return e.retryAfterMs;
  const base = o.baseMs ?? 200;
  const cap = o.capMs ?? 5000;
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.round((o.random ?? Math.random)() * ceiling);
}

export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const sleep = o.sleep ?? abortableSleep;
  const now = o.now ?? Date.now;
  const started = now();
  const maxAttempts = o.maxAttempts ?? 8;
  const maxTotal = o.maxTotalMs ?? 60_000;
  const retryable = o.retryable ?? isRetryable;
  let disconnectedSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (o.signal?.aborted) throw e;
      if (!retryable(e)) throw e;
      const delay = backoffDelay(attempt, e, o);
      if (o.reconnectWindowMs !== undefined && isConnectionFailure(e)) {
        disconnectedSince ??= now();
        if (now() - disconnectedSince + delay > o.reconnectWindowMs) throw e;
      } else {
        if (attempt >= maxAttempts) throw e;
        if (now() - started + delay > maxTotal) throw e;
      }
      o.onRetry?.(e, attempt, delay);
      await sleep(delay, o.signal);
    }
  }
}
