// The sizing baseline, overridable as the hypershift addon allows: ConfigMap hcp-sizing-baseline in the
// local-cluster namespace, each key optional (stolostron/hypershift-addon-operator
// docs/management/cluster_capacity_metrics_hcp.md@e1ee8ef836a986133c8ed2e84e2a0d8e68f004f2). podsPerHCP is ours:
// the addon fixes it at 75, the docs' "plan for about 75 pods".
import { usageError } from '../errors.js';
import { DEFAULT_BASELINE, type SizingBaseline } from './sizing.js';

export const BASELINE_REF = { apiVersion: 'v1', kind: 'ConfigMap', name: 'hcp-sizing-baseline', namespace: 'local-cluster' } as const;

const KEYS = Object.keys(DEFAULT_BASELINE) as Array<keyof SizingBaseline>;

/** The default baseline with the ConfigMap's values over it; a value that is not a positive number is refused. */
export function baselineFromConfigMap(data: Record<string, string> | undefined): SizingBaseline {
  const out: SizingBaseline = { ...DEFAULT_BASELINE };
  for (const key of KEYS) {
    const text = data?.[key];
    if (text === undefined) continue;
    const value = Number(text.trim());
    if (!text.trim() || !Number.isFinite(value) || value <= 0) {
      throw usageError(
        `${BASELINE_REF.namespace}/${BASELINE_REF.name}: ${key} must be a positive number, got "${text}"`,
        `fix it with \`oc edit configmap ${BASELINE_REF.name} -n ${BASELINE_REF.namespace}\`, or delete the key to use the default ${DEFAULT_BASELINE[key]}`,
      );
    }
    out[key] = value;
  }
  return out;
}
