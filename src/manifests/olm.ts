// OLM objects for the operators bootstrap installs (docs/openshift-facts.md, "Operators through OLM").
import type { KubeObject } from '../kube/types.js';
import { namespace } from './core.js';

export type OperatorId = 'local-storage' | 'odf' | 'lvms' | 'cnv' | 'metallb' | 'mce' | 'oadp';

export interface OperatorDef {
  id: OperatorId;
  title: string;
  namespace: string;
  namespaceLabels?: Record<string, string>;
  /** undefined: AllNamespaces (no targetNamespaces). */
  targetNamespaces?: string[];
  packageName: string;
}

export const OPERATORS: Record<OperatorId, OperatorDef> = {
  'local-storage': { id: 'local-storage', title: 'Local Storage', namespace: 'openshift-local-storage', targetNamespaces: ['openshift-local-storage'], packageName: 'local-storage-operator' },
  odf: { id: 'odf', title: 'OpenShift Data Foundation', namespace: 'openshift-storage', namespaceLabels: { 'openshift.io/cluster-monitoring': 'true' }, targetNamespaces: ['openshift-storage'], packageName: 'odf-operator' },
  lvms: { id: 'lvms', title: 'LVM Storage', namespace: 'openshift-storage', namespaceLabels: { 'openshift.io/cluster-monitoring': 'true' }, targetNamespaces: ['openshift-storage'], packageName: 'lvms-operator' },
  cnv: { id: 'cnv', title: 'OpenShift Virtualization', namespace: 'openshift-cnv', targetNamespaces: ['openshift-cnv'], packageName: 'kubevirt-hyperconverged' },
  metallb: { id: 'metallb', title: 'MetalLB', namespace: 'metallb-system', packageName: 'metallb-operator' },
  mce: { id: 'mce', title: 'multicluster engine', namespace: 'multicluster-engine', targetNamespaces: ['multicluster-engine'], packageName: 'multicluster-engine' },
  // OADP installs OwnNamespace only (openshift/oadp-operator bundle/manifests/oadp-operator.clusterserviceversion.yaml
  // installModes, suggested-namespace openshift-adp @b3e7f02d6fdc); Red Hat's catalog names the package redhat-oadp-operator.
  oadp: { id: 'oadp', title: 'OADP', namespace: 'openshift-adp', targetNamespaces: ['openshift-adp'], packageName: 'redhat-oadp-operator' },
};

export const CATALOG = { source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' } as const;

export function operatorGroup(def: OperatorDef): KubeObject {
  return {
    apiVersion: 'operators.coreos.com/v1',
    kind: 'OperatorGroup',
    metadata: { name: def.namespace, namespace: def.namespace },
    spec: def.targetNamespaces ? { targetNamespaces: def.targetNamespaces } : {},
  };
}

export function subscription(def: OperatorDef, channel?: string, source: string = CATALOG.source): KubeObject {
  return {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'Subscription',
    metadata: { name: def.packageName, namespace: def.namespace },
    spec: { name: def.packageName, ...(channel ? { channel } : {}), source, sourceNamespace: CATALOG.sourceNamespace, installPlanApproval: 'Automatic' },
  };
}

/** Namespace → OperatorGroup → Subscription, in apply order. */
export function operatorInstall(def: OperatorDef, channel?: string, source?: string): KubeObject[] {
  return [namespace(def.namespace, def.namespaceLabels), operatorGroup(def), subscription(def, channel, source)];
}
