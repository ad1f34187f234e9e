// From a request path and method to the resource, namespace, name, subresource and verb it addresses.
import { ApiError } from './errors.js';
import type { Registry } from './registry.js';
import type { ResourceInfo } from './resources.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';

export interface Target {
  res: ResourceInfo;
  namespace?: string;
  name?: string;
  sub?: string;
}

export function resolve(path: string, registry: Registry): Target {
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
  const res = plural ? registry.byPlural(group, version, plural) : undefined;
  if (!res) throw new ApiError(404, 'NotFound', `the server could not find the requested resource${plural ? ` (${plural}${group ? `.${group}` : ''})` : ''}`, { group, kind: plural });
  if (res.namespaced === false && namespace) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (sub && !(sub === 'status' && res.hasStatus) && !(sub === 'finalize' && res.plural === 'namespaces') && !(sub === 'binding' && res.group === '' && res.plural === 'pods'))
    throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${res.plural}/${sub})`);
  return { res, namespace, name, sub };
}

export function verbOf(method: string, t: Target, url: URL): string {
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

/** The request's label and field selectors; a malformed one is a 400 like kube-apiserver's. */
export function selectorsOf(url: URL): { labels: ReturnType<typeof parseLabelSelector>; fields: ReturnType<typeof parseFieldSelector> } {
  try {
    return { labels: parseLabelSelector(url.searchParams.get('labelSelector')), fields: parseFieldSelector(url.searchParams.get('fieldSelector')) };
  } catch (e) {
    throw new ApiError(400, 'BadRequest', (e as Error).message);
  }
}
