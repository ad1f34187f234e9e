// The read model of a hosted cluster: typed views generated from the upstream schemas (generated.ts), the core
// kinds beside them (core.ts), and the one function that reads a hosted cluster into them (hosted-cluster.ts).
export type { HostedCluster, HostedClusterSpec, HostedClusterStatus, NodePool, NodePoolSpec, NodePoolStatus, VirtualMachine, VirtualMachineInstance } from './generated.js';
export type { CoreCondition, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret } from './core.js';
export { hostedClusterRef, isNodePoolOf, listHostedClusters, listNodePools, nodePoolRef, readHostedCluster, type HostedClusterModel } from './hosted-cluster.js';
export type { Workers } from './workers.js';
