// The one place that sends HTTP requests to the API server: TLS and credentials from the kubeconfig (through
// client-node), a keep-alive agent, retries for transient failures, and the -vv request log. Every request has
// a deadline (--request-timeout) so a server that accepts connections and never answers cannot hang a command;
// watches have an idle limit instead, since bookmarks keep a healthy stream talking.
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { createSecureContext } from 'node:tls';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, parseRetryAfter, parseStatus, RequestTimeoutError, WatchStalledError } from './errors.js';
import { isConnectionFailure, isRetryable, withRetry, type RetryOptions } from './retry.js';
import type { RateLimiter } from './rate.js';
import { CredentialPluginError, killPlugins, withPluginBound } from './credential-plugin.js';

export interface RequestInit {
  method?: string;
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Retry transient failures (default true). */
  retry?: boolean;
  /** Called with the HTTP status of the answer (201 tells a create from an update). */
  onStatus?: (code: number) => void;
  /** Under the client-side rate limit, lower goes first (src/kube/rate.ts). */
  priority?: number;
}

export interface HttpLimits {
  /** Per-request deadline for everything but watches, in ms; 0 = none (kubectl's --request-timeout=0). */
  requestTimeoutMs?: number;
  /** How long connection failures are retried once the server has answered (an API-server restart). */
  reconnectWindowMs?: number;
  /** A watch with no event and no bookmark for this long is dropped and resumed. */
  watchIdleMs?: number;
  /** Aborts every request (the command's deadline and Ctrl-C), also those sent without a signal. */
  signal?: AbortSignal;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_RECONNECT_WINDOW_MS = 120_000;
export const DEFAULT_WATCH_IDLE_MS = 90_000;

export class KubeHttp {
  private agent?: HttpsAgent | HttpAgent;
  private tlsOptions?: RequestOptions;

  constructor(
    readonly kc: KubeConfig,
    readonly server: string,
    private readonly log?: (line: string) => void,
    private readonly retryOptions: Pick<RetryOptions, 'sleep' | 'random' | 'maxAttempts' | 'maxTotalMs' | 'onRetry'> = {},
    private readonly limiter?: RateLimiter,
    readonly limits: HttpLimits = {},
  ) {}

  /** Requests sent (after retries), for reports. */
  requests = 0;
  /** Called for every request as it goes out (after the rate limit), for per-verb accounting. */
  onSend?: (method: string, url: string) => void;
  /** The highest resourceVersion this client's own writes returned, per kind and namespace (read-your-writes for
   * shared watches). */
  private writes = new Map<string, number>();
  private closers: Array<() => void> = [];

  lastWriteRv(apiVersion: string, kind: string, namespace?: string): number {
    return this.writes.get(`${apiVersion}/${kind}/${namespace ?? ''}`) ?? -1;
  }

  private noteWrite(obj: unknown): void {
    const o = obj as { apiVersion?: string; kind?: string; metadata?: { namespace?: string; resourceVersion?: string } } | undefined;
    const rv = o?.metadata?.resourceVersion;
    if (!o?.apiVersion || !o.kind || !rv || !/^\d+$/.test(rv)) return;
    for (const ns of [o.metadata!.namespace ?? '', '']) {
      const key = `${o.apiVersion}/${o.kind}/${ns}`;
      this.writes.set(key, Math.max(this.writes.get(key) ?? -1, Number(rv)));
    }
  }

  /** Runs when the connection closes (the shared informers stop). */
  onClose(fn: () => void): void {
    this.closers.push(fn);
  }

  /** True once the server has answered anything: from then on, connection failures are an outage to ride out. */
  answered = false;

  get requestTimeoutMs(): number {
    return this.limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  get reconnectWindowMs(): number {
    return this.limits.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS;
  }

  /** Worth another try: 429/5xx and resets always; refused or silent servers only after a first answer. */
  isTransient(e: unknown): boolean {
    return isRetryable(e) || (this.answered && isConnectionFailure(e));
  }

  private signalFor(own?: AbortSignal, extra?: AbortSignal): AbortSignal | undefined {
    const all = [own, this.limits.signal, extra].filter((x): x is AbortSignal => Boolean(x));
    return all.length <= 1 ? all[0] : AbortSignal.any(all);
  }

  private async options(signal?: AbortSignal): Promise<RequestOptions> {
    const opts: RequestOptions = { headers: {} };
    // A credential plugin runs here: bounded by the request's signal and named when it fails.
    await withPluginBound(this.kc, () => this.kc.applyToHTTPSOptions(opts), signal);
    if (!this.agent) {
      const isHttps = this.server.startsWith('https:');
      this.tlsOptions = { ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized, servername: opts.servername };
      // One SecureContext for every connection: without it node parses the CA and key again for each new socket.
      const secureContext = isHttps ? createSecureContext({ ca: opts.ca, cert: opts.cert, key: opts.key }) : undefined;
      this.agent = isHttps ? new HttpsAgent({ ...this.tlsOptions, secureContext, keepAlive: true } as never) : new HttpAgent({ keepAlive: true });
    }
    return { headers: opts.headers, auth: opts.auth, agent: this.agent };
  }

  url(path: string, query?: Record<string, string | undefined>): string {
    const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined) as Array<[string, string]>;
    return `${this.server}${path}${q.length ? `?${new URLSearchParams(q).toString()}` : ''}`;
  }

  private async send(init: RequestInit, url: string): Promise<{ res: IncomingMessage }> {
    await this.limiter?.take(init.priority);
    this.requests++;
    this.onSend?.(init.method ?? 'GET', url);
    return this.options(init.signal)
      .then(
        (opts) =>
          new Promise<{ res: IncomingMessage }>((resolve, reject) => {
            const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
            const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'hcp-kv', ...(opts.headers as Record<string, string>) };
            if (body !== undefined) {
              headers['Content-Type'] = init.contentType ?? 'application/json';
              headers['Content-Length'] = String(Buffer.byteLength(body));
            }
            const signal = init.signal;
            if (signal?.aborted) return reject(signal.reason);
            const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { method: init.method ?? 'GET', headers, agent: opts.agent, auth: opts.auth }, (res) => resolve({ res }));
            // Aborted by hand, not with the `signal` option: node destroys a socket still connecting with the abort
            // error and nothing listening (an uncaught exception); a plain destroy() ends it quietly.
            const onAbort = () => {
              reject(signal!.reason);
              req.destroy();
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            req.on('close', () => signal?.removeEventListener('abort', onAbort));
            req.on('error', reject);
            req.end(body);
          }),
      )
      .then((r) => {
        this.answered = true;
        return r;
      });
  }

  /** A JSON request; non-2xx answers become KubeApiError with the parsed Status. */
  async request<T = any>(path: string, init: RequestInit = {}): Promise<T> {
    const url = this.url(path, init.query);
    const once = async (): Promise<T> => {
      const started = performance.now();
      // One timer covers connect, TLS, headers and body: a server that accepts and never answers ends here.
      const timeoutMs = this.requestTimeoutMs;
      const timer = new AbortController();
      const t = timeoutMs > 0 ? setTimeout(() => timer.abort(new RequestTimeoutError(timeoutMs)), timeoutMs) : undefined;
      let text: string;
      let res: IncomingMessage;
      try {
        ({ res } = await this.send({ ...init, signal: this.signalFor(init.signal, timer.signal) }, url));
        const chunks: Buffer[] = [];
        for await (const c of res) chunks.push(c as Buffer);
        text = Buffer.concat(chunks).toString('utf8');
      } catch (e) {
        if (timer.signal.aborted && !(e instanceof CredentialPluginError)) {
          this.log?.(`${init.method ?? 'GET'} ${url.replace(this.server, '')} no answer in ${timeoutMs}ms`);
          throw timer.signal.reason;
        }
        const outer = this.signalFor(init.signal);
        // A credential plugin's own error names the plugin (it ran out of the same deadline): that is the story.
        throw outer?.aborted && !(e instanceof CredentialPluginError) ? outer.reason : e;
      } finally {
        clearTimeout(t);
      }
      const code = res.statusCode ?? 0;
      init.onStatus?.(code);
      this.log?.(`${init.method ?? 'GET'} ${url.replace(this.server, '')} ${code} ${Math.round(performance.now() - started)}ms`);
      if (code < 200 || code >= 300) throw new KubeApiError(code, parseStatus(text), parseRetryAfter(res.headers['retry-after']));
      const parsed = (text ? JSON.parse(text) : undefined) as T;
      if ((init.method ?? 'GET') !== 'GET') this.noteWrite(parsed);
      return parsed;
    };
    if (init.retry === false) return once();
    const signal = this.signalFor(init.signal);
    return withRetry(once, { ...this.retryOptions, signal, retryable: (e) => this.isTransient(e), reconnectWindowMs: this.answered ? this.reconnectWindowMs : undefined });
  }

  /** Opens a watch stream; yields each event object. Ends when the server closes the stream; throws
   * WatchStalledError when it stays silent (no event, no bookmark) past the idle limit. */
  async *stream(path: string, query: Record<string, string | undefined>, signal?: AbortSignal): AsyncGenerator<{ type: string; object: any }> {
    const idleMs = this.limits.watchIdleMs ?? DEFAULT_WATCH_IDLE_MS;
    // The server ends the watch itself a little before the idle limit; a stream still open and silent after
    // that is stuck (a half-open connection, a proxy that swallowed it).
    const url = this.url(path, { timeoutSeconds: String(Math.max(1, Math.floor((idleMs * 0.8) / 1000))), ...query });
    const idle = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new WatchStalledError(idleMs)), idleMs);
    };
    arm();
    let res: IncomingMessage;
    try {
      ({ res } = await this.send({ signal: this.signalFor(signal, idle.signal) }, url));
    } catch (e) {
      clearTimeout(timer);
      throw idle.signal.aborted && !(e instanceof CredentialPluginError) ? idle.signal.reason : e;
    }
    const code = res.statusCode ?? 0;
    this.log?.(`WATCH ${url.replace(this.server, '')} ${code}`);
    if (code < 200 || code >= 300) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      throw new KubeApiError(code, parseStatus(Buffer.concat(chunks).toString('utf8')), parseRetryAfter(res.headers['retry-after']));
    }
    let buf = '';
    try {
      for await (const chunk of res) {
        arm();
        buf += (chunk as Buffer).toString('utf8');
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i).trim();
          buf = buf.slice(i + 1);
          if (line) yield JSON.parse(line);
        }
      }
    } catch (e) {
      throw idle.signal.aborted ? idle.signal.reason : signal?.aborted ? signal.reason : this.limits.signal?.aborted ? this.limits.signal.reason : e;
    } finally {
      clearTimeout(timer);
      res.destroy();
    }
  }

  close(): void {
    killPlugins(this.kc);
    for (const fn of this.closers.splice(0)) fn();
    this.agent?.destroy();
  }
}
