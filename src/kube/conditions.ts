// Readiness predicates, pure and table-tested. Each returns a Check for waitFor.
import type { Check, Condition, KubeObject } from './types.js';

type WithStatus = KubeObject & { status?: { conditions?: Condition[]; phase?: string; message?: string; reason?: string; [k: string]: unknown } };

export function conditionsOf(obj: KubeObject | undefined): Condition[] {
  const c = (obj as WithStatus | undefined)?.status?.conditions;
  return Array.isArray(c) ? c : [];
}

export function findCondition(obj: KubeObject | undefined, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

export function isConditionTrue(obj: KubeObject | undefined, type: string): boolean {
  return findCondition(obj, type)?.status === 'True';
}

/** "Available=False (WaitingForNodes: 0 of 2 ready), Progressing=True" */
export function formatConditions(obj: KubeObject | undefined, types?: string[]): string {
  const list = conditionsOf(obj).filter((c) => !types || types.includes(c.type));
  return list.map((c) => `${c.type}=${c.status}${c.reason || c.message ? ` (${[c.reason, c.message].filter(Boolean).join(': ')})` : ''}`).join(', ');
}

function describeCondition(obj: KubeObject | undefined, type: string): string {
  const c = findCondition(obj, type);
  if (!c) return `no ${type} condition yet`;
  return `${type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`;
}

export function exists(obj: KubeObject | undefined): Check {
  return obj ? { done: true } : { done: false, reason: 'does not exist yet' };
}

export function gone(obj: KubeObject | undefined): Check {
  if (!obj) return { done: true };
  const finalizers = obj.metadata.finalizers ?? [];
  return { done: false, reason: obj.metadata.deletionTimestamp ? `being deleted${finalizers.length ? ` (finalizers: ${finalizers.join(', ')})` : ''}` : 'still exists' };
}

/** Done when condition `type` has `status`; `failWhen` conditions (e.g. Degraded=True) are failures. */
export function conditionCheck(type: string, status = 'True', o: { failWhen?: Array<{ type: string; status: string; after?: number }> } = {}): (obj: KubeObject | undefined) => Check {
  return (obj) => {
    if (!obj) return { done: false, reason: 'does not exist yet' };
    for (const f of o.failWhen ?? []) {
      const c = findCondition(obj, f.type);
      // A condition observed for an older generation says nothing about the spec just applied (a re-run's fix).
      const stale = c?.observedGeneration !== undefined && obj.metadata.generation !== undefined && c.observedGeneration < obj.metadata.generation;
      if (c?.status === f.status && !stale) return { failed: `${f.type}=${f.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}` };
    }
    const c = findCondition(obj, type);
    if (c?.status === status && (c.observedGeneration === undefined || obj.metadata.generation === undefined || c.observedGeneration >= obj.metadata.generation)) return { done: true };
    return { done: false, reason: describeCondition(obj, type) };
  };
}

/** Every listed condition at the wanted status. */
export function allConditions(wanted: Array<{ type: string; status?: string }>): (obj: KubeObject | undefined) => Check {
  return (obj) => {
    if (!obj) return { done: false, reason: 'does not exist yet' };
    for (const w of wanted) {
      const c = findCondition(obj, w.type);
      if (c?.status !== (w.status ?? 'True')) return { done: false, reason: describeCondition(obj, w.type) };
    }
    return { done: true };
  };
}

export function phaseCheck(wanted: string, failed: string[] = ['Failed']): (obj: KubeObject | undefined) => Check {
  return (obj) => {
    if (!obj) return { done: false, reason: 'does not exist yet' };
    const s = (obj as WithStatus).status;
    const phase = s?.phase;
    if (phase === wanted) return { done: true };
    if (phase && failed.includes(phase)) return { failed: `phase ${phase}${s?.message ? `: ${s.message}` : ''}` };
    return { done: false, reason: phase ? `phase ${phase}${s?.message ? ` (${s.message})` : ''}` : 'no phase yet' };
  };
}

/** ClusterServiceVersion: Succeeded is done, Failed is an error carrying the CSV's message. */
export const csvSucceeded = phaseCheck('Succeeded', ['Failed']);

export function deploymentAvailable(obj: KubeObject | undefined): Check {
  if (!obj) return { done: false, reason: 'does not exist yet' };
  const s = (obj as WithStatus).status as { availableReplicas?: number; replicas?: number } | undefined;
  if (isConditionTrue(obj, 'Available')) return { done: true };
  return { done: false, reason: `${s?.availableReplicas ?? 0} of ${(obj as { spec?: { replicas?: number } }).spec?.replicas ?? s?.replicas ?? 1} replicas available` };
}
