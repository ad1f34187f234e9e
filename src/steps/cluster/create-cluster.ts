// create-cluster, in order.
import type { Step } from '../../run/step.js';
import { applyCluster } from './apply-cluster.js';
import { checkCluster } from './check-cluster.js';
import type { CreateOptions } from './context.js';
import { ingressPassthroughStep } from './ingress-passthrough.js';
import { waitAvailable } from './wait-available.js';
import { waitNodePool } from './wait-nodepool.js';
import { waitVersion } from './wait-version.js';
import { waitVms } from './wait-vms.js';
import { writeKubeconfigStep } from './write-kubeconfig.js';

export const CREATE_CLUSTER_STEPS: Step<CreateOptions>[] = [checkCluster, applyCluster, ingressPassthroughStep, waitVms, waitAvailable, waitNodePool, waitVersion, writeKubeconfigStep];
