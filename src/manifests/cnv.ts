import type { KubeObject } from '../kube/types.js';

/** HyperConverged `kubevirt-hyperconverged` (v1beta1: served by every released OpenShift Virtualization). */
export function hyperConverged(): KubeObject {
  return { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: {} };
}
