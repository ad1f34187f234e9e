// The NodePool is Ready: its workers joined the hosted cluster — at the pool's current generation (Ready's
// observedGeneration), with as many nodes as it wants (status.replicas), running the release its spec asks for
// (status.version; HyperShift sets it once the rollout to spec.release.image finished, nodepool_types.go
// NodePoolStatus.Version @3ee9615567). A Ready from before a change of the pool does not count.
import { releaseOf } from '../../config/release.js';
import { conditionCheck } from '../../kube/conditions.js';
import type { Check, KubeObject } from '../../kube/types.js';
import { npRef } from './hosted-cluster.js';
import { waitStage } from './wait-stage.js';
import type { NodePool } from '../../model/index.js';

const ready = conditionCheck('Ready');

export function nodePoolDone(obj: KubeObject | undefined): Check {
  const r = ready(obj);
  if (!('done' in r) || !r.done) return r;
  const np = obj as NodePool;
  const want = np.spec?.replicas ?? 0;
  if ((np.status?.replicas ?? 0) !== want) return { done: false, reason: `Ready, but ${np.status?.replicas ?? 0} of ${want} nodes` };
  const version = releaseOf(np.spec?.release?.image ?? '');
  if (version && np.status?.version !== version) return { done: false, reason: `Ready, but its nodes run ${np.status?.version ?? 'no version yet'}, not ${version} (rolling out)` };
  return { done: true };
}

export const waitNodePool = waitStage(
  'wait-nodepool',
  'Wait for the node pool',
  ['wait-vms', 'wait-available'],
  npRef,
  () => nodePoolDone,
  (o) => `check \`oc get np ${o.name} -n ${o.namespace}\` and the guest nodes`,
  'NodePool Ready',
);
