// Kubernetes failures turned into readable HcpErrors: the Status body's reason, message and causes, the verb
// and the object, and a hint. client-node's raw "HTTP-Code: …" text is never shown.
import { HcpError, unreachableError } from '../errors.js';
import { formatMs } from '../run/format.js';

export interface StatusBody {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ field?: string; message?: string; reason?: string }>; retryAfterSeconds?: number };
}

/** An HTTP-level failure from the API server, with the parsed Status. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: StatusBody,
    readonly retryAfterMs?: number,
  ) {
    super(status.message || `HTTP ${code}`);
    this.name = 'KubeApiError';
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** Parses a raw response body (a string, as ApiException.body is) as a Kubernetes Status. */
export function parseStatus(body: unknown): StatusBody {
  if (body && typeof body === 'object') return body as StatusBody;
  if (typeof body === 'string' && body.trim()) {
    try {
      const parsed = JSON.parse(body) as StatusBody;
      if (parsed && typeof parsed === 'object') return parsed;
    } catch {
      return { message: body.trim().slice(0, 300) };
    }
  }
  return {};
}

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** No answer (not even a TLS handshake) within the per-request timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 'ERR_HCP_REQUEST_TIMEOUT';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** A watch that stayed silent (no event, no bookmark) longer than it may: resumed, never trusted. */
export class WatchStalledError extends Error {
  readonly code = 'ERR_HCP_WATCH_STALLED';
  constructor(readonly ms: number) {
    super(`the watch stream was silent for ${ms} ms`);
    this.name = 'WatchStalledError';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO/;

export function isNetworkError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return Boolean(code && NETWORK_CODES.has(code)) || /socket hang up/.test((e as Error)?.message ?? '');
}

/** What to show for a failed request: `what` names the action and object, e.g. "apply Namespace openshift-cnv". */
export function describeKubeError(e: unknown, what: string, server?: string): HcpError {
  if (e instanceof HcpError) return e;
  // A request aborted by the command's deadline or Ctrl-C: the abort reason is the story, not "aborted".
  if ((e as Error)?.name === 'AbortError' && (e as Error).cause instanceof HcpError) return (e as Error).cause as HcpError;
  if (e instanceof KubeApiError) {
    const s = e.status;
    const causes = (s.details?.causes ?? []).map((c) => `${c.field ? `${c.field}: ` : ''}${c.message ?? c.reason ?? ''}`);
    const base = `${what}: ${s.message || s.reason || `HTTP ${e.code}`}`;
    switch (e.code) {
      case 401:
        return unreachableError(`${what}: the cluster refused the credentials (401 Unauthorized)`, 'log in again (oc login) or check the token in your kubeconfig', e);
      case 403:
        return new HcpError(base, { hint: 'ask a cluster admin for the RBAC permission this needs, or use a kubeconfig with cluster-admin', cause: e, details: causes });
      case 404:
        return new HcpError(base, { hint: 'check the name and namespace; if the kind is missing, its operator may not be installed yet', cause: e });
      case 409:
        return new HcpError(base, { hint: 'another client changed it at the same time; run the command again', cause: e });
      case 422:
        return new HcpError(causes.length ? `${what}: invalid: ${causes.join('; ')}` : base, { hint: 'the server rejected the object; check the values given on the command line or in the config file', cause: e, details: causes });
      case 429:
        return new HcpError(base, { hint: 'the API server is overloaded; wait a little and run the command again', cause: e });
      default:
        return new HcpError(base, { hint: e.code >= 500 ? 'the API server failed; check its health (`oc get --raw /readyz`) and run the command again' : undefined, cause: e, details: causes });
    }
  }
  const err = e as NodeJS.ErrnoException;
  if (e instanceof RequestTimeoutError) {
    return unreachableError(
      `API server not responding${server ? ` at ${server}` : ''}: no answer to ${what} within ${formatMs(e.ms)}`,
      'check that the API server is healthy (`oc get --raw /readyz` from elsewhere), or raise --request-timeout',
      e,
    );
  }
  if (isNetworkError(e)) {
    return unreachableError(`cannot reach the cluster${server ? ` at ${server}` : ''} (${err.code ?? err.message})`, 'check that the API server is running and reachable from here, and the server address in the kubeconfig', e);
  }
  if (TLS_CODES.test(err?.code ?? '') || TLS_CODES.test(err?.message ?? '')) {
    return unreachableError(`cannot verify the cluster's TLS certificate${server ? ` at ${server}` : ''} (${err.code ?? err.message})`, 'check certificate-authority-data in the kubeconfig', e);
  }
  return new HcpError(`${what}: ${err?.message ?? String(e)}`, { cause: e, hint: 're-run with -v for details' });
}
