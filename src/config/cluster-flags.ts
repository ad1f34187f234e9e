// The flags of upstream `hcp create cluster kubevirt` as cluster.ts checks them: the type of their raw values
// (inferred from their declaration, src/commands/cluster-flags.ts) and their enums (flag-choices.ts).
import type { ClusterFlags } from '../commands/cluster-flags.js';

export type { ClusterFlags };
export { AVAILABILITY_POLICIES, CLUSTER_DELIBERATE_DIFFERENCES, FEATURE_SETS, NETWORK_TYPES, OLM_CATALOG_PLACEMENTS } from './flag-choices.js';
