// The simulated operators' connection to an API server: HTTP/2 over TLS, every request and watch a stream of one
// connection, as client-go talks to kube-apiserver. Over HTTP/1.1 each watch held a TLS connection of its own and
// concurrent requests opened more, ~12 per hosted cluster: their TLS state was most of a hosted cluster's memory
// and their set-up a good share of its CPU (docs/density-profile.md).
import { type ClientHttp2Session, type ClientHttp2Stream, connect, constants } from 'node:http2';
import { createSecureContext, type SecureContext } from 'node:tls';

/** One TLS context per CA (perf: given only `ca`, Node parses the CA again for each connection). */
const contexts = new Map<string, SecureContext>();
function contextFor(ca: string | undefined): SecureContext | undefined {
  if (!ca) return undefined;
  let context = contexts.get(ca);
  if (!context) contexts.set(ca, (context = createSecureContext({ ca })));
  return context;
}

/** Request bodies in flight on one connection at most (see Connection.room). */
const MAX_UPLOADING = 256 * 2 ** 10;

/** Large windows: a list or a burst of watch events is never held up by flow control on loopback. */
const WINDOW = 16 * 2 ** 20;

export interface Answer {
  code: number;
  body: Buffer;
}

/**
 * One HTTP/2 connection per server origin (and CA), shared by every client of this process that talks to it: the
 * hosted clusters' API servers share one listener (apiserver/hub.ts), so their clients share one connection. It
 * keeps the process alive only while streams are in flight (as an idle keep-alive socket does not).
 */
class Connection {
  private session?: ClientHttp2Session;
  private active = 0;
  users = 0;
  /** Bytes of request bodies sent and not yet answered, and the requests waiting for room. */
  private uploading = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly origin: string,
    private readonly context: SecureContext | undefined,
  ) {}

  session_(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const s = connect(this.origin, { ...(this.context ? { secureContext: this.context } : {}), maxSessionMemory: 1024, peerMaxConcurrentStreams: 2 ** 31 - 1, settings: { initialWindowSize: WINDOW } });
    s.on('connect', () => s.setLocalWindowSize(WINDOW));
    // A broken or closing connection is replaced by the next request; its streams fail and are retried.
    const drop = () => {
      if (this.session === s) this.session = undefined;
    };
    s.on('error', drop);
    s.on('goaway', drop);
    s.on('close', drop);
    if (!this.active) s.unref();
    this.session = s;
    return s;
  }

  opened(s: ClientHttp2Session, stream: ClientHttp2Stream): void {
    if (this.active++ === 0) s.ref();
    stream.once('close', () => {
      if (--this.active === 0 && !s.destroyed) s.unref();
    });
  }

  /**
   * Waits until `bytes` more of request bodies may be in flight. Node stops reading an HTTP/2 connection while
   * one of its writes is pending; with both ends of one connection writing megabytes at once (a thousand hosted
   * clusters' requests to the shared listener) both stopped reading and the connection hung. Bounded uploads
   * always fit the socket buffers, so this end's writes complete and it keeps reading.
   */
  async room(bytes: number): Promise<() => void> {
    while (this.uploading > 0 && this.uploading + bytes > MAX_UPLOADING) await new Promise<void>((r) => this.waiting.push(r));
    this.uploading += bytes;
    return () => {
      this.uploading -= bytes;
      this.waiting.splice(0).forEach((wake) => wake());
    };
  }

  destroy(): void {
    this.session?.destroy();
    this.session = undefined;
  }
}

const connections = new Map<string, Connection>();

export class H2Transport {
  private readonly key: string;
  private readonly connection: Connection;
  /** The server URL's path (a kubeconfig server may carry one), put before every request path. */
  private readonly prefix: string;
  /** This client's streams: close() ends them, not the connection's others. */
  private readonly streams = new Set<ClientHttp2Stream>();
  private closed = false;

  constructor(server: string, ca: string | undefined) {
    const u = new URL(server);
    this.prefix = u.pathname.replace(/\/+$/, '');
    this.key = `${u.origin} ${ca ?? ''}`;
    let c = connections.get(this.key);
    if (!c) connections.set(this.key, (c = new Connection(u.origin, contextFor(ca))));
    c.users++;
    this.connection = c;
  }

  /** Opens a stream; `signal` cancels it. */
  open(method: string, path: string, headers: Record<string, string>, signal?: AbortSignal): ClientHttp2Stream {
    if (this.closed) throw new Error('the client is closed');
    const s = this.connection.session_();
    const req = s.request({ ':method': method, ':path': `${this.prefix}${path}`, ...headers });
    this.connection.opened(s, req);
    this.streams.add(req);
    req.once('close', () => this.streams.delete(req));
    if (signal) {
      const cancel = () => req.close(constants.NGHTTP2_CANCEL);
      if (signal.aborted) cancel();
      else {
        signal.addEventListener('abort', cancel, { once: true });
        req.once('close', () => signal.removeEventListener('abort', cancel));
      }
    }
    return req;
  }

  /** One request and its whole answer; fails after `timeoutMs` without one. */
  async request(method: string, path: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Answer> {
    const done = await this.connection.room(body ? Buffer.byteLength(body) : 0);
    try {
      return await this.send(method, path, headers, body, timeoutMs);
    } finally {
      done();
    }
  }

  private send(method: string, path: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      let req: ClientHttp2Stream;
      try {
        req = this.open(method, path, headers);
      } catch (e) {
        reject(e);
        return;
      }
      const timer = setTimeout(() => {
        req.close(constants.NGHTTP2_CANCEL);
        reject(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`));
      }, timeoutMs);
      let code = 0;
      const chunks: Buffer[] = [];
      req.on('response', (h) => (code = Number(h[':status'] ?? 0)));
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        clearTimeout(timer);
        resolve({ code, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
      });
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      // A stream reset before its answer (the server went down) fails the request; call() tries again.
      req.on('close', () => {
        clearTimeout(timer);
        if (!req.readableEnded) reject(new Error(`stream closed before the answer to ${method} ${path} (code ${req.rstCode})`));
      });
      req.end(body);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams) stream.close(constants.NGHTTP2_CANCEL);
    if (--this.connection.users > 0) return;
    connections.delete(this.key);
    this.connection.destroy();
  }
}
