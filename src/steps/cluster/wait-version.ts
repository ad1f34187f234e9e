// Last of the staged waits: the hosted cluster's version rollout to the release this run asked for is Completed.
// The newest history entry must be that release (its image, and its version when known) AND Completed: a
// Completed entry of an older release while the new one has not started is not done. HyperShift puts the
// rollout of a new spec.release.image on top of status.version.history (hostedcluster_types.go ClusterVersionStatus
// @3ee9615567).
import { releaseOf } from '../../config/release.js';
import { findCondition } from '../../kube/conditions.js';
import type { Check, KubeObject } from '../../kube/types.js';
import { currentRelease, type ResolvedRelease } from './context.js';
import { hcRef } from './hosted-cluster.js';
import { waitStage } from './wait-stage.js';
import type { HostedCluster } from '../../model/index.js';

export function versionReached(r: ResolvedRelease): (hc: KubeObject | undefined) => Check {
  const version = r.version ?? releaseOf(r.image);
  return (obj) => {
    if (!obj) return { done: false, reason: 'the HostedCluster does not exist' };
    const v = (obj as HostedCluster).status?.version;
    const top = v?.history?.[0];
    const cv = findCondition(obj, 'ClusterVersionAvailable');
    const why = cv?.message ? `: ${cv.message}` : '';
    const isWanted = top && (top.image ? top.image === r.image : true) && (!version || top.version === version);
    if (!top || !isWanted) return { done: false, reason: `version ${version ?? r.image} not started${top ? ` (newest: ${top.version} ${top.state})` : ''}${why}` };
    if (top.state !== 'Completed') return { done: false, reason: `version ${top.version} ${top.state}${why}` };
    const gen = obj.metadata.generation;
    if (v?.observedGeneration !== undefined && gen !== undefined && v.observedGeneration < gen) return { done: false, reason: `version ${top.version} Completed for generation ${v.observedGeneration}, the HostedCluster is at ${gen}` };
    return { done: true };
  };
}

export const waitVersion = waitStage(
  'wait-version',
  'Wait for the hosted cluster version to complete',
  ['wait-nodepool'],
  hcRef,
  (ctx) => versionReached(currentRelease(ctx)),
  'if the message says wildcard routes are not allowed, allow them: hcp-kv bootstrap --only wildcard-ingress',
  'version Completed',
);
