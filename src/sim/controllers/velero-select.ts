// What a simulated Velero Backup selects (vmware-tanzu/velero pkg/backup/item_collector.go@d30d389b56068eebd675d9953492183cb7b58a78):
// the included resources resolved through discovery (`plural` for the core group, `plural.group` otherwise; a
// name discovery does not know is skipped), minus the excluded ones, in the included namespaces, matching the
// label selector. Cluster-scoped kinds are left out (a namespace-scoped backup takes only related cluster
// objects, and the simulation has none: no PersistentVolumes). Pure but for the discovery reads.
import { load } from 'js-yaml';
import type { Obj, SimClient } from './client.js';

export interface ApiResource {
  name: string;
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** Every served resource, by Velero's resource name. */
export async function discoverResources(c: SimClient): Promise<Map<string, ApiResource>> {
  const out = new Map<string, ApiResource>();
  const add = (apiVersion: string, group: string, list: Obj) => {
    for (const r of list.resources ?? []) {
      if (String(r.name).includes('/')) continue;
      const name = group ? `${r.name}.${group}` : r.name;
      if (!out.has(name)) out.set(name, { name, apiVersion, kind: r.kind, plural: r.name, namespaced: Boolean(r.namespaced) });
    }
  };
  add('v1', '', await c.call('GET', '/api/v1'));
  const groups = await c.call('GET', '/apis');
  for (const g of groups.groups ?? []) {
    const gv = g.preferredVersion?.groupVersion ?? g.versions?.[0]?.groupVersion;
    if (gv) add(gv, g.name, await c.call('GET', `/apis/${gv}`).catch(() => ({})));
  }
  return out;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export function matchesSelector(labels: Record<string, string> | undefined, s: LabelSelector | undefined): boolean {
  if (!s) return true;
  const l = labels ?? {};
  if (Object.entries(s.matchLabels ?? {}).some(([k, v]) => l[k] !== v)) return false;
  return (s.matchExpressions ?? []).every((e) => {
    const has = e.key in l;
    switch (e.operator) {
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'In':
        return has && (e.values ?? []).includes(l[e.key]!);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(l[e.key]!);
      default:
        return false;
    }
  });
}

/** The namespaced resources a Backup spec includes (`*` or empty: all), in discovery order. */
export function selectedResources(all: Map<string, ApiResource>, spec: Obj): ApiResource[] {
  const included: string[] = spec.includedResources ?? [];
  const excluded = new Set<string>(spec.excludedResources ?? []);
  const wanted = included.length === 0 || included.includes('*') ? [...all.keys()] : included;
  return wanted.map((n) => all.get(n)).filter((r): r is ApiResource => Boolean(r && r.namespaced && !excluded.has(r.name) && r.name !== 'events' && r.name !== 'events.events.k8s.io'));
}

/**
 * A Velero resource policy ConfigMap's volume policies with action skip on pvcLabels (the policy upstream's
 * oadp-backup writes): the PVC labels whose volumes are not backed up.
 */
export function skippedPvcLabels(policyYaml: string | undefined): Array<Record<string, string>> {
  if (!policyYaml) return [];
  const doc = load(policyYaml) as { volumePolicies?: Array<{ conditions?: { pvcLabels?: Record<string, string> }; action?: { type?: string } }> } | undefined;
  return (doc?.volumePolicies ?? []).filter((p) => p.action?.type === 'skip' && p.conditions?.pvcLabels).map((p) => p.conditions!.pvcLabels!);
}
