// The simulated operators' own small Kubernetes client (HTTP/2 over TLS, transport.ts, + bearer token from a kubeconfig). It is
// deliberately separate from the CLI's kube layer, so the two can disagree and bugs show.
import { setMaxListeners } from 'node:events';
import { load } from 'js-yaml';
import { H2Transport } from './transport.js';

export class SimApiError extends Error {
  constructor(
    readonly code: number,
    readonly body: any,
  ) {
    super(body?.message ?? `HTTP ${code}`);
  }
}

export type Obj = Record<string, any>;
type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** How long one request may go unanswered before it is given up and retried. */
const REQUEST_TIMEOUT_MS = 15_000;

export class SimClient {
  private readonly transport: H2Transport;
  private resources = new Map<string, { plural: string; namespaced: boolean }>();
  private readonly closing = new AbortController();
  /** Aborted by close(): caches built on this client's watches stop with it. */
  readonly closed: AbortSignal = this.closing.signal;
  /** Told every object a write returns (informer.ts: the caches read their own writes). */
  onWrite?: (obj: Obj) => void;

  /** Every request's headers, and a watch's (perf: built once). */
  private readonly headers: Readonly<Record<string, string>>;
  private readonly watchHeaders: Readonly<Record<string, string>>;

  constructor(
    readonly server: string,
    token: string,
    ca: string | undefined,
  ) {
    this.watchHeaders = { authorization: `Bearer ${token}` };
    this.headers = { ...this.watchHeaders, accept: 'application/json' };
    this.transport = new H2Transport(server, ca);
    // Every informer's watch of this client listens on `closed`.
    setMaxListeners(0, this.closed);
  }

  static fromKubeconfig(text: string, o: { context?: string } = {}): SimClient {
    const kc = load(text) as Obj;
    const ctxName = o.context ?? kc['current-context'];
    const ctx = (kc.contexts ?? []).find((c: Obj) => c.name === ctxName)?.context;
    const cluster = (kc.clusters ?? []).find((c: Obj) => c.name === ctx?.cluster)?.cluster;
    const user = (kc.users ?? []).find((u: Obj) => u.name === ctx?.user)?.user;
    if (!cluster?.server || !user?.token) throw new Error('the kubeconfig needs a current context with a server and a bearer token');
    const ca = cluster['certificate-authority-data'] ? Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8') : undefined;
    return new SimClient(String(cluster.server).replace(/\/+$/, ''), user.token, ca);
  }

  close(): void {
    this.closing.abort();
    this.transport.close();
  }

  private async raw(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ code: number; body: any }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = data === undefined ? this.headers : { ...this.headers, 'content-type': contentType };
    // A request the server never answers must not stall an operator for ever (client-go has timeouts too): it
    // fails, and call() tries it again.
    const r = await this.transport.request(method, path, headers, data, REQUEST_TIMEOUT_MS);
    const text = r.body.toString('utf8');
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { code: r.code, body: parsed };
  }

  /** A request retried on 5xx, 429 and connection errors: the simulator must outlive a flaky server. */
  async call(method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      let r: { code: number; body: any };
      try {
        r = await this.raw(method, path, body, contentType);
      } catch (e) {
        if (attempt >= 8) throw e;
        await sleep(50 * 2 ** Math.min(attempt, 5));
        continue;
      }
      if (r.code >= 200 && r.code < 300) {
        if (method !== 'GET' && method !== 'DELETE' && r.body?.metadata?.resourceVersion) this.onWrite?.(r.body);
        return r.body;
      }
      if ((r.code >= 500 || r.code === 429) && attempt < 8 && !/failed calling webhook/.test(r.body?.message ?? '')) {
        await sleep(50 * 2 ** Math.min(attempt, 5));
        continue;
      }
      throw new SimApiError(r.code, r.body);
    }
  }

  private async resource(apiVersion: string, kind: string): Promise<{ plural: string; namespaced: boolean } | undefined> {
    const key = `${apiVersion}/${kind}`;
    const hit = this.resources.get(key);
    if (hit) return hit;
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    try {
      const list = await this.call('GET', path);
      for (const r of list.resources ?? []) if (!r.name.includes('/')) this.resources.set(`${apiVersion}/${r.kind}`, { plural: r.name, namespaced: r.namespaced });
    } catch (e) {
      if (!(e instanceof SimApiError && e.code === 404)) throw e;
    }
    return this.resources.get(key);
  }

  async hasResource(apiVersion: string, kind: string): Promise<boolean> {
    return Boolean(await this.resource(apiVersion, kind));
  }

  async path(apiVersion: string, kind: string, namespace?: string, name?: string, sub?: string): Promise<string> {
    const r = await this.resource(apiVersion, kind);
    if (!r) throw new SimApiError(404, { message: `no matches for kind "${kind}" in version "${apiVersion}"`, reason: 'NotFound' });
    const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return `${prefix}${r.namespaced && namespace ? `/namespaces/${namespace}` : ''}/${r.plural}${name ? `/${name}` : ''}${sub ? `/${sub}` : ''}`;
  }

  async get<T = Obj>(apiVersion: string, kind: string, name: string, namespace?: string): Promise<T | undefined> {
    try {
      return await this.call('GET', await this.path(apiVersion, kind, namespace, name));
    } catch (e) {
      if (e instanceof SimApiError && e.code === 404) return undefined;
      throw e;
    }
  }

  async list<T = Obj>(apiVersion: string, kind: string, o: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {}): Promise<{ items: T[]; resourceVersion: string }> {
    const sel = new URLSearchParams();
    if (o.labelSelector) sel.set('labelSelector', o.labelSelector);
    if (o.fieldSelector) sel.set('fieldSelector', o.fieldSelector);
    const q = sel.size ? `?${sel}` : '';
    const r = await this.call('GET', `${await this.path(apiVersion, kind, o.namespace)}${q}`);
    return { items: (r.items ?? []).map((i: Obj) => ({ apiVersion, kind, ...i })), resourceVersion: r.metadata?.resourceVersion ?? '0' };
  }

  async create<T = Obj>(obj: Obj): Promise<T> {
    return this.call('POST', await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace), obj);
  }

  /** Create, or do nothing when it already exists. */
  async ensure<T = Obj>(obj: Obj): Promise<T | undefined> {
    try {
      return await this.create<T>(obj);
    } catch (e) {
      if (e instanceof SimApiError && e.code === 409) return undefined;
      throw e;
    }
  }

  async apply<T = Obj>(obj: Obj, fieldManager: string): Promise<T> {
    const path = await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name);
    return this.call('PATCH', `${path}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, obj, 'application/apply-patch+yaml');
  }

  async patch<T = Obj>(apiVersion: string, kind: string, name: string, namespace: string | undefined, patch: unknown, type: 'merge' | 'json' = 'merge', subresource?: string): Promise<T> {
    const ct = type === 'merge' ? 'application/merge-patch+json' : 'application/json-patch+json';
    return this.call('PATCH', await this.path(apiVersion, kind, namespace, name, subresource), patch, ct);
  }

  async patchStatus<T = Obj>(obj: Obj, status: unknown): Promise<T | undefined> {
    try {
      return await this.patch<T>(obj.apiVersion, obj.kind, obj.metadata.name, obj.metadata.namespace, { status }, 'merge', 'status');
    } catch (e) {
      if (e instanceof SimApiError && e.code === 404) return undefined; // deleted meanwhile
      throw e;
    }
  }

  async delete(apiVersion: string, kind: string, name: string, namespace?: string): Promise<boolean> {
    try {
      await this.call('DELETE', await this.path(apiVersion, kind, namespace, name));
      return true;
    } catch (e) {
      if (e instanceof SimApiError && e.code === 404) return false;
      throw e;
    }
  }

  forget(apiVersion: string, kind: string): void {
    this.resources.delete(`${apiVersion}/${kind}`);
  }

  /**
   * List, then watch, forever (until the signal aborts): ADDED for existing items first, re-watch on a closed
   * stream, re-list on 410, and wait for the kind to be served when its CRD is not registered yet.
   */
  async watch<T = Obj>(
    apiVersion: string,
    kind: string,
    o: { namespace?: string; labelSelector?: string; fieldSelector?: string; signal: AbortSignal; onSync?: () => void },
    onEvent: (type: EventType, obj: T) => void | Promise<void>,
  ): Promise<void> {
    const seen = new Map<string, T>();
    while (!o.signal.aborted) {
      try {
        if (!(await this.hasResource(apiVersion, kind))) {
          this.forget(apiVersion, kind);
          await sleep(100, o.signal);
          continue;
        }
        const { items, resourceVersion } = await this.list<Obj>(apiVersion, kind, o);
        const current = new Map(items.map((i) => [`${i.metadata.namespace ?? ''}/${i.metadata.name}`, i as T]));
        for (const [k, old] of seen) if (!current.has(k)) await onEvent('DELETED', old);
        seen.clear();
        for (const [k, i] of current) {
          seen.set(k, i);
          await onEvent('ADDED', i);
        }
        o.onSync?.();
        let rv = resourceVersion;
        let expired = false;
        while (!o.signal.aborted && !expired) {
          const q = new URLSearchParams({ watch: 'true', resourceVersion: rv, allowWatchBookmarks: 'true' });
          if (o.labelSelector) q.set('labelSelector', o.labelSelector);
          if (o.fieldSelector) q.set('fieldSelector', o.fieldSelector);
          const path = `${await this.path(apiVersion, kind, o.namespace)}?${q}`;
          events: for await (const batch of this.stream(path, o.signal)) {
            for (const ev of batch) {
              if (ev.type === 'ERROR') {
                expired = true;
                break events;
              }
              if (ev.object?.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
              if (ev.type === 'BOOKMARK') continue;
              const obj = { apiVersion, kind, ...ev.object } as Obj;
              const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
              if (ev.type === 'DELETED') seen.delete(key);
              else seen.set(key, obj as T);
              await onEvent(ev.type as EventType, obj as T);
            }
          }
        }
      } catch (e) {
        if (o.signal.aborted) return;
        await sleep(100, o.signal);
      }
    }
  }

  /** The watch's events, a chunk's worth at a time (perf: one async step per chunk, not per event). */
  private async *stream(path: string, signal: AbortSignal): AsyncGenerator<Array<{ type: string; object: any }>> {
    const res = this.transport.open('GET', path, this.watchHeaders, signal);
    res.end();
    const code = await new Promise<number>((resolve, reject) => {
      res.once('response', (h) => resolve(Number(h[':status'] ?? 0)));
      res.once('error', reject);
      res.once('close', () => reject(new Error(`watch ${path} closed before its answer`)));
    });
    if (code >= 300) {
      res.resume();
      throw new SimApiError(code, {});
    }
    let rest = '';
    try {
      for await (const c of res) {
        const text = rest + (c as Buffer).toString('utf8');
        const events = [];
        let start = 0;
        for (let i = text.indexOf('\n'); i >= 0; start = i + 1, i = text.indexOf('\n', start)) {
          const line = text.slice(start, i);
          if (line.trim()) events.push(JSON.parse(line));
        }
        rest = text.slice(start);
        if (events.length) yield events;
      }
    } finally {
      if (!res.closed) res.close();
    }
  }
}
