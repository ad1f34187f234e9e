// What every cluster-facing command shares: global flags, a lazily loaded Kubernetes client, output mode.
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { ProgressMode } from '../run/progress.js';
import { io } from '../run/io.js';

export interface Globals {
  kubeconfig?: string;
  context?: string;
  verbose: number;
  progress: ProgressMode;
  requestTimeout?: string;
  reconnectWindow?: string;
}

/** --request-timeout and --reconnect-window in ms (usage errors before anything is sent). */
export async function connectionLimits(g: Globals): Promise<{ requestTimeoutMs: number; reconnectWindowMs: number }> {
  const { parseDuration } = await import('../config/load.js');
  const requestTimeoutMs = !g.requestTimeout || /^0+$/.test(g.requestTimeout.trim()) ? (g.requestTimeout ? 0 : 30_000) : parseDuration(g.requestTimeout);
  const reconnectWindowMs = !g.reconnectWindow ? 120_000 : /^0+$/.test(g.reconnectWindow.trim()) ? 0 : parseDuration(g.reconnectWindow);
  return { requestTimeoutMs, reconnectWindowMs };
}

/** Loads @kubernetes/client-node only now: commands that never reach a cluster never pay for it. Every request
 * is bound to `signal` (the command's deadline and Ctrl-C) and to --request-timeout. */
export async function connectKube(g: Globals, signal?: AbortSignal): Promise<Kube & { close(): void }> {
  const limits = await connectionLimits(g);
  const { connect } = await import('../kube/client.js');
  return connect({ kubeconfig: g.kubeconfig, context: g.context, verbose: g.verbose, limits: { ...limits, signal: signal ?? io().signal } });
}

export type OutputFormat = 'text' | 'json' | 'yaml' | 'table' | 'wide';

export function outputFormat(value: string | undefined, allowed: OutputFormat[]): OutputFormat {
  const v = (value ?? allowed[0]) as OutputFormat;
  if (!allowed.includes(v)) throw usageError(`-o must be one of ${allowed.join(', ')}, got "${value}"`);
  return v;
}

/** A comma-separated flag value as a list (--only, --skip). */
export { commaList as list } from '../config/values/flag-args.js';
