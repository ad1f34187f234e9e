// Not a step: which OpenShift version the hosted cluster runs, learned from the management cluster when the
// release image names none (a digest, a mirror, a custom tag). check-cluster already asked the ClusterImageSets
// (config/release.ts imageSetNaming); what is left is the HyperShift operator, which reads the version from the
// release payload and fills HostedCluster status.version.desired.version — or reports ValidReleaseImage=False
// when it cannot (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// hypershift-operator/controllers/hostedcluster/hostedcluster_controller.go, "Set ValidReleaseImage condition").
// A watch with the run's deadline, never a guess.
import { releaseOf } from '../../config/release.js';
import { findCondition } from '../../kube/conditions.js';
import type { Check, KubeObject } from '../../kube/types.js';
import { completed, currentRelease, type ClusterContext, type ResolvedRelease } from './context.js';
import { hcRef } from './hosted-cluster.js';
import type { HostedCluster } from '../../model/index.js';

export interface KnownRelease {
  version: string;
  /** Where the version came from, for the step's message. */
  source: string;
}

/** The version when the command line or a ClusterImageSet already told it, else undefined (ask the operator). */
export function knownRelease(r: ResolvedRelease): string | undefined {
  return r.version ?? releaseOf(r.image);
}

/** Done once the operator reports the version of `image`; failed at once when it finds the image invalid. */
export function reportedVersion(image: string): (hc: KubeObject | undefined) => Check {
  return (obj) => {
    const hc = obj as HostedCluster | undefined;
    if (!hc) return { done: false, reason: 'waiting for the HostedCluster' };
    const invalid = findCondition(hc, 'ValidReleaseImage');
    if (invalid?.status === 'False' && hc.spec?.release?.image === image) return { failed: `ValidReleaseImage=False${invalid.reason ? ` ${invalid.reason}` : ''}: ${invalid.message ?? ''}` };
    const desired = hc.status?.version?.desired;
    if (desired?.version && desired.image === image) return { done: true };
    return { done: false, reason: `waiting for the HyperShift operator to report the version of ${image} (status.version.desired.version)` };
  };
}

/** The version, learned from the operator when nothing named it yet; handed on in the run's state. */
export async function learnReleaseVersion(ctx: ClusterContext): Promise<KnownRelease> {
  const o = ctx.opts;
  const release = currentRelease(ctx);
  const known = knownRelease(release);
  if (known) return { version: known, source: releaseOf(release.image) ? 'the release image tag' : '--release or the ClusterImageSet naming the image' };
  const hc = (await ctx.kube.waitFor(hcRef(o), reportedVersion(release.image), {
    timeout: o.timeoutMs,
    signal: ctx.signal,
    report: ctx.report,
    hint: `the HyperShift operator could not read release image ${release.image}: check that the image exists and the pull secret can read it, or pass a release by version (--release x.y.z); see \`oc get clusterimagesets\``,
  })) as HostedCluster;
  const version = hc.status!.version!.desired!.version!;
  // Later steps (and re-runs of this one) use the version the server reported: a new completed value.
  const c = completed(ctx);
  ctx.state.cluster = { ...c, release: { ...c.release, version } };
  return { version, source: 'reported by the HyperShift operator (HostedCluster status.version.desired.version)' };
}
