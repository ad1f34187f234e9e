// The Kube implementation. This module (and what it imports) loads @kubernetes/client-node, so commands
// import it lazily: `const { connect } = await import('./client.js')`.
import { applyObjects, createOnly } from './apply.js';
import { loadKubeconfig, type ResolvedConfig } from './config.js';
import { Discovery, NoKindError } from './discovery.js';
import { describeKubeError, KubeApiError } from './errors.js';
import { KubeHttp, type HttpLimits } from './http.js';
import { RateLimiter } from './rate.js';
import { waitFor } from './wait.js';
import { describeRef, type Kube, type KubeObject, type ObjectRef, type PatchType } from './types.js';
import type { RetryOptions } from './retry.js';
import type { HcpError } from '../errors.js';
import { io, type OutStream } from '../run/io.js';

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  verbose?: number;
  requestLog?: (line: string) => void;
  retry?: Pick<RetryOptions, 'sleep' | 'random' | 'maxAttempts' | 'maxTotalMs' | 'onRetry'>;
  env?: NodeJS.ProcessEnv;
  /** Client-side request-rate limit (requests per second). */
  qps?: number;
  /** Per-request timeout, reconnect window, watch idle limit, and the command's signal (deadline, Ctrl-C). */
  limits?: HttpLimits;
  /** An already checked configuration built in memory (a cluster-supplied kubeconfig): no file is read. */
  resolved?: ResolvedConfig;
}

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export interface KubeClient extends Kube {
  http: KubeHttp;
  close(): void;
}

export async function connect(o: ConnectOptions = {}): Promise<KubeClient> {
  const cfg = o.resolved ?? loadKubeconfig(o, o.env);
  const log = o.requestLog ?? ((o.verbose ?? 0) >= 2 ? requestLogTo(io().stderr) : undefined);
  const http = new KubeHttp(cfg.kc, cfg.server, log, o.retry, o.qps ? new RateLimiter(o.qps) : undefined, o.limits);
  const discovery = new Discovery(http);
  const fail: Fail = (e, what) => describeKubeError(e, what, cfg.server);
  return {
    server: cfg.server,
    context: cfg.context,
    http,
    close: () => http.close(),
    apply: (objects, ao) => applyObjects(http, discovery, objects, ao),
    create: (object, co) => createOnly(http, discovery, object, co),
    ...objectReads(http, discovery, fail),
    ...objectWrites(http, discovery, fail),
    ...clusterQueries(http, discovery, fail),
  };
}

/** Turns a failed request into the error the user sees, naming what was being done. */
type Fail = (e: unknown, what: string) => HcpError;

/** get and list: a kind the server does not serve (or a missing object) reads as absent. */
function objectReads(http: KubeHttp, discovery: Discovery, fail: Fail): Pick<Kube, 'get' | 'list'> {
  return {
    async get<T extends KubeObject>(ref: ObjectRef, go?: { signal?: AbortSignal }) {
      try {
        const obj = await http.request<T>(await discovery.path(ref, go?.signal), { signal: go?.signal });
        return obj;
      } catch (e) {
        if (e instanceof NoKindError || (e instanceof KubeApiError && e.code === 404)) return undefined;
        throw fail(e, `get ${describeRef(ref)}`);
      }
    },
    async list<T extends KubeObject>(apiVersion: string, kind: string, lo: { namespace?: string; labelSelector?: string; fieldSelector?: string; signal?: AbortSignal } = {}) {
      try {
        const path = await discovery.path({ apiVersion, kind, namespace: lo.namespace }, lo.signal);
        const list = await http.request<{ items: T[] }>(path, { query: { labelSelector: lo.labelSelector, fieldSelector: lo.fieldSelector }, signal: lo.signal });
        return list.items.map((i) => ({ ...i, apiVersion: i.apiVersion ?? apiVersion, kind: i.kind ?? kind }));
      } catch (e) {
        if (e instanceof NoKindError) return [];
        throw fail(e, `list ${kind}${lo.namespace ? ` in ${lo.namespace}` : ''}`);
      }
    },
  };
}

function objectWrites(http: KubeHttp, discovery: Discovery, fail: Fail): Pick<Kube, 'patch' | 'delete'> {
  return {
    async patch<T extends KubeObject>(ref: ObjectRef, patch: unknown, type: PatchType, po: { dryRun?: boolean; signal?: AbortSignal } = {}) {
      try {
        return await http.request<T>(await discovery.path(ref, po.signal), { method: 'PATCH', body: patch, contentType: PATCH_TYPES[type], query: { fieldManager: 'hcp-kv', ...(po.dryRun ? { dryRun: 'All' } : {}) }, signal: po.signal });
      } catch (e) {
        throw fail(e, `patch ${describeRef(ref)}`);
      }
    },
    async delete(ref, d = {}) {
      try {
        const body = d.preconditions ? { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: d.preconditions } : undefined;
        await http.request(await discovery.path(ref, d.signal), { method: 'DELETE', body, query: { propagationPolicy: d.propagationPolicy ?? 'Background', ...(d.dryRun ? { dryRun: 'All' } : {}) }, signal: d.signal });
        return true;
      } catch (e) {
        if (e instanceof NoKindError || (e instanceof KubeApiError && e.code === 404)) return false;
        throw fail(e, `delete ${describeRef(ref)}`);
      }
    },
  };
}

function clusterQueries(http: KubeHttp, discovery: Discovery, fail: Fail): Pick<Kube, 'waitFor' | 'can' | 'hasKind' | 'version'> {
  return {
    async waitFor(ref, check, wo) {
      try {
        return await waitFor(http, discovery, ref, check, wo);
      } catch (e) {
        throw fail(e, `wait for ${describeRef(ref)}`);
      }
    },
    async can(verb, r) {
      try {
        const review = await http.request<{ status?: { allowed?: boolean } }>('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
          method: 'POST',
          body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, group: r.group, resource: r.resource, namespace: r.namespace, name: r.name } } },
        });
        return review.status?.allowed === true;
      } catch (e) {
        throw fail(e, `check permission to ${verb} ${r.resource}`);
      }
    },
    async hasKind(apiVersion, kind) {
      try {
        return await discovery.has(apiVersion, kind);
      } catch (e) {
        throw fail(e, `discover ${kind} (${apiVersion})`);
      }
    },
    async version() {
      try {
        return await http.request('/version', { retry: true });
      } catch (e) {
        throw fail(e, 'read the server version');
      }
    },
  };
}

function requestLogTo(stderr: OutStream): (line: string) => void {
  return (line) => stderr.write(`[http] ${line}\n`);
}
