// create-cluster, in order.
import { applyCluster } from './apply-cluster.js';
import { checkCluster } from './check-cluster.js';
import type { ClusterStep, CreateOptions } from './context.js';
import { ingressPassthroughStep } from './ingress-passthrough.js';
import { mirrorCoverage } from './mirror-coverage.js';
import { waitAvailable } from './wait-available.js';
import { waitNodePool } from './wait-nodepool.js';
import { waitVersion } from './wait-version.js';
import { waitVms } from './wait-vms.js';
import { writeKubeconfigStep } from './write-kubeconfig.js';

export const CREATE_CLUSTER_STEPS: ClusterStep[] = [checkCluster, mirrorCoverage, applyCluster, ingressPassthroughStep, waitVms, waitAvailable, waitNodePool, waitVersion, writeKubeconfigStep];
