// Where hosted control planes and worker VMs run. HyperShift schedules control-plane pods by the well-known
// label and taint hypershift.openshift.io/control-plane (docs: "distribute hosted cluster workloads"): nodes
// labelled and tainted with it take control planes only, and a HostedCluster's nodeSelector/tolerations point
// its pods there. bootstrap records the choice in a ConfigMap hcp-kv owns; create-cluster reads its defaults
// from it. Pure: the same objects feed apply, render and tests.
import type { Toleration } from './hypershift.js';
import type { KubeObject } from '../kube/types.js';
import type { BootstrapOptions } from '../config/bootstrap.js';

export const CONTROL_PLANE_LABEL = 'hypershift.openshift.io/control-plane';
export const CONTROL_PLANE_TAINT = { key: CONTROL_PLANE_LABEL, value: 'true', effect: 'NoSchedule' } as const;
export const CONTROL_PLANE_SELECTOR: Record<string, string> = { [CONTROL_PLANE_LABEL]: 'true' };
export const CONTROL_PLANE_TOLERATIONS: Toleration[] = [{ key: CONTROL_PLANE_LABEL, operator: 'Equal', value: 'true', effect: 'NoSchedule' }];

/** The ConfigMap that records bootstrap's choices for create-cluster. */
export const SETTINGS_REF = { apiVersion: 'v1', kind: 'ConfigMap', name: 'hcp-kv-settings', namespace: 'hcp-kv' } as const;

export interface RecordedSettings {
  /** HostedCluster spec.nodeSelector / spec.tolerations default. */
  controlPlaneNodeSelector?: Record<string, string>;
  controlPlaneTolerations?: Toleration[];
  /** NodePool spec.platform.kubevirt.nodeSelector default. */
  vmNodeSelector?: Record<string, string>;
  /** HostedCluster etcd StorageClass default. */
  etcdStorageClass?: string;
}

/** What a bootstrap decides, before merging with what is recorded. */
export function chosenSettings(o: Pick<BootstrapOptions, 'controlPlaneNodes' | 'vmNodes' | 'etcdStorageClass'>): RecordedSettings {
  return {
    ...(o.controlPlaneNodes ? { controlPlaneNodeSelector: CONTROL_PLANE_SELECTOR, controlPlaneTolerations: CONTROL_PLANE_TOLERATIONS } : {}),
    ...(o.vmNodes ? { vmNodeSelector: o.vmNodes } : {}),
    ...(o.etcdStorageClass ? { etcdStorageClass: o.etcdStorageClass } : {}),
  };
}

const KEYS = ['controlPlaneNodeSelector', 'controlPlaneTolerations', 'vmNodeSelector', 'etcdStorageClass'] as const;

/** Namespace and ConfigMap; object values are JSON so `oc get cm -o yaml` shows them as written. */
export function settingsObjects(s: RecordedSettings): KubeObject[] {
  const data: Record<string, string> = {};
  for (const k of KEYS) {
    const v = s[k];
    if (v !== undefined) data[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SETTINGS_REF.namespace, labels: { 'app.kubernetes.io/managed-by': 'hcp-kv' } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: SETTINGS_REF.name, namespace: SETTINGS_REF.namespace, labels: { 'app.kubernetes.io/managed-by': 'hcp-kv' } }, data },
  ];
}

/** Reads a settings ConfigMap's data back; a value that is not valid JSON is an error naming the key. */
export function parseSettings(data: Record<string, string> | undefined): RecordedSettings {
  const out: RecordedSettings = {};
  for (const k of KEYS) {
    const text = data?.[k];
    if (text === undefined) continue;
    if (k === 'etcdStorageClass') out.etcdStorageClass = text;
    else {
      try {
        (out as Record<string, unknown>)[k] = JSON.parse(text);
      } catch {
        throw new Error(`ConfigMap ${SETTINGS_REF.namespace}/${SETTINGS_REF.name} key ${k} is not JSON: ${text}`);
      }
    }
  }
  return out;
}

export interface NodeLike {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { taints?: Taint[]; unschedulable?: boolean };
}
export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export const matchesSelector = (n: NodeLike, selector: Record<string, string>): boolean => Object.entries(selector).every(([k, v]) => (n.metadata.labels ?? {})[k] === v);

/** Kubernetes toleration semantics: Exists with no key tolerates everything; an empty effect matches every effect. */
export function tolerates(tolerations: Toleration[], t: Taint): boolean {
  return tolerations.some((x) => (!x.effect || x.effect === t.effect) && (x.operator === 'Exists' ? !x.key || x.key === t.key : x.key === t.key && (x.value ?? '') === (t.value ?? '')));
}

/** A node a pod with these tolerations may be scheduled on (NoSchedule and NoExecute taints only). */
export function admits(n: NodeLike, tolerations: Toleration[]): boolean {
  if (n.spec?.unschedulable) return false;
  return (n.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').every((t) => tolerates(tolerations, t));
}

/** The merge patch that labels and taints a node for control planes, keeping its other taints; undefined when done. */
export function controlPlaneNodePatch(n: NodeLike): { metadata: { labels: Record<string, string> }; spec: { taints: Taint[] } } | undefined {
  const labelled = n.metadata.labels?.[CONTROL_PLANE_LABEL] === 'true';
  const others = (n.spec?.taints ?? []).filter((t) => t.key !== CONTROL_PLANE_TAINT.key);
  const tainted = (n.spec?.taints ?? []).some((t) => t.key === CONTROL_PLANE_TAINT.key && t.value === CONTROL_PLANE_TAINT.value && t.effect === CONTROL_PLANE_TAINT.effect);
  if (labelled && tainted) return undefined;
  return { metadata: { labels: { [CONTROL_PLANE_LABEL]: 'true' } }, spec: { taints: [...others, { ...CONTROL_PLANE_TAINT }] } };
}

export const selectorText = (s: Record<string, string>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
