// What a management cluster with MCE offers about releases and networks: the cluster Network config (its pod
// and service networks) and the ClusterImageSets (hive.openshift.io/v1) for several patches of every minor the
// HyperShift operator supports, as ACM/MCE keeps them in sync on a connected hub.
import type { Obj } from './client.js';
import { supportedVersions } from './ocm.js';
import type { Controller, SimContext } from './runtime.js';

/** Patches offered per supported minor: one before 4.12.2 (the legacy ingress) and newer ones. */
export const IMAGESET_PATCHES = [0, 1, 5, 12];
/** The network the hosted-control-plane docs ask for: OVN-Kubernetes on jumbo frames (9000, less 100 for Geneve). */
export const MGMT_NETWORK = { clusterNetwork: [{ cidr: '10.128.0.0/14', hostPrefix: 23 }], serviceNetwork: ['172.30.0.0/16'], networkType: 'OVNKubernetes' };

export function imageSetsFor(mce: string): Obj[] {
  return supportedVersions(mce).flatMap((minor) =>
    IMAGESET_PATCHES.map((p) => ({
      apiVersion: 'hive.openshift.io/v1',
      kind: 'ClusterImageSet',
      metadata: { name: `img${minor}.${p}-x86-64-appsub`, labels: { visible: 'true', channel: 'fast' } },
      spec: { releaseImage: `quay.io/openshift-release-dev/ocp-release:${minor}.${p}-x86_64` },
    })),
  );
}

async function ensureApi(ctx: SimContext, apiVersion: string, kind: string, crd: string): Promise<void> {
  if (!(await ctx.client.hasResource(apiVersion, kind))) await ctx.registerCrds([crd]);
}

export const releases: Controller = {
  name: 'releases',
  async start(ctx) {
    await ensureApi(ctx, 'config.openshift.io/v1', 'Network', 'networks.config.openshift.io');
    // Created up front rather than when MCE comes up: work in the middle of a bootstrap would only add churn
    // to the run being measured, and hcp-kv reads them only once HyperShift is there.
    await ensureApi(ctx, 'hive.openshift.io/v1', 'ClusterImageSet', 'clusterimagesets.hive.openshift.io');
    for (const set of imageSetsFor(ctx.versions.mce)) await ctx.client.ensure(set);
    const net = await ctx.client.ensure({ apiVersion: 'config.openshift.io/v1', kind: 'Network', metadata: { name: 'cluster' }, spec: MGMT_NETWORK });
    if (net) await ctx.client.patchStatus(net, { clusterNetwork: MGMT_NETWORK.clusterNetwork, serviceNetwork: MGMT_NETWORK.serviceNetwork, networkType: MGMT_NETWORK.networkType, clusterNetworkMTU: 8900 });
  },
};
