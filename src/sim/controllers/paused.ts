// spec.pausedUntil of HostedClusters and NodePools, as openshift/hypershift support/util/pausereconcile.go
// @3ee9615567acffaf3e3ee25c2ca2942d650565cf reads it: a Go bool, or an RFC3339 time (paused until then); anything
// else is not paused. The ReconciliationActive condition says which.
import { condition } from './runtime.js';

export function pausedUntil(v: string | undefined): { paused: boolean; until?: number } {
  if (v === undefined) return { paused: false };
  if (/^(1|t|T|TRUE|true|True)$/.test(v)) return { paused: true };
  if (/^(0|f|F|FALSE|false|False)$/.test(v)) return { paused: false };
  const t = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(t) || t <= Date.now() ? { paused: false } : { paused: true, until: t };
}

/** GenerateReconciliationActiveCondition. */
export function reconciliationActive(v: string | undefined): ReturnType<typeof condition> {
  if (pausedUntil(v).paused) return condition('ReconciliationActive', false, 'ReconciliationPaused', /^(1|t|T|TRUE|true|True)$/.test(v!) ? 'Reconciliation paused until field removed' : `Reconciliation paused until: ${v}`);
  const invalid = v !== undefined && !/^(0|f|F|FALSE|false|False)$/.test(v) && Number.isNaN(Date.parse(v));
  return condition('ReconciliationActive', true, invalid ? 'InvalidPausedUntilValue' : 'AsExpected', invalid ? 'Invalid value provided for PausedUntil field' : 'Reconciliation active on resource');
}
