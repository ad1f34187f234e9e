// First of the staged waits: the NodePool's KubeVirt VMs are Ready (AllMachinesReady), observed at the NodePool's
// current generation — a condition from before the last change of the pool does not count.
import { controlPlaneNamespace } from '../../manifests/hypershift.js';
import { conditionCheck } from '../../kube/conditions.js';
import { npRef } from './hosted-cluster.js';
import { waitStage } from './wait-stage.js';

export const waitVms = waitStage(
  'wait-vms',
  'Wait for the KubeVirt VMs',
  ['apply-cluster'],
  npRef,
  () => conditionCheck('AllMachinesReady'),
  (o) => `check the VMs: \`oc get vm -n ${controlPlaneNamespace(o.namespace, o.name)}\`; they need a default StorageClass and OpenShift Virtualization (hcp-kv doctor)`,
  'VMs Ready',
);
