// Discovery (/api, /apis, group and group-version documents) and the bit of OpenAPI v3 kubectl needs,
// generated from the registry.
import type { ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import { json } from './http.js';
import type { Obj } from './merge.js';
import type { Registry } from './registry.js';
import type { ResourceInfo } from './resources.js';

export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.6+hcp-kv-sim', gitCommit: '0000000', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' };

/** /version for another Kubernetes release (x.y.z, e.g. an older infrastructure cluster); the default is KUBE_VERSION. */
export function kubeVersionOf(version: string | undefined): typeof KUBE_VERSION {
  const m = version ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(version) : null;
  return m ? { ...KUBE_VERSION, major: m[1]!, minor: m[2]!, gitVersion: `v${m[1]}.${m[2]}.${m[3]}+hcp-kv-sim` } : KUBE_VERSION;
}

const NOT_FOUND = 'the server could not find the requested resource';

/** /api/v1/<plural> or /apis/<g>/<v>/<plural> are resources; discovery stops at the version. */
export function isResourcePath(path: string): boolean {
  const p = path.split('/').filter(Boolean);
  return (p[0] === 'api' && p.length >= 3) || (p[0] === 'apis' && p.length >= 4);
}

export function isDiscoveryPath(path: string): boolean {
  return path === '/api' || path === '/apis' || path.startsWith('/openapi') || (/^\/apis?\/[^/]+(\/[^/]+)?$/.test(path) && !isResourcePath(path));
}

export function serveDiscovery(res: ServerResponse, path: string, registry: Registry, resourceVersion: number): void {
  const p = path.split('/').filter(Boolean);
  if (p[0] === 'openapi') return openapi(res, p, registry, resourceVersion);
  if (path === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
  if (path === '/apis') {
    const groups = [...registry.groups()].filter(([g]) => g !== '').map(([name, versions]) => groupJson(name, [...versions]));
    return json(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
  }
  if (p[0] === 'apis' && p.length === 2) {
    const versions = registry.groups().get(p[1]!);
    if (!versions) throw new ApiError(404, 'NotFound', NOT_FOUND);
    return json(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...groupJson(p[1]!, [...versions]) });
  }
  const group = p[0] === 'api' ? '' : p[1]!;
  const version = p[0] === 'api' ? p[1]! : p[2]!;
  const list = registry.all().filter((r) => r.group === group && r.version === version);
  if (!list.length) throw new ApiError(404, 'NotFound', NOT_FOUND);
  const resources: Obj[] = [];
  for (const r of list) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    if (r.hasStatus) resources.push({ name: `${r.plural}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] });
    if (r.group === '' && r.plural === 'pods') resources.push({ name: 'pods/binding', singularName: '', namespaced: true, kind: 'Binding', verbs: ['create'] });
  }
  return json(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources });
}

/**
 * Just enough OpenAPI v3 for kubectl: the index of group-versions, and per group-version the PATCH operations
 * with their fieldValidation parameter (kubectl checks it before a validated server-side apply).
 */
function openapi(res: ServerResponse, p: string[], registry: Registry, resourceVersion: number): void {
  if (p[1] !== 'v3') throw new ApiError(404, 'NotFound', NOT_FOUND);
  const gvs = new Map<string, ResourceInfo[]>();
  for (const r of registry.all()) {
    const key = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
    if (!gvs.has(key)) gvs.set(key, []);
    gvs.get(key)!.push(r);
  }
  if (p.length === 2) {
    const paths = Object.fromEntries([...gvs.keys()].map((k) => [k, { serverRelativeURL: `/openapi/v3/${k}?hash=${resourceVersion}` }]));
    return json(res, 200, { paths });
  }
  const key = p.slice(2).join('/');
  const list = gvs.get(key);
  if (!list) throw new ApiError(404, 'NotFound', NOT_FOUND);
  const paths: Obj = {};
  const param = { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } };
  for (const r of list) {
    const base = `/${key}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    paths[base] = { patch: { 'x-kubernetes-group-version-kind': gvk, 'x-kubernetes-action': 'patch', parameters: [param, { name: 'fieldManager', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'OK' } } } };
  }
  return json(res, 200, { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBE_VERSION.gitVersion }, paths, components: { schemas: {} } });
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
