// Maps apiVersion + kind to the REST resource (plural, namespaced) through discovery, cached per
// group-version and refreshed on a miss, so a CRD registered a moment ago is found.
import { KubeApiError } from './errors.js';
import type { KubeHttp } from './http.js';

export interface ResourceRef {
  plural: string;
  namespaced: boolean;
  kind: string;
}

export class NoKindError extends Error {
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`no matches for kind "${kind}" in version "${apiVersion}"`);
    this.name = 'NoKindError';
  }
}

export class Discovery {
  private cache = new Map<string, { at: number; resources: Map<string, ResourceRef> }>();

  constructor(private readonly http: KubeHttp) {}

  private async load(apiVersion: string, signal?: AbortSignal): Promise<Map<string, ResourceRef>> {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const resources = new Map<string, ResourceRef>();
    try {
      const list = await this.http.request<{ resources: Array<{ name: string; kind: string; namespaced: boolean }> }>(path, { signal });
      for (const r of list.resources ?? []) if (!r.name.includes('/')) resources.set(r.kind, { plural: r.name, namespaced: r.namespaced, kind: r.kind });
    } catch (e) {
      if (!(e instanceof KubeApiError && e.code === 404)) throw e;
    }
    this.cache.set(apiVersion, { at: Date.now(), resources });
    return resources;
  }

  /** Throws NoKindError when the server does not serve the kind (CRD missing or not yet Established). */
  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceRef> {
    const cached = this.cache.get(apiVersion)?.resources.get(kind);
    if (cached) return cached;
    const fresh = (await this.load(apiVersion, signal)).get(kind);
    if (!fresh) throw new NoKindError(apiVersion, kind);
    return fresh;
  }

  async has(apiVersion: string, kind: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.resolve(apiVersion, kind, signal);
      return true;
    } catch (e) {
      if (e instanceof NoKindError) return false;
      throw e;
    }
  }

  /** The REST path of an object or collection. */
  async path(ref: { apiVersion: string; kind: string; namespace?: string; name?: string }, signal?: AbortSignal, sub?: string): Promise<string> {
    const r = await this.resolve(ref.apiVersion, ref.kind, signal);
    const prefix = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const ns = r.namespaced && ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : '';
    const name = ref.name ? `/${encodeURIComponent(ref.name)}` : '';
    return `${prefix}${ns}/${r.plural}${name}${sub ? `/${sub}` : ''}`;
  }

  forget(apiVersion: string): void {
    this.cache.delete(apiVersion);
  }
}

interface CrdLike {
  spec?: { group?: string; names?: { kind?: string }; versions?: Array<{ name: string; served?: boolean }> };
  status?: { conditions?: Array<{ type: string; status: string }> };
  metadata?: { resourceVersion?: string };
}

function servesKind(crd: CrdLike | undefined, apiVersion: string, kind: string): boolean {
  const [group, version] = apiVersion.split('/');
  const spec = crd?.spec;
  if (!spec || spec.group !== group || spec.names?.kind !== kind) return false;
  const served = spec.versions?.some((v) => v.name === version && v.served !== false) ?? false;
  return served && (crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false);
}

/**
 * Waits, by watching CustomResourceDefinitions, until the server serves `kind` — no polling. Returns when an
 * Established CRD for it appears (discovery is refreshed then), or when the watch ends (the caller re-checks).
 */
export async function waitForKind(http: KubeHttp, discovery: Discovery, apiVersion: string, kind: string, signal?: AbortSignal): Promise<void> {
  if (!apiVersion.includes('/')) return; // core kinds do not come from CRDs
  const path = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  const list = await http.request<{ metadata: { resourceVersion: string }; items: CrdLike[] }>(path, { signal });
  if (list.items.some((c) => servesKind(c, apiVersion, kind))) {
    discovery.forget(apiVersion);
    if (await discovery.has(apiVersion, kind, signal)) return;
  }
  for await (const ev of http.stream(path, { watch: 'true', resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: 'true' }, signal)) {
    if (ev.type === 'ERROR') return;
    if (servesKind(ev.object as CrdLike, apiVersion, kind)) {
      discovery.forget(apiVersion);
      return;
    }
  }
}
