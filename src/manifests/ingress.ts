import type { KubeObject } from '../kube/types.js';

/** Applied with server-side apply, this sets only spec.routeAdmission.wildcardPolicy on the default controller. */
export function wildcardRoutes(): KubeObject {
  return {
    apiVersion: 'operator.openshift.io/v1',
    kind: 'IngressController',
    metadata: { name: 'default', namespace: 'openshift-ingress-operator' },
    spec: { routeAdmission: { wildcardPolicy: 'WildcardsAllowed' } },
  };
}
