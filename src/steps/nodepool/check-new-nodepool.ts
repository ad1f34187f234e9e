// nodepool create: the hosted cluster exists, the name is free (or names this very pool with the same settings:
// resume; any difference is refused, create never changes a pool), and the
// release is one the control plane can run nodes of. Nothing is sent before this passes.
import { refuseTerminating } from '../../kube/terminating.js';
import { checkNodePoolRelease } from '../../config/upgrade-rules.js';
import { releaseOf } from '../../config/cluster.js';
import { usageError } from '../../errors.js';
import type { Kube } from '../../kube/types.js';
import type { HostedCluster } from '../../model/index.js';
import { imageSetNaming, imageSetsFrom } from '../../config/release.js';
import { supportedVersions } from '../../preflight/checks.js';
import { nodePoolDifferences, npRefOf, requireCluster, type NodePool, type NodePoolStep } from './context.js';
import { checkDevicesAndNetworks } from '../cluster/devices-networks.js';
import { checkCapacity } from '../../capacity/check.js';
import { checkCnvForRelease } from '../../capacity/prerequisites.js';
import { vmNeed } from './capacity-need.js';

async function serverVersionOf(kube: Kube, image: string, hc: HostedCluster): Promise<string | undefined> {
  const v = hc.status?.version;
  const reported = v?.desired?.image === image ? v.desired.version : v?.history?.find((h) => h.image === image)?.version;
  if (reported) return reported;
  if (!(await kube.hasKind('hive.openshift.io/v1', 'ClusterImageSet'))) return undefined;
  return imageSetNaming(image, imageSetsFrom(await kube.list('hive.openshift.io/v1', 'ClusterImageSet')))?.version;
}

export const checkNewNodePool: NodePoolStep = {
  id: 'check-new-nodepool',
  title: 'Check the hosted cluster, the name and the release',
  async run(ctx) {
    const o = ctx.opts;
    const spec = o.spec!;
    const hc = await requireCluster(ctx.kube, spec.clusterName, o.namespace);
    refuseTerminating(hc);
    const controlPlane = hc.status?.version?.history?.find((h) => h.state === 'Completed')?.version ?? releaseOf(hc.spec?.release?.image ?? '') ?? hc.status?.version?.desired?.version;
    const releaseImage = spec.releaseImage || (hc.spec?.release?.image ?? '');
    ctx.state.releaseImage = releaseImage;
    ctx.state.clusterName = spec.clusterName;
    // An image that names no version (a digest): the version the operator reported for it, else a ClusterImageSet's.
    const release = releaseOf(releaseImage) ?? (await serverVersionOf(ctx.kube, releaseImage, hc));
    if (release && controlPlane) checkNodePoolRelease({ controlPlane, nodePool: release });
    const versions = await supportedVersions(ctx);
    if (release && versions?.length && !versions.includes(release.split('.').slice(0, 2).join('.'))) {
      throw usageError(`OpenShift ${release} is not supported by this HyperShift operator (supported: ${versions.join(', ')})`, 'pick a supported --release');
    }
    // OpenShift Virtualization 4.14 or later for nodes of 4.14 or later (docs: hosted control planes on OpenShift Virtualization, prerequisites).
    if (release && !hc.spec?.platform?.kubevirt?.credentials) await checkCnvForRelease(ctx.kube, release);
    for (const note of await checkDevicesAndNetworks(ctx.kube, spec.pool.platform.kubevirt)) ctx.report(note);
    const existing = await ctx.kube.get<NodePool>(npRefOf(o.name, o.namespace));
    if (!existing && !o.skipCapacityCheck) ctx.report(await checkCapacity(ctx.kube, vmNeed(spec.replicas, spec.pool.platform.kubevirt), ctx.signal));
    if (existing) {
      refuseTerminating(existing);
      const { nodePoolManifest } = await import('../../manifests/nodepool.js');
      if (existing.spec?.clusterName !== spec.clusterName) throw usageError(`node pool ${o.namespace}/${o.name} already exists and belongs to hosted cluster ${existing.spec?.clusterName}`, 'choose another name (hcp-kv nodepool list)');
      const diff = nodePoolDifferences(existing, nodePoolManifest({ ...spec, releaseImage }));
      if (diff.length)
        throw usageError(
          `node pool ${o.namespace}/${o.name} already exists with a different configuration: ${diff.join('; ')}; nodepool create does not change it`,
          `choose another name, or change its size with \`hcp-kv nodepool scale ${o.name} --replicas N\``,
        );
      return `NodePool ${o.namespace}/${o.name} already exists with this configuration: resuming`;
    }
    return `release ${release ?? releaseImage} for hosted cluster ${spec.clusterName} (control plane ${controlPlane ?? 'unknown'})`;
  },
};
