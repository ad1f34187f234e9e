// The read model of a hosted cluster: typed views generated from the upstream schemas (generated.ts), the core
// kinds beside them (core.ts), and the one function that reads a hosted cluster into them (hosted-cluster.ts).
export type { HostedCluster, HostedClusterSpec, HostedClusterStatus, IngressController, IPAddressPool, NodePool, NodePoolSpec, NodePoolStatus, VirtualMachine, VirtualMachineInstance } from './generated.js';
export type { ConfigMap, CoreCondition, DataVolume, Event, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service } from './core.js';
export { clusterNotFound, hostedClusterRef, isNodePoolOf, listHostedClusters, nodePoolRef, nodePoolsIn, readHostedCluster, requireHostedCluster, type HostedClusterModel } from './hosted-cluster.js';
export type { Workers } from './workers.js';
