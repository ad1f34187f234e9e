// The HTTP(S) front of the embedded API server: authentication, faults, discovery, and the REST verbs with
// kube-apiserver's semantics on top of the Store.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { load } from 'js-yaml';
import fastJsonPatch from 'fast-json-patch';
import { Faults } from './faults.js';
import { applyMerge, clone, deepEqual, isObj, jsonMergePatch, serverSideApply, strategicMerge, type ListKeyFn, type Obj } from './merge.js';
import { apiVersionOf, BUILTIN_LIST_KEYS, builtinResources, crdResources, type ResourceInfo } from './resources.js';
import { applySchema, schemaListKeys, type Cause } from './schema.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { Store } from './store.js';
import { callWebhooks } from './webhooks.js';

export interface Stats {
  requests: Record<string, number>;
  byVerb: Record<string, number>;
  mutating: number;
  dryRun: number;
  watchesOpen: number;
  objects: number;
  faultsInjected: number;
  /** Requests made with the system token (the simulated operators), not counted above. */
  systemRequests: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Obj,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.6+hcp-kv-sim', gitCommit: '0000000', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' };

export interface Tokens {
  admin: string;
  readOnly: string;
  system: string;
}

interface Target {
  res: ResourceInfo;
  namespace?: string;
  name?: string;
  sub?: string;
}

export class SimApi {
  readonly store: Store;
  readonly faults: Faults;
  private resources = new Map<string, ResourceInfo>(); // group/version/plural
  private stats: Stats = emptyStats();
  private openWatches = new Set<ServerResponse>();
  private timers = new Set<NodeJS.Timeout>();
  closed = false;

  constructor(
    readonly tokens: Tokens,
    o: { seed: number; faults?: string; historySize: number; establishDelayMs: number; openshiftApis: boolean },
  ) {
    this.store = new Store(o.historySize);
    this.faults = new Faults(o.faults, o.seed);
    this.establishDelayMs = o.establishDelayMs;
    for (const r of builtinResources(o.openshiftApis)) this.resources.set(`${r.group}/${r.version}/${r.plural}`, r);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.createInternal(this.byPlural('', 'v1', 'namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }

  private readonly establishDelayMs: number;

  getStats(): Stats {
    return { ...this.stats, requests: { ...this.stats.requests }, byVerb: { ...this.stats.byVerb }, watchesOpen: this.openWatches.size, objects: this.store.count(), faultsInjected: this.faults.injected };
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
    return this.resources.get(`${group}/${version}/${plural}`);
  }

  private byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    for (const r of this.resources.values()) if (apiVersionOf(r) === apiVersion && r.kind === kind) return r;
    return undefined;
  }

  // ---------------------------------------------------------------- HTTP entry

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      if (['/healthz', '/readyz', '/livez'].includes(path)) return text(res, 200, 'ok');
      if (path === '/version') return json(res, 200, KUBE_VERSION);
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const role = token === this.tokens.admin ? 'admin' : token === this.tokens.system ? 'system' : token === this.tokens.readOnly ? 'readonly' : undefined;
      if (!role) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
      if (path.startsWith('/sim/')) return await this.simEndpoint(req, res, path);
      const isDiscovery = path === '/api' || path === '/apis' || path.startsWith('/openapi') || /^\/apis?\/[^/]+(\/[^/]+)?$/.test(path) && !this.isResourcePath(path);
      const faultable = role !== 'system' && (!isDiscovery || this.faults.spec.discovery);
      if (faultable) {
        const delay = this.faults.latency();
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      }
      if (isDiscovery) return this.discovery(res, path);
      const target = this.resolve(path);
      const verb = verbOf(req.method ?? 'GET', target, url);
      const key = `${verb} ${target.res.plural}${target.sub ? `/${target.sub}` : ''}`;
      if (faultable) {
        const d = this.faults.decide(verb, target.res.plural);
        if (d.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        if (d.kind === 'error') {
          const retry = d.code === 429 || d.code === 503 ? { 'Retry-After': '1' } : undefined;
          throw new ApiError(d.code, d.code === 429 ? 'TooManyRequests' : d.code === 503 ? 'ServiceUnavailable' : 'InternalError', d.code === 429 ? 'the server has received too many requests and has asked us to try again later (injected)' : `injected fault: ${d.code}`, { retryAfterSeconds: 1 }, retry);
        }
      }
      const dryRun = url.searchParams.get('dryRun') === 'All';
      // The counters describe what clients did; the simulated operators' own traffic (system token) is apart.
      if (role === 'system') this.stats.systemRequests++;
      else {
        this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;
        this.stats.byVerb[verb] = (this.stats.byVerb[verb] ?? 0) + 1;
      }
      if (role !== 'system' && (MUTATING.has(verb) || verb === 'create')) {
        if (role === 'readonly' && target.res.plural !== 'selfsubjectaccessreviews') {
          throw new ApiError(403, 'Forbidden', `${target.res.plural}${target.res.group ? `.${target.res.group}` : ''}${target.name ? ` "${target.name}"` : ''} is forbidden: User "sim-readonly" cannot ${verb} resource "${target.res.plural}" in API group "${target.res.group}"${target.namespace ? ` in the namespace "${target.namespace}"` : ' at the cluster scope'}`, { name: target.name, group: target.res.group, kind: target.res.plural });
        }
        if (target.res.plural !== 'selfsubjectaccessreviews') {
          if (dryRun) this.stats.dryRun++;
          else this.stats.mutating++;
        }
      }
      if (target.res.verbs.indexOf(verb === 'deletecollection' ? 'delete' : verb) < 0 && !(verb === 'create' && target.res.plural === 'selfsubjectaccessreviews') && role !== 'system' && role !== 'admin') {
        throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
      }
      await this.dispatch(req, res, url, target, verb, role, dryRun);
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return;
      }
      const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`);
      json(res, err.code, statusBody(err), err.headers);
    }
  }

  private isResourcePath(path: string): boolean {
    // /api/v1/<plural> or /apis/<g>/<v>/<plural> are resources; discovery stops at the version.
    const p = path.split('/').filter(Boolean);
    return (p[0] === 'api' && p.length >= 3) || (p[0] === 'apis' && p.length >= 4);
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

  // ---------------------------------------------------------------- discovery

  private groups(): Map<string, Set<string>> {
    const g = new Map<string, Set<string>>();
    for (const r of this.resources.values()) {
      if (!g.has(r.group)) g.set(r.group, new Set());
      g.get(r.group)!.add(r.version);
    }
    return g;
  }

  private discovery(res: ServerResponse, path: string): void {
    const p = path.split('/').filter(Boolean);
    if (p[0] === 'openapi') return this.openapi(res, p);
    if (path === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (path === '/apis') {
      const groups = [...this.groups()].filter(([g]) => g !== '').map(([name, versions]) => groupJson(name, [...versions]));
      return json(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    if (p[0] === 'apis' && p.length === 2) {
      const versions = this.groups().get(p[1]!);
      if (!versions) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      return json(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...groupJson(p[1]!, [...versions]) });
    }
    const group = p[0] === 'api' ? '' : p[1]!;
    const version = p[0] === 'api' ? p[1]! : p[2]!;
    const list = [...this.resources.values()].filter((r) => r.group === group && r.version === version);
    if (!list.length) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const resources: Obj[] = [];
    for (const r of list) {
      resources.push({ name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, ...(r.shortNames.length ? { shortNames: r.shortNames } : {}), ...(r.categories.length ? { categories: r.categories } : {}) });
      if (r.hasStatus) resources.push({ name: `${r.plural}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] });
    }
    return json(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources });
  }

  /**
   * Just enough OpenAPI v3 for kubectl: the index of group-versions, and per group-version the PATCH operations
   * with their fieldValidation parameter (kubectl checks it before a validated server-side apply).
   */
  private openapi(res: ServerResponse, p: string[]): void {
    if (p[1] !== 'v3') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const gvs = new Map<string, ResourceInfo[]>();
    for (const r of this.resources.values()) {
      const key = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
      if (!gvs.has(key)) gvs.set(key, []);
      gvs.get(key)!.push(r);
    }
    if (p.length === 2) {
      const paths = Object.fromEntries([...gvs.keys()].map((k) => [k, { serverRelativeURL: `/openapi/v3/${k}?hash=${this.store.resourceVersion}` }]));
      return json(res, 200, { paths });
    }
    const key = p.slice(2).join('/');
    const list = gvs.get(key);
    if (!list) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const paths: Obj = {};
    const param = { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } };
    for (const r of list) {
      const base = `/${key}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`;
      const gvk = { group: r.group, version: r.version, kind: r.kind };
      paths[base] = { patch: { 'x-kubernetes-group-version-kind': gvk, 'x-kubernetes-action': 'patch', parameters: [param, { name: 'fieldManager', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'OK' } } } };
    }
    return json(res, 200, { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBE_VERSION.gitVersion }, paths, components: { schemas: {} } });
  }

  // ---------------------------------------------------------------- routing

  private resolve(path: string): Target {
    let p = path.split('/').filter(Boolean);
    let group: string;
    let version: string;
    if (p[0] === 'api') {
      group = '';
      version = p[1]!;
      p = p.slice(2);
    } else if (p[0] === 'apis') {
      group = p[1]!;
      version = p[2]!;
      p = p.slice(3);
    } else throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (p[0] === 'watch') p = p.slice(1);
    let namespace: string | undefined;
    if (p[0] === 'namespaces' && p.length >= 3 && !(group === '' && p.length === 3 && ['status', 'finalize'].includes(p[2]!))) {
      namespace = p[1];
      p = p.slice(2);
    }
    const [plural, name, sub] = p;
    const res = plural ? this.byPlural(group, version, plural) : undefined;
    if (!res) throw new ApiError(404, 'NotFound', `the server could not find the requested resource${plural ? ` (${plural}${group ? `.${group}` : ''})` : ''}`, { group, kind: plural });
    if (res.namespaced === false && namespace) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (sub && !(sub === 'status' && res.hasStatus) && !(sub === 'finalize' && res.plural === 'namespaces')) throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${res.plural}/${sub})`);
    return { res, namespace, name, sub };
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, url: URL, t: Target, verb: string, role: string, dryRun: boolean): Promise<void> {
    switch (verb) {
      case 'get':
        return json(res, 200, this.present(t.res, this.mustGet(t)));
      case 'list':
        return json(res, 200, this.listJson(t, url));
      case 'watch':
        return this.watch(req, res, t, url);
      case 'create': {
        const body = await parseBody(req);
        if (t.res.plural === 'selfsubjectaccessreviews') return json(res, 201, this.review(body, role));
        return json(res, 201, this.present(t.res, await this.create(t, body, dryRun, url)));
      }
      case 'update': {
        const body = await parseBody(req);
        return json(res, 200, this.present(t.res, await this.update(t, body, dryRun, url)));
      }
      case 'patch': {
        const raw = await readBody(req);
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        const outcome = { created: false };
        const out = await this.patch(t, raw, type, url, dryRun, outcome);
        // 201 only for the request that really created it (two concurrent applies: one 201, one 200).
        return json(res, outcome.created ? 201 : 200, this.present(t.res, out));
      }
      case 'delete': {
        const body = await readBody(req);
        const opts = body.length ? (JSON.parse(body.toString('utf8')) as Obj) : {};
        const policy = url.searchParams.get('propagationPolicy') ?? opts.propagationPolicy;
        const out = this.delete(t.res, this.mustGet(t), dryRun, policy);
        return json(res, 200, this.present(t.res, out));
      }
      case 'deletecollection': {
        const items = this.listJson(t, url).items as Obj[];
        for (const o of items) this.delete(t.res, this.store.get(gpOf(t.res), o.metadata.namespace, o.metadata.name)!, dryRun, undefined);
        return json(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', metadata: {} });
      }
      default:
        throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  private mustGet(t: Target): Obj {
    const o = t.name ? this.store.get(gpOf(t.res), t.res.namespaced ? t.namespace : undefined, t.name) : undefined;
    if (!o) throw notFound(t.res, t.name ?? '');
    return o;
  }

  /** The stored object as the requested version (conversion None: only apiVersion changes). */
  private present(res: ResourceInfo, o: Obj): Obj {
    const out = { ...o, apiVersion: apiVersionOf(res) };
    return out;
  }

  private listJson(t: Target, url: URL): Obj {
    const { labels, fields } = selectorsOf(url);
    const items = this.store
      .list(gpOf(t.res), t.res.namespaced ? t.namespace : undefined)
      .filter((o) => labels(o.metadata.labels) && fields(o))
      .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`))
      .map((o) => this.present(t.res, o));
    return { kind: t.res.listKind, apiVersion: apiVersionOf(t.res), metadata: { resourceVersion: String(this.store.resourceVersion) }, items };
  }

  // ---------------------------------------------------------------- watch

  private watch(req: IncomingMessage, res: ServerResponse, t: Target, url: URL): void {
    const { labels, fields } = selectorsOf(url);
    const gp = gpOf(t.res);
    const namespace = t.res.namespaced ? t.namespace : undefined;
    const fieldsWithName = t.name ? (o: Obj) => fields(o) && o.metadata?.name === t.name : fields;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    const write = (type: string, obj: Obj) => {
      if (!res.writableEnded) res.write(`${JSON.stringify({ type, object: type === 'ERROR' ? obj : this.present(t.res, obj) })}\n`);
    };
    const rvParam = url.searchParams.get('resourceVersion');
    if (rvParam && rvParam !== '0') {
      const rv = Number(rvParam);
      const events = Number.isFinite(rv) ? this.store.since(gp, rv) : undefined;
      if (!events) {
        write('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${rvParam} (${this.store.oldestRv + 1})`, reason: 'Expired', code: 410 });
        res.end();
        return;
      }
      for (const e of events) {
        if (namespace && e.obj.metadata.namespace !== namespace) continue;
        if (fieldsWithName(e.obj) && labels(e.obj.metadata.labels)) write(e.type, e.obj);
      }
    } else {
      for (const o of this.store.list(gp, namespace)) if (fieldsWithName(o) && labels(o.metadata.labels)) write('ADDED', o);
    }
    const remove = this.store.addWatcher({ gp, namespace, labels, fields: fieldsWithName, send: (type, obj) => write(type, obj) });
    this.openWatches.add(res);
    const timers: NodeJS.Timeout[] = [];
    const end = () => {
      remove();
      this.openWatches.delete(res);
      timers.forEach(clearTimeout);
      clearInterval(bookmarks);
      if (!res.writableEnded) res.end();
    };
    const timeout = Number(url.searchParams.get('timeoutSeconds') ?? 0);
    if (timeout > 0) timers.push(setTimeout(end, timeout * 1000));
    if (this.faults.spec.watchCloseMs > 0 && req.headers.authorization !== `Bearer ${this.tokens.system}`) timers.push(setTimeout(end, this.faults.spec.watchCloseMs));
    const bookmarks = setInterval(() => {
      if (url.searchParams.get('allowWatchBookmarks') === 'true') write('BOOKMARK', { kind: t.res.kind, apiVersion: apiVersionOf(t.res), metadata: { resourceVersion: String(this.store.resourceVersion) } });
    }, 5000);
    req.on('close', end);
    res.on('close', end);
  }

  // ---------------------------------------------------------------- writes

  private listKeyFn(res: ResourceInfo): ListKeyFn {
    return (path, items) => {
      if (res.schema) {
        const k = schemaListKeys(res.schema, path);
        if (k !== 'unknown') return k;
      }
      const field = path[path.length - 1]!;
      if (res.crd && !res.schema?.properties) {
        if (field === 'conditions') return ['type'];
        if (items.length && items.every((i) => isObj(i) && 'name' in i)) return ['name'];
        return undefined;
      }
      if (field === 'ports') return items.some((i) => 'containerPort' in i) ? ['containerPort'] : ['port'];
      const key = BUILTIN_LIST_KEYS[field];
      if (key) return [key];
      if (res.crd && field === 'conditions') return ['type'];
      return undefined;
    };
  }

  /** Schema, metadata and admission checks shared by create/update/patch. Returns the object to store. */
  private async admit(res: ResourceInfo, obj: Obj, old: Obj | undefined, url: URL, operation: 'CREATE' | 'UPDATE', dryRun: boolean, sub?: string): Promise<Obj> {
    if (!isObj(obj.metadata)) obj.metadata = {};
    obj.apiVersion = apiVersionOf(res);
    obj.kind = res.kind;
    if (res.schema) {
      const r = applySchema(obj, res.schema);
      const strict = url.searchParams.get('fieldValidation') === 'Strict';
      const causes: Cause[] = [...r.errors];
      if (strict) for (const u of r.unknown) causes.push({ field: u, message: `unknown field "${u}"`, reason: 'FieldValueInvalid' });
      if (causes.length) {
        const name = obj.metadata.name ?? '';
        throw new ApiError(422, 'Invalid', `${res.kind}.${res.group} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name, group: res.group, kind: res.kind, causes });
      }
      obj = r.value;
    }
    if (res.plural === 'customresourcedefinitions') validateCrd(obj);
    if (!sub) await callWebhooks(this, res, obj, old, operation, dryRun);
    return obj;
  }

  async create(t: Target, body: Obj, dryRun: boolean, url: URL): Promise<Obj> {
    if (!isObj(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was not a JSON object');
    if (body.kind && body.kind !== t.res.kind) throw new ApiError(400, 'BadRequest', `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(t.res)})`);
    const meta: Obj = { ...(body.metadata ?? {}) };
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomUUID().slice(0, 5)}`;
    if (!meta.name) throw new ApiError(422, 'Invalid', `${t.res.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, { kind: t.res.kind, causes: [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }] });
    if (t.res.namespaced) {
      const ns = t.namespace ?? meta.namespace;
      if (meta.namespace && t.namespace && meta.namespace !== t.namespace) throw new ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = ns;
      const nsObj = this.store.get('/namespaces', undefined, ns);
      if (!nsObj) throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
      if (nsObj.metadata.deletionTimestamp) throw new ApiError(403, 'Forbidden', `${t.res.plural} "${meta.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, { name: meta.name, kind: t.res.plural, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }] });
    } else delete meta.namespace;
    validateName(t.res, meta.name);
    if (this.store.get(gpOf(t.res), meta.namespace, meta.name)) throw new ApiError(409, 'AlreadyExists', `${t.res.plural}${t.res.group ? `.${t.res.group}` : ''} "${meta.name}" already exists`, { name: meta.name, group: t.res.group, kind: t.res.plural });
    let obj: Obj = { ...clone(body), metadata: meta };
    if (t.res.hasStatus && t.res.crd) delete obj.status;
    obj = await this.admit(t.res, obj, undefined, url, 'CREATE', dryRun);
    return this.createInternal(t.res, obj, dryRun);
  }

  createInternal(res: ResourceInfo, obj: Obj, dryRun = false): Obj {
    const meta = obj.metadata;
    meta.uid = randomUUID();
    meta.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.resourceVersion;
    if (res.plural === 'namespaces') {
      obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) };
      obj.status = { phase: 'Active' };
    }
    if (dryRun) return { ...obj, metadata: { ...meta, resourceVersion: String(this.store.resourceVersion) } };
    // Checked again at write time: admission is asynchronous, and a concurrent create may have won (etcd's
    // create is atomic, so the loser gets 409).
    if (this.store.get(gpOf(res), meta.namespace, meta.name)) throw new ApiError(409, 'AlreadyExists', `${res.plural}${res.group ? `.${res.group}` : ''} "${meta.name}" already exists`, { name: meta.name, group: res.group, kind: res.plural });
    meta.resourceVersion = String(this.store.nextRv());
    this.store.put(gpOf(res), obj, 'ADDED');
    if (res.plural === 'customresourcedefinitions') this.scheduleEstablish(obj);
    return obj;
  }

  private async update(t: Target, body: Obj, dryRun: boolean, url: URL): Promise<Obj> {
    if (!isObj(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was not a JSON object');
    const old = t.name ? this.store.get(gpOf(t.res), t.res.namespaced ? t.namespace : undefined, t.name) : undefined;
    if (!old) {
      if (t.sub) throw notFound(t.res, t.name ?? '');
      // PUT on a missing object creates it (kube allows it for most resources).
      return this.create({ ...t, name: undefined }, { ...body, metadata: { ...(body.metadata ?? {}), name: t.name } }, dryRun, url);
    }
    const rv = body.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${t.res.plural}${t.res.group ? `.${t.res.group}` : ''} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: t.name, group: t.res.group, kind: t.res.plural });
    }
    return this.write(t, old, body, dryRun, url);
  }

  private async patch(t: Target, raw: Buffer, type: string, url: URL, dryRun: boolean, outcome: { created: boolean } = { created: false }): Promise<Obj> {
    const ns = t.res.namespaced ? t.namespace : undefined;
    const old = t.name ? this.store.get(gpOf(t.res), ns, t.name) : undefined;
    const keyFn = this.listKeyFn(t.res);
    if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json') {
      const manager = url.searchParams.get('fieldManager');
      if (!manager) throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      let applied: Obj;
      try {
        applied = load(raw.toString('utf8')) as Obj;
      } catch (e) {
        throw new ApiError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
      }
      if (!isObj(applied)) throw new ApiError(400, 'BadRequest', 'apply patch must be an object');
      if (applied.metadata?.name && applied.metadata.name !== t.name) throw new ApiError(400, 'BadRequest', 'the name of the object does not match the name on the URL');
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (!old) {
        if (t.sub) throw notFound(t.res, t.name ?? '');
        const merged = serverSideApply(undefined, applied, manager, keyFn, now);
        merged.metadata = { ...merged.metadata, name: t.name, ...(ns ? { namespace: ns } : {}) };
        try {
          const created = await this.create({ ...t, name: undefined }, merged, dryRun, url);
          outcome.created = true;
          return created;
        } catch (e) {
          // Created by someone else meanwhile: kube-apiserver then applies as an update.
          if (!(e instanceof ApiError && e.code === 409)) throw e;
          return this.patch(t, raw, type, url, dryRun, outcome);
        }
      }
      const merged = serverSideApply(old, applied, manager, keyFn, now, t.sub);
      return this.write(t, old, merged, dryRun, url);
    }
    if (!old) throw notFound(t.res, t.name ?? '');
    let patched: Obj;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `error decoding patch: ${(e as Error).message}`);
    }
    if (type === 'application/merge-patch+json') patched = jsonMergePatch(old, body) as Obj;
    else if (type === 'application/strategic-merge-patch+json') {
      if (t.res.crd) throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
      patched = strategicMerge(old, body, keyFn) as Obj;
    } else if (type === 'application/json-patch+json') {
      try {
        patched = fastJsonPatch.applyPatch(clone(old), body as fastJsonPatch.Operation[], true, false).newDocument as Obj;
      } catch (e) {
        throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${(e as Error).message}`);
      }
    } else throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
    const rv = (body as Obj)?.metadata?.resourceVersion;
    if (type !== 'application/json-patch+json' && rv && rv !== old.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${t.res.plural} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: t.name, kind: t.res.plural });
    }
    return this.write(t, old, patched, dryRun, url);
  }

  /** Common tail of update/patch/apply: status isolation, metadata rules, no-op detection, finalizers. */
  private async write(t: Target, old: Obj, incoming: Obj, dryRun: boolean, url: URL): Promise<Obj> {
    let next: Obj = clone(incoming);
    next.metadata = { ...(next.metadata ?? {}) };
    if (t.res.hasStatus) {
      if (t.sub === 'status') {
        // Writes to /status change only status.
        next = { ...clone(old), status: next.status };
        if (next.status === undefined) delete next.status;
      } else if (old.status !== undefined) next.status = clone(old.status);
      else delete next.status;
    }
    // Server-owned metadata stays.
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'generation', 'namespace', 'name']) {
      if (old.metadata[k] !== undefined) next.metadata[k] = old.metadata[k];
      else delete next.metadata[k];
    }
    if (!next.metadata.managedFields && old.metadata.managedFields) next.metadata.managedFields = old.metadata.managedFields;
    next = await this.admit(t.res, next, old, url, 'UPDATE', dryRun, t.sub);
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.deletionTimestamp && (next.metadata.finalizers?.length ?? 0) > (old.metadata.finalizers?.length ?? 0)) {
      throw new ApiError(422, 'Invalid', `${t.res.kind} "${t.name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted`);
    }
    if (deepEqual(stripVolatile(next), stripVolatile(old))) return old;
    if (!deepEqual(specOf(next), specOf(old))) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    if (dryRun) return next;
    next.metadata.resourceVersion = String(this.store.nextRv());
    if (next.metadata.deletionTimestamp && !(next.metadata.finalizers?.length)) {
      this.store.put(gpOf(t.res), next, 'MODIFIED');
      this.finalize(t.res, next);
      return next;
    }
    this.store.put(gpOf(t.res), next, 'MODIFIED');
    if (t.res.plural === 'customresourcedefinitions') this.scheduleEstablish(next);
    return next;
  }

  // ---------------------------------------------------------------- delete, GC, namespaces

  delete(res: ResourceInfo, obj: Obj, dryRun: boolean, policy?: string): Obj {
    if (dryRun) return obj;
    if (res.plural === 'namespaces') return this.deleteNamespace(obj);
    if (obj.metadata.finalizers?.length || policy === 'Foreground') {
      if (obj.metadata.deletionTimestamp) return obj;
      const next = clone(obj);
      next.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      next.metadata.deletionGracePeriodSeconds = 0;
      if (policy === 'Foreground') next.metadata.finalizers = [...(next.metadata.finalizers ?? []), 'foregroundDeletion'];
      next.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put(gpOf(res), next, 'MODIFIED');
      if (policy === 'Foreground') this.foreground(res, next);
      return next;
    }
    this.finalize(res, obj, policy);
    return obj;
  }

  /** Removes an object for good, then its dependents (garbage collection) and, if due, its namespace. */
  private finalize(res: ResourceInfo, obj: Obj, policy?: string): void {
    this.store.remove(gpOf(res), obj);
    if (res.plural === 'customresourcedefinitions') this.unregisterCrd(obj);
    if (policy !== 'Orphan') {
      for (const d of this.store.dependents(obj.metadata.uid)) {
        const dres = this.resByGp(d.gp);
        const current = this.store.get(d.gp, d.obj.metadata.namespace, d.obj.metadata.name);
        if (dres && current) this.delete(dres, current, false, 'Background');
      }
    }
    const ns = obj.metadata.namespace;
    if (ns) {
      const nsObj = this.store.get('/namespaces', undefined, ns);
      if (nsObj?.metadata.deletionTimestamp) this.maybeFinishNamespace(nsObj);
    }
    this.wakeForeground();
  }

  private foregroundOwners = new Map<string, { res: ResourceInfo; gp: string; namespace?: string; name: string }>();

  private foreground(res: ResourceInfo, owner: Obj): void {
    this.foregroundOwners.set(owner.metadata.uid, { res, gp: gpOf(res), namespace: owner.metadata.namespace, name: owner.metadata.name });
    for (const d of this.store.dependents(owner.metadata.uid)) {
      const dres = this.resByGp(d.gp);
      if (dres) this.delete(dres, d.obj, false, 'Background');
    }
    this.wakeForeground();
  }

  private wakeForeground(): void {
    for (const [uid, f] of this.foregroundOwners) {
      if (this.store.dependents(uid).length) continue;
      this.foregroundOwners.delete(uid);
      const cur = this.store.get(f.gp, f.namespace, f.name);
      if (!cur) continue;
      const next = clone(cur);
      next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((x: string) => x !== 'foregroundDeletion');
      next.metadata.resourceVersion = String(this.store.nextRv());
      if (next.metadata.finalizers.length) this.store.put(f.gp, next, 'MODIFIED');
      else this.finalize(f.res, next);
    }
  }

  private resByGp(gp: string): ResourceInfo | undefined {
    for (const r of this.resources.values()) if (gpOf(r) === gp) return r;
    return undefined;
  }

  private deleteNamespace(ns: Obj): Obj {
    let cur = ns;
    if (!ns.metadata.deletionTimestamp) {
      cur = clone(ns);
      cur.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      cur.status = { ...(cur.status ?? {}), phase: 'Terminating' };
      cur.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put('/namespaces', cur, 'MODIFIED');
    }
    for (const { gp, obj } of this.store.inNamespace(ns.metadata.name)) {
      const res = this.resByGp(gp);
      const live = this.store.get(gp, obj.metadata.namespace, obj.metadata.name);
      if (res && live) this.delete(res, live, false, 'Background');
    }
    const after = this.store.get('/namespaces', undefined, ns.metadata.name);
    if (after) this.maybeFinishNamespace(after);
    return cur;
  }

  private maybeFinishNamespace(ns: Obj): void {
    if (this.store.inNamespace(ns.metadata.name).length) return;
    if (ns.metadata.finalizers?.length) return;
    this.store.remove('/namespaces', ns);
  }

  // ---------------------------------------------------------------- CRDs

  private scheduleEstablish(crd: Obj): void {
    const name = crd.metadata.name;
    this.later(this.establishDelayMs, () => {
      const cur = this.store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, name);
      if (!cur || cur.metadata.deletionTimestamp) return;
      for (const r of this.resources.values()) if (r.crd === name) this.resources.delete(`${r.group}/${r.version}/${r.plural}`);
      for (const r of crdResources(cur)) this.resources.set(`${r.group}/${r.version}/${r.plural}`, r);
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const conds = [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: now },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: now },
      ];
      const old = cur.status?.conditions ?? [];
      const keep = (t: string) => old.find((c: Obj) => c.type === t && c.status === 'True');
      const status = { conditions: conds.map((c) => keep(c.type) ?? c), acceptedNames: cur.spec.names, storedVersions: (cur.spec.versions ?? []).filter((v: Obj) => v.storage).map((v: Obj) => v.name) };
      if (deepEqual(status, cur.status)) return;
      const next: Obj = { ...clone(cur), status };
      next.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put('apiextensions.k8s.io/customresourcedefinitions', next, 'MODIFIED');
    });
  }

  /** Registers a CRD at once (used for --crds DIR at start). */
  registerCrdNow(crd: Obj): void {
    const obj = this.createInternal(this.byPlural('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!, clone(crd));
    void obj;
  }

  private unregisterCrd(crd: Obj): void {
    const rs = [...this.resources.values()].filter((r) => r.crd === crd.metadata.name);
    for (const r of rs) this.resources.delete(`${r.group}/${r.version}/${r.plural}`);
    const first = rs[0];
    if (first) for (const o of this.store.list(gpOf(first))) this.store.remove(gpOf(first), o);
  }

  // ---------------------------------------------------------------- authorization

  private review(body: Obj, role: string): Obj {
    const attrs = body?.spec?.resourceAttributes ?? {};
    const verb = String(attrs.verb ?? '');
    const allowed = role === 'admin' || role === 'system' || ['get', 'list', 'watch'].includes(verb);
    return { ...body, apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null }, status: { allowed, ...(allowed ? {} : { reason: 'the read-only token may only get, list and watch' }) } };
  }
}

// ---------------------------------------------------------------- helpers

/** The request's label and field selectors; a malformed one is a 400 like kube-apiserver's. */
function selectorsOf(url: URL): { labels: ReturnType<typeof parseLabelSelector>; fields: ReturnType<typeof parseFieldSelector> } {
  try {
    return { labels: parseLabelSelector(url.searchParams.get('labelSelector')), fields: parseFieldSelector(url.searchParams.get('fieldSelector')) };
  } catch (e) {
    throw new ApiError(400, 'BadRequest', (e as Error).message);
  }
}

function emptyStats(): Stats {
  return { requests: {}, byVerb: {}, mutating: 0, dryRun: 0, watchesOpen: 0, objects: 0, faultsInjected: 0, systemRequests: 0 };
}

export function gpOf(r: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return `${r.group}/${r.plural}`;
}

function groupJson(name: string, versions: string[]): Obj {
  const sorted = versions.sort((a, b) => versionPriority(b) - versionPriority(a));
  return { name, versions: sorted.map((v) => ({ groupVersion: `${name}/${v}`, version: v })), preferredVersion: { groupVersion: `${name}/${sorted[0]}`, version: sorted[0] } };
}

/** v1 > v1beta2 > v1beta1 > v1alpha1, as kube orders versions. */
function versionPriority(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 0;
  const major = Number(m[1]);
  const stage = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
  return major * 1000 + stage * 100 + Number(m[3] ?? 0);
}

function verbOf(method: string, t: Target, url: URL): string {
  const isWatch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1' || url.pathname.includes('/watch/');
  switch (method) {
    case 'GET':
      if (isWatch) return 'watch';
      return t.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return t.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function notFound(res: ResourceInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${res.plural}${res.group ? `.${res.group}` : ''} "${name}" not found`, { name, group: res.group, kind: res.plural });
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateName(res: ResourceInfo, name: string): void {
  const label = ['namespaces', 'services'].includes(res.plural);
  const ok = label ? DNS1123_LABEL.test(name) && name.length <= 63 : DNS1123_SUBDOMAIN.test(name) && name.length <= 253;
  if (!ok && res.plural !== 'selfsubjectaccessreviews') {
    const rule = label ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character" : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    throw new ApiError(422, 'Invalid', `${res.kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": ${rule}`, { name, kind: res.kind, causes: [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${rule}` }] });
  }
}

function validateCrd(crd: Obj): void {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const causes: Cause[] = [];
  if (!spec.group) causes.push({ field: 'spec.group', message: 'Required value', reason: 'FieldValueRequired' });
  if (!names.plural) causes.push({ field: 'spec.names.plural', message: 'Required value', reason: 'FieldValueRequired' });
  if (!names.kind) causes.push({ field: 'spec.names.kind', message: 'Required value', reason: 'FieldValueRequired' });
  if (!Array.isArray(spec.versions) || !spec.versions.length) causes.push({ field: 'spec.versions', message: 'Invalid value: must have exactly one version marked as storage version', reason: 'FieldValueInvalid' });
  if (names.plural && spec.group && crd.metadata?.name !== `${names.plural}.${spec.group}`) causes.push({ field: 'metadata.name', message: `Invalid value: "${crd.metadata?.name}": must be spec.names.plural+"."+spec.group`, reason: 'FieldValueInvalid' });
  if (causes.length) throw new ApiError(422, 'Invalid', `CustomResourceDefinition.apiextensions.k8s.io "${crd.metadata?.name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name: crd.metadata?.name, group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', causes });
}

function stripVolatile(o: Obj): Obj {
  const { metadata, ...rest } = o;
  const { resourceVersion: _rv, managedFields, generation: _g, ...m } = metadata ?? {};
  // managedFields timestamps differ on every apply; compare what each manager owns, not when.
  const owners = (managedFields ?? []).map((e: Obj) => ({ manager: e.manager, operation: e.operation, subresource: e.subresource, fieldsV1: e.fieldsV1 }));
  return { ...rest, metadata: { ...m, owners } };
}

function specOf(o: Obj): Obj {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}

export function statusBody(err: ApiError): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: err.reason, ...(err.details ? { details: err.details } : {}), code: err.code };
}

export function json(res: ServerResponse, code: number, body: unknown, headers?: Record<string, string>): void {
  const data = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain' });
  res.end(body);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(req: IncomingMessage): Promise<Obj> {
  const raw = (await readBody(req)).toString('utf8');
  try {
    const type = req.headers['content-type'] ?? '';
    return (type.includes('yaml') ? load(raw) : JSON.parse(raw)) as Obj;
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding body: ${(e as Error).message}`);
  }
}

export { applyMerge };
