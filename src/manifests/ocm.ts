import type { KubeObject } from '../kube/types.js';

export function managedCluster(name = 'local-cluster'): KubeObject {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: { name, labels: { 'local-cluster': 'true' } },
    spec: { hubAcceptsClient: true, leaseDurationSeconds: 60 },
  };
}

export function hypershiftAddon(clusterNamespace = 'local-cluster'): KubeObject {
  return {
    apiVersion: 'addon.open-cluster-management.io/v1alpha1',
    kind: 'ManagedClusterAddOn',
    metadata: { name: 'hypershift-addon', namespace: clusterNamespace },
    spec: { installNamespace: 'open-cluster-management-agent-addon' },
  };
}
