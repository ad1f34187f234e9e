// The one place that sends HTTP requests to the API server: TLS and credentials from the kubeconfig (through
// client-node), a keep-alive agent, retries for transient failures, and the -vv request log.
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, parseRetryAfter, parseStatus } from './errors.js';
import { withRetry, type RetryOptions } from './retry.js';
import type { RateLimiter } from './rate.js';

export interface RequestInit {
  method?: string;
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Retry transient failures (default true). */
  retry?: boolean;
}

export class KubeHttp {
  private agent?: HttpsAgent | HttpAgent;
  private tlsOptions?: RequestOptions;

  constructor(
    readonly kc: KubeConfig,
    readonly server: string,
    private readonly log?: (line: string) => void,
    private readonly retryOptions: Pick<RetryOptions, 'sleep' | 'random' | 'maxAttempts' | 'maxTotalMs' | 'onRetry'> = {},
    private readonly limiter?: RateLimiter,
  ) {}

  /** Requests sent (after retries), for reports. */
  requests = 0;

  private async options(): Promise<RequestOptions> {
    const opts: RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    if (!this.agent) {
      const isHttps = this.server.startsWith('https:');
      this.tlsOptions = { ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized, servername: opts.servername };
      this.agent = isHttps ? new HttpsAgent({ ...this.tlsOptions, keepAlive: true } as never) : new HttpAgent({ keepAlive: true });
    }
    return { headers: opts.headers, auth: opts.auth, agent: this.agent };
  }

  url(path: string, query?: Record<string, string | undefined>): string {
    const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined) as Array<[string, string]>;
    return `${this.server}${path}${q.length ? `?${new URLSearchParams(q).toString()}` : ''}`;
  }

  private async send(init: RequestInit, url: string): Promise<{ res: IncomingMessage }> {
    await this.limiter?.take();
    this.requests++;
    return this.options().then(
      (opts) =>
        new Promise((resolve, reject) => {
          const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
          const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'hcp-kv', ...(opts.headers as Record<string, string>) };
          if (body !== undefined) {
            headers['Content-Type'] = init.contentType ?? 'application/json';
            headers['Content-Length'] = String(Buffer.byteLength(body));
          }
          const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { method: init.method ?? 'GET', headers, agent: opts.agent, auth: opts.auth, signal: init.signal }, (res) => resolve({ res }));
          req.on('error', reject);
          req.end(body);
        }),
    );
  }

  /** A JSON request; non-2xx answers become KubeApiError with the parsed Status. */
  async request<T = any>(path: string, init: RequestInit = {}): Promise<T> {
    const url = this.url(path, init.query);
    const once = async (): Promise<T> => {
      const started = performance.now();
      const { res } = await this.send(init, url);
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const code = res.statusCode ?? 0;
      this.log?.(`${init.method ?? 'GET'} ${url.replace(this.server, '')} ${code} ${Math.round(performance.now() - started)}ms`);
      if (code < 200 || code >= 300) throw new KubeApiError(code, parseStatus(text), parseRetryAfter(res.headers['retry-after']));
      return (text ? JSON.parse(text) : undefined) as T;
    };
    if (init.retry === false) return once();
    return withRetry(once, { ...this.retryOptions, signal: init.signal });
  }

  /** Opens a watch stream; yields each event object. Ends when the server closes the stream. */
  async *stream(path: string, query: Record<string, string | undefined>, signal?: AbortSignal): AsyncGenerator<{ type: string; object: any }> {
    const url = this.url(path, query);
    const { res } = await this.send({ signal }, url);
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
        buf += (chunk as Buffer).toString('utf8');
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i).trim();
          buf = buf.slice(i + 1);
          if (line) yield JSON.parse(line);
        }
      }
    } finally {
      res.destroy();
    }
  }

  close(): void {
    this.agent?.destroy();
  }
}
