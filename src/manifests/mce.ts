// MultiClusterEngine and the HyperShift component rules per MCE version
// (docs/openshift-facts.md, "MCE version matrix").
import semver from 'semver';
import type { KubeObject } from '../kube/types.js';

export const MCE_API = 'multicluster.openshift.io/v1';

export function multiClusterEngine(name = 'multiclusterengine'): KubeObject {
  return { apiVersion: MCE_API, kind: 'MultiClusterEngine', metadata: { name }, spec: {} };
}

export interface McePlan {
  /** The component that carries HyperShift in this version. */
  component: 'hypershift' | 'hypershift-preview';
  /** Whether hcp-kv must enable it through spec.overrides.components. */
  needsOverride: boolean;
  /** Whether hcp-kv creates local-cluster and the addon itself (else MCE does). */
  createLocalCluster: boolean;
  /** Whether spec.localClusterName exists. */
  hasLocalClusterName: boolean;
}

export function mcePlan(version: string): McePlan {
  const v = semver.coerce(version)?.version;
  if (!v) throw new Error(`cannot read the MCE version "${version}"`);
  const from24 = semver.gte(v, '2.4.0');
  return { component: from24 ? 'hypershift' : 'hypershift-preview', needsOverride: !from24, createLocalCluster: semver.lt(v, '2.2.0'), hasLocalClusterName: semver.gte(v, '2.9.0') };
}

interface ComponentEntry {
  name: string;
  enabled: boolean;
}

/** Whether the MCE spec has HyperShift on, for its version. */
export function hypershiftEnabled(mce: KubeObject, version: string): boolean {
  const plan = mcePlan(version);
  const components = (mce.spec as { overrides?: { components?: ComponentEntry[] } } | undefined)?.overrides?.components ?? [];
  const entry = components.find((c) => c.name === plan.component);
  return entry ? entry.enabled : !plan.needsOverride;
}

/**
 * The apply that turns HyperShift on: only hcp-kv's own entry of the components list (a list-map keyed by
 * name), so the entries the user set stay untouched. Undefined when nothing is needed (MCE ≥ 2.4).
 */
export function hypershiftOverride(name: string, version: string): KubeObject | undefined {
  const plan = mcePlan(version);
  if (!plan.needsOverride) return undefined;
  return { apiVersion: MCE_API, kind: 'MultiClusterEngine', metadata: { name }, spec: { overrides: { components: [{ name: plan.component, enabled: true }] } } };
}

export function localClusterName(mce: KubeObject | undefined, version: string): string {
  const spec = mce?.spec as { localClusterName?: string } | undefined;
  return (mcePlan(version).hasLocalClusterName && spec?.localClusterName) || 'local-cluster';
}
