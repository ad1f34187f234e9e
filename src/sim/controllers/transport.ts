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

/** Request bodies in flight on one connection at most (see Connection.take). */
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
  /** Bytes of request bodies sent and not yet answered, and the requests waiting for room, first come first in. */
  private uploading = 0;
  private readonly waiting: Array<{ bytes: number; admit: () => void }> = [];
  private next = 0;

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
   * Takes room for `bytes` more of request bodies in flight: at once when they fit (true), else false and
   * wait() queues the request. Node stops reading an HTTP/2 connection while one of its writes is pending; with
   * both ends of one connection writing megabytes at once (a thousand hosted clusters' requests to the shared
   * listener) both stopped reading and the connection hung. Bounded uploads always fit the socket buffers, so
   * this end's writes complete and it keeps reading. A body larger than the bound goes alone.
   */
  take(bytes: number): boolean {
    if (this.next < this.waiting.length || !this.fits(bytes)) return false;
    this.uploading += bytes;
    return true;
  }

  /** Resolves once the queued request has its room (release() hands it over in order). */
  wait(bytes: number): Promise<void> {
    return new Promise<void>((admit) => this.waiting.push({ bytes, admit }));
  }

  /** Gives back a request's room and admits the waiting requests that now fit, in order (perf: each release
   * used to wake every waiter to check again, thousands of promises per answer under load). */
  release(bytes: number): void {
    this.uploading -= bytes;
    while (this.next < this.waiting.length && this.fits(this.waiting[this.next]!.bytes)) {
      const w = this.waiting[this.next++]!;
      this.uploading += w.bytes;
      w.admit();
    }
    // The admitted entries are dropped when the queue empties, or when they are most of it.
    if (this.next === this.waiting.length || (this.next > 1024 && this.next * 2 > this.waiting.length)) {
      this.waiting.splice(0, this.next);
      this.next = 0;
    }
  }

  private fits(bytes: number): boolean {
    return this.uploading === 0 || this.uploading + bytes <= MAX_UPLOADING;
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
    // A request without a body uploads nothing: it never waits for room.
    const bytes = body ? Buffer.byteLength(body) : 0;
    if (!bytes) return this.send(method, path, headers, body, timeoutMs);
    if (!this.connection.take(bytes)) await this.connection.wait(bytes);
    try {
      return await this.send(method, path, headers, body, timeoutMs);
    } finally {
      this.connection.release(bytes);
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
