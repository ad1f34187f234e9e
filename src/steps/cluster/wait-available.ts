// The hosted control plane is Available (fails at once when the configuration or release image is invalid), at
// the HostedCluster's current generation (conditionCheck compares observedGeneration).
import { conditionCheck } from '../../kube/conditions.js';
import { hcRef } from './hosted-cluster.js';
import { invalid, waitStage } from './wait-stage.js';

export const waitAvailable = waitStage(
  'wait-available',
  'Wait for the hosted control plane',
  ['apply-cluster'],
  hcRef,
  () => conditionCheck('Available', 'True', { failWhen: invalid }),
  (o) => `check \`oc get hc ${o.name} -n ${o.namespace} -o yaml\`: the API server needs a MetalLB address (hcp-kv doctor)`,
  'control plane Available',
);
