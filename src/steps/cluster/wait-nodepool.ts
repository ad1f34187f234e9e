// The NodePool is Ready: its workers joined the hosted cluster.
import { conditionCheck } from '../../kube/conditions.js';
import { npRef } from './hosted-cluster.js';
import { waitStage } from './wait-stage.js';

export const waitNodePool = waitStage('wait-nodepool', 'Wait for the node pool', ['wait-vms', 'wait-available'], npRef, conditionCheck('Ready'), (o) => `check \`oc get np ${o.name} -n ${o.namespace}\` and the guest nodes`, 'NodePool Ready');
