// Request accounting on the client side (so it works against any cluster): counts by verb and resource, and the
// busiest one-second window, which shows whether --qps was honoured.

/** kube-apiserver's verb and resource for a request (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). */
export function verbAndResource(method: string, url: string): { verb: string; resource: string } {
  const u = new URL(url, 'http://x');
  const parts = u.pathname.split('/').filter(Boolean);
  // /api/v1/... or /apis/group/version/...; then [namespaces/ns/]resource[/name[/subresource]]
  let rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : parts;
  if (rest[0] === 'namespaces' && rest.length > 2) rest = rest.slice(2);
  const resource = rest.length ? rest[0]! + (rest[2] ? `/${rest[2]}` : '') : u.pathname;
  const named = rest.length > 1;
  const m = method.toUpperCase();
  const verb =
    m === 'GET'
      ? u.searchParams.get('watch') === 'true'
        ? 'watch'
        : named
          ? 'get'
          : 'list'
      : m === 'POST'
        ? 'create'
        : m === 'PUT'
          ? 'update'
          : m === 'PATCH'
            ? 'patch'
            : m === 'DELETE'
              ? named
                ? 'delete'
                : 'deletecollection'
              : m.toLowerCase();
  return { verb, resource };
}

export class RequestCounter {
  total = 0;
  readonly byVerb: Record<string, number> = {};
  readonly byVerbAndResource: Record<string, number> = {};
  private readonly perSecond = new Map<number, number>();
  private first?: number;
  private last?: number;

  record(method: string, url: string, now = Date.now()): void {
    const { verb, resource } = verbAndResource(method, url);
    this.total++;
    this.byVerb[verb] = (this.byVerb[verb] ?? 0) + 1;
    const key = `${verb} ${resource}`;
    this.byVerbAndResource[key] = (this.byVerbAndResource[key] ?? 0) + 1;
    this.first ??= now;
    this.last = now;
    const s = Math.floor(now / 1000);
    this.perSecond.set(s, (this.perSecond.get(s) ?? 0) + 1);
  }

  /** Milliseconds from the first request to the last. */
  get spanMs(): number {
    return this.first === undefined ? 0 : this.last! - this.first;
  }

  /** Requests sent in the busiest whole second. */
  get maxPerSecond(): number {
    return Math.max(0, ...this.perSecond.values());
  }
}
