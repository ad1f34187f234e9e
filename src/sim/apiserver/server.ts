// The HTTP(S) front of the embedded API server: authentication, faults, statistics, and the dispatch of the
// REST verbs to discovery, reads, watches, writes and deletion (each in its own module).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bindPod } from './binding.js';
import { celStats } from './cel-compile.js';
import { Crds } from './crds.js';
import { Deletion } from './deletion.js';
import { isDiscoveryPath, type KUBE_VERSION, kubeVersionOf, serveDiscovery } from './discovery.js';
import { ApiError, notFound, statusBody } from './errors.js';
import { Faults } from './faults.js';
import { decodeBody, json, parseBody, readBody, respond, text } from './http.js';
import { clone, type Obj } from './merge.js';
import { toTable, wantsTable } from './printers.js';
import { allowed, serviceAccountOf, userOf, type ServiceAccountRef } from './rbac.js';
import { gpOf, Registry } from './registry.js';
import { apiVersionOf, type ResourceInfo } from './resources.js';
import { resolve, selectorsOf, verbOf, type Target } from './routing.js';
import type { Snapshot } from './persist.js';
import { Store } from './store.js';
import { serveWatch } from './watch.js';
import { checkPreconditions, validateDryRun } from './write-rules.js';
import { Writes, type WriteOptions } from './writes.js';
import { emptyStats, review, type SeedObject, type Stats, type Tokens } from './server-types.js';

export type { SeedObject, Stats, Tokens } from './server-types.js';

const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export class SimApi {
  readonly store: Store;
  readonly faults: Faults;
  private readonly registry: Registry;
  readonly crds: Crds;
  private readonly deletion: Deletion;
  private readonly writes: Writes;
  private stats: Stats = emptyStats();
  private openWatches = new Set<ServerResponse>();
  private timers = new Set<NodeJS.Timeout>();
  private readonly version: typeof KUBE_VERSION;
  closed = false;

  constructor(
    readonly tokens: Tokens,
    o: { seed: number; faults?: string; historySize: number; establishDelayMs: number; openshiftApis: boolean; snapshot?: Snapshot; kubeVersion?: string },
  ) {
    this.version = kubeVersionOf(o.kubeVersion);
    this.store = new Store(o.historySize);
    this.faults = new Faults(o.faults, o.seed);
    this.registry = new Registry(o.openshiftApis);
    this.crds = new Crds(this.store, this.registry, o.establishDelayMs, (ms, fn) => this.later(ms, fn));
    this.deletion = new Deletion(this.store, this.registry, this.crds);
    this.writes = new Writes(this.store, this.crds, this.deletion);
    if (o.snapshot) {
      this.store.restore(o.snapshot);
      for (const crd of this.store.list('apiextensions.k8s.io/customresourcedefinitions')) this.crds.restore(crd);
    }
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      if (!this.store.get('/namespaces', undefined, ns))
        this.writes.createInternal(this.byPlural('', 'v1', 'namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }

  getStats(): Stats {
    return { ...this.stats, requests: { ...this.stats.requests }, byVerb: { ...this.stats.byVerb }, watchesOpen: this.openWatches.size, objects: this.store.count(), faultsInjected: this.faults.injected, cel: celStats() };
  }

  resetStats(): void {
    this.stats = emptyStats();
    this.faults.injected = 0;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const w of this.openWatches) w.end();
    this.openWatches.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
  }

  byPlural(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.registry.byPlural(group, version, plural);
  }

  /** Registers a CRD at once (used for --crds DIR at start); `established`: served from now on, not after the delay. */
  registerCrdNow(crd: Obj, established = false): void {
    // Only its metadata is written to; the spec is shared (writes.ts internCrd).
    this.writes.createInternal(this.byPlural('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!, { ...crd, metadata: clone(crd.metadata) });
    if (established) this.crds.establish(crd.metadata.name);
  }

  /**
   * Stores objects as their creator's requests would have: the same create, then the same merge patch of
   * /status, through the same admission (schema, CEL, webhooks) and managedFields (`manager`, as a fieldManager
   * or User-Agent would name it); an object the API would refuse is refused here too (the error of its write).
   */
  async seed(objects: readonly SeedObject[], manager?: string): Promise<void> {
    const o: WriteOptions = { dryRun: false, fieldManager: manager };
    for (const { object, status } of objects) {
      const res = this.registry.all().find((r) => apiVersionOf(r) === object.apiVersion && r.kind === object.kind);
      if (!res) throw new ApiError(404, 'NotFound', `no matches for kind "${object.kind}" in version "${object.apiVersion}"`);
      const namespace = res.namespaced ? object.metadata?.namespace : undefined;
      const created = await this.writes.create({ res, namespace }, object, o);
      if (status) await this.writes.patch({ res, namespace, name: created.metadata.name, sub: 'status' }, Buffer.from(JSON.stringify({ status })), 'application/merge-patch+json', o);
    }
  }

  // ---------------------------------------------------------------- HTTP entry

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      if (['/healthz', '/readyz', '/livez'].includes(path)) return text(res, 200, 'ok');
      if (path === '/version') return json(res, 200, this.version);
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const sa = token === this.tokens.admin || token === this.tokens.system || token === this.tokens.readOnly ? undefined : serviceAccountOf(this.store, token);
      const role = token === this.tokens.admin ? 'admin' : token === this.tokens.system ? 'system' : token === this.tokens.readOnly ? 'readonly' : sa ? 'serviceaccount' : undefined;
      if (!role) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
      if (path.startsWith('/sim/')) return await this.simEndpoint(req, res, path);
      const isDiscovery = isDiscoveryPath(path);
      const faultable = role !== 'system' && (!isDiscovery || this.faults.spec.discovery);
      if (faultable) {
        const delay = this.faults.latency();
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      }
      if (isDiscovery) return serveDiscovery(res, path, this.registry, this.store.resourceVersion);
      const target = resolve(path, this.registry);
      const verb = verbOf(req.method ?? 'GET', target, url);
      const key = `${verb} ${target.res.plural}${target.sub ? `/${target.sub}` : ''}`;
      if (faultable) {
        const d = this.faults.decide(verb, target.res.plural);
        if (d.kind === 'reset') {
          // An HTTP/2 stream is reset alone (its connection carries other clients' requests).
          const stream = (req as unknown as { stream?: { close(code: number): void } }).stream;
          if (stream) stream.close(2 /* NGHTTP2_INTERNAL_ERROR */);
          else req.socket.destroy();
          return;
        }
        if (d.kind === 'error') {
          const retry = d.code === 429 || d.code === 503 ? { 'Retry-After': '1' } : undefined;
          throw new ApiError(
            d.code,
            d.code === 429 ? 'TooManyRequests' : d.code === 503 ? 'ServiceUnavailable' : 'InternalError',
            d.code === 429 ? 'the server has received too many requests and has asked us to try again later (injected)' : `injected fault: ${d.code}`,
            { retryAfterSeconds: 1 },
            retry,
          );
        }
      }
      validateDryRun(verb, url.searchParams.getAll('dryRun'));
      const dryRun = url.searchParams.get('dryRun') === 'All';
      // The counters describe what clients did; the simulated operators' own traffic (system token) is apart.
      if (role === 'system') this.stats.systemRequests++;
      else {
        this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;
        this.stats.byVerb[verb] = (this.stats.byVerb[verb] ?? 0) + 1;
      }
      if (sa && target.res.plural !== 'selfsubjectaccessreviews' && !allowed(this.store, sa, verb, target.res.group, target.sub ? `${target.res.plural}/${target.sub}` : target.res.plural, target.namespace)) {
        throw new ApiError(
          403,
          'Forbidden',
          `${target.res.plural}${target.res.group ? `.${target.res.group}` : ''}${target.name ? ` "${target.name}"` : ''} is forbidden: User "${userOf(sa)}" cannot ${verb} resource "${target.res.plural}" in API group "${target.res.group}"${target.namespace ? ` in the namespace "${target.namespace}"` : ' at the cluster scope'}`,
          { name: target.name, group: target.res.group, kind: target.res.plural },
        );
      }
      if (role !== 'system' && (MUTATING.has(verb) || verb === 'create')) {
        if (role === 'readonly' && target.res.plural !== 'selfsubjectaccessreviews') {
          throw new ApiError(
            403,
            'Forbidden',
            `${target.res.plural}${target.res.group ? `.${target.res.group}` : ''}${target.name ? ` "${target.name}"` : ''} is forbidden: User "sim-readonly" cannot ${verb} resource "${target.res.plural}" in API group "${target.res.group}"${target.namespace ? ` in the namespace "${target.namespace}"` : ' at the cluster scope'}`,
            { name: target.name, group: target.res.group, kind: target.res.plural },
          );
        }
        if (target.res.plural !== 'selfsubjectaccessreviews') {
          if (dryRun) this.stats.dryRun++;
          else this.stats.mutating++;
        }
      }
      if (target.res.verbs.indexOf(verb === 'deletecollection' ? 'delete' : verb) < 0 && !(verb === 'create' && target.res.plural === 'selfsubjectaccessreviews') && role !== 'system' && role !== 'admin') {
        throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
      }
      await this.dispatch(req, res, url, target, verb, role, dryRun, sa);
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return;
      }
      const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`);
      json(res, err.code, statusBody(err), err.headers);
    }
  }

  private async simEndpoint(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/sim/stats') return json(res, 200, this.getStats());
    if (path === '/sim/stats/reset' && req.method === 'POST') {
      this.resetStats();
      return json(res, 200, this.getStats());
    }
    if (path === '/sim/faults' && req.method === 'POST') {
      const body = (await readBody(req)).toString('utf8');
      try {
        this.faults.set(body.trim());
      } catch (e) {
        throw new ApiError(400, 'BadRequest', (e as Error).message);
      }
      return json(res, 200, { faults: body.trim() });
    }
    if (path === '/sim/compact' && req.method === 'POST') {
      this.store.compact();
      return json(res, 200, { oldestResourceVersion: String(this.store.oldestRv) });
    }
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource`);
  }

  // ---------------------------------------------------------------- verbs

  private async dispatch(req: IncomingMessage, res: ServerResponse, url: URL, t: Target, verb: string, role: string, dryRun: boolean, sa?: ServiceAccountRef): Promise<void> {
    const o: WriteOptions = { dryRun, fieldValidation: url.searchParams.get('fieldValidation'), fieldManager: url.searchParams.get('fieldManager'), userAgent: req.headers['user-agent'], force: url.searchParams.get('force') === 'true' };
    switch (verb) {
      case 'get':
        return this.read(req, res, url, t, this.present(t.res, this.mustGet(t)));
      case 'list':
        return this.read(req, res, url, t, this.list(t, url));
      case 'watch': {
        const closeAfterMs = req.headers.authorization !== `Bearer ${this.tokens.system}` ? this.faults.spec.watchCloseMs : 0;
        const table = wantsTable(req.headers.accept) ? this.tableWatch(t, url) : undefined;
        return serveWatch({ store: this.store, open: this.openWatches, closeAfterMs, present: (obj) => (table ? table(this.present(t.res, obj)) : this.present(t.res, obj)) }, req, res, t, url);
      }
      case 'create': {
        const body = await parseBody(req);
        if (t.sub === 'binding') {
          bindPod(this.store, t.res, t.namespace, t.name ?? '', body, dryRun);
          return json(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
        }
        if (t.res.plural === 'selfsubjectaccessreviews')
          return respond(
            req,
            res,
            201,
            review(body, role, sa ? (a) => allowed(this.store, sa, String(a.verb ?? ''), String(a.group ?? ''), a.subresource ? `${a.resource}/${a.subresource}` : String(a.resource ?? ''), a.namespace || undefined) : undefined),
          );
        return respond(req, res, 201, this.present(t.res, await this.writes.create(t, body, o)));
      }
      case 'update': {
        const body = await parseBody(req);
        const outcome = { created: false };
        const out = await this.writes.update(t, body, o, outcome);
        return respond(req, res, outcome.created ? 201 : 200, this.present(t.res, out));
      }
      case 'patch': {
        const raw = await readBody(req);
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        const outcome = { created: false };
        const out = await this.writes.patch(t, raw, type, o, outcome);
        // 201 only for the request that really created it (two concurrent applies: one 201, one 200).
        return respond(req, res, outcome.created ? 201 : 200, this.present(t.res, out));
      }
      case 'delete': {
        const body = await readBody(req);
        const opts = body.length ? decodeBody(req, body) : {};
        const policy = url.searchParams.get('propagationPolicy') ?? opts.propagationPolicy;
        const current = this.mustGet(t);
        checkPreconditions(t.res, current, opts);
        const out = this.deletion.delete(t.res, current, dryRun || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All')), policy);
        return respond(req, res, 200, this.present(t.res, out));
      }
      case 'deletecollection': {
        const items = this.list(t, url).items as Obj[];
        for (const item of items) this.deletion.delete(t.res, this.store.get(gpOf(t.res), item.metadata.namespace, item.metadata.name)!, dryRun, undefined);
        return respond(req, res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', metadata: {} });
      }
      default:
        throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  /** A get or list answer: a meta.k8s.io Table when the client asks for one (kubectl get), else the objects. */
  private read(req: IncomingMessage, res: ServerResponse, url: URL, t: Target, body: Obj): void {
    if (!wantsTable(req.headers.accept)) return respond(req, res, 200, body);
    json(res, 200, toTable(t.res, this.crdOf(t), body, url.searchParams.get('includeObject')));
  }

  /** Watch events as one-row Tables (kubectl get -w); only the first carries the column definitions. */
  private tableWatch(t: Target, url: URL): (o: Obj) => Obj {
    let first = true;
    return (o) => {
      if (!o.metadata?.name) return o; // a BOOKMARK
      const table = toTable(t.res, this.crdOf(t), o, url.searchParams.get('includeObject'), first);
      first = false;
      return table;
    };
  }

  private crdOf(t: Target): Obj | undefined {
    return t.res.crd ? this.store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, t.res.crd) : undefined;
  }

  private mustGet(t: Target): Obj {
    const o = t.name ? this.store.get(gpOf(t.res), t.res.namespaced ? t.namespace : undefined, t.name) : undefined;
    if (!o) throw notFound(t.res, t.name ?? '');
    return o;
  }

  /** The stored object as the requested version (conversion None: only apiVersion changes). */
  private present(res: ResourceInfo, o: Obj): Obj {
    // Already in that version: the object itself (the same JSON; no one changes what this returns).
    const apiVersion = apiVersionOf(res);
    return o.apiVersion === apiVersion ? o : { ...o, apiVersion };
  }

  private list(t: Target, url: URL): Obj {
    const { labels, fields } = selectorsOf(url);
    const items = this.store
      .list(gpOf(t.res), t.res.namespaced ? t.namespace : undefined)
      .filter((o) => labels(o.metadata.labels) && fields(o))
      .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`))
      .map((o) => this.present(t.res, o));
    return { kind: t.res.listKind, apiVersion: apiVersionOf(t.res), metadata: { resourceVersion: String(this.store.resourceVersion) }, items };
  }
}
