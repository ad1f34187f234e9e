// The OperatorHub cluster config: disabling the default catalog sources, the first step of OLM on a restricted
// network (OpenShift docs, "Using Operator Lifecycle Manager on restricted networks" → "Disabling the default
// OperatorHub catalog sources": `oc patch OperatorHub cluster --type json -p '[{"op": "add", "path":
// "/spec/disableAllDefaultSources", "value": true}]'`; API: openshift/api config/v1 types_operatorhub.go).
import type { KubeObject } from '../kube/types.js';

export const OPERATORHUB_REF = { apiVersion: 'config.openshift.io/v1', kind: 'OperatorHub', name: 'cluster' } as const;

/** The default sources the marketplace operator manages (operator-framework/operator-marketplace defaults/). */
export const DEFAULT_SOURCES = ['redhat-operators', 'certified-operators', 'community-operators', 'redhat-marketplace'] as const;

export function operatorHubDisableDefaults(): KubeObject {
  return { apiVersion: OPERATORHUB_REF.apiVersion, kind: OPERATORHUB_REF.kind, metadata: { name: OPERATORHUB_REF.name }, spec: { disableAllDefaultSources: true } };
}
