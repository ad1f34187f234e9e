// What a management cluster with MCE offers about releases and networks: the cluster Network config (its pod
// and service networks) and the ClusterImageSets (hive.openshift.io/v1) for several patches of every minor the
// HyperShift operator supports, as ACM/MCE keeps them in sync on a connected hub.
import { createHash } from 'node:crypto';
import type { Obj } from './client.js';
import { supportedVersions } from './ocm.js';
import type { Controller, SimContext } from './runtime.js';

/** Patches offered per supported minor: one before 4.12.2 (the legacy ingress) and newer ones. */
export const IMAGESET_PATCHES = [0, 1, 5, 12];
/** The network the hosted-control-plane docs ask for: OVN-Kubernetes on jumbo frames (9000, less 100 for Geneve). */
export const MGMT_NETWORK = { clusterNetwork: [{ cidr: '10.128.0.0/14', hostPrefix: 23 }], serviceNetwork: ['172.30.0.0/16'], networkType: 'OVNKubernetes' };

export function imageSetsFor(mce: string): Obj[] {
  return supportedVersions(mce)
    .flatMap((minor): Obj[] =>
      IMAGESET_PATCHES.map((p) => ({
        apiVersion: 'hive.openshift.io/v1',
        kind: 'ClusterImageSet',
        metadata: { name: `img${minor}.${p}-x86-64-appsub`, labels: { visible: 'true', channel: 'fast' } },
        spec: { releaseImage: `${RELEASE_REPO}:${minor}.${p}-x86_64` },
      })),
    )
    .concat(seedImageSets(supportedVersions(mce)));
}

/** The seed's 4.12.3 as MCE lists it on a hub that mirrors by digest: a ClusterImageSet naming the digest. */
function seedImageSets(minors: string[]): Obj[] {
  return Object.entries(SEED_DIGESTS)
    .filter(([, v]) => minors.includes(v.split('.').slice(0, 2).join('.')))
    .map(([digest, v]) => ({
      apiVersion: 'hive.openshift.io/v1',
      kind: 'ClusterImageSet',
      metadata: { name: `img${v}-x86-64-appsub`, labels: { visible: 'true', channel: 'fast' } },
      spec: { releaseImage: `${RELEASE_REPO}@sha256:${digest}` },
    }));
}

// The release metadata the simulated HyperShift operator "pulls": which image is which OpenShift version. The
// real operator reads the version from the payload (support/releaseinfo/registryclient_provider.go Lookup);
// here a tag that names a version is that version, and a digest is known when it is listed below:
// - the seed walkthrough's digest, whose release.txt the walkthrough links
//   (https://mirror.openshift.com/pub/openshift-v4/x86_64/clients/ocp/4.12.3/release.txt) → 4.12.3;
// - one digest per simulated patch version: sha256 of the version string (e.g. `printf 4.12.0 | sha256sum`),
//   deterministic and documented, so tests and users can name them (simReleaseDigest).
// Anything else is a manifest the registry does not have.
const SEED_DIGESTS: Record<string, string> = { '382f271581b9b907484d552bd145e9a5678e9366330059d31b007f4445d99e36': '4.12.3' };
export const RELEASE_REPO = 'quay.io/openshift-release-dev/ocp-release';

export function simReleaseDigest(version: string): string {
  return createHash('sha256').update(version).digest('hex');
}

/** Every simulated patch version: IMAGESET_PATCHES of each minor any simulated MCE supports (4.10 … 4.20), and the seed's. */
export function simulatedPatches(): string[] {
  const out = new Set<string>();
  for (let m = 10; m <= 20; m++) for (const p of IMAGESET_PATCHES) out.add(`4.${m}.${p}`);
  for (const v of Object.values(SEED_DIGESTS)) out.add(v);
  return [...out];
}

export type ReleaseLookup = { version: string } | { error: string };

/**
 * What the operator's release lookup answers for `image`. The error text is upstream's chain for a digest the
 * registry does not know (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
 * hypershift-operator/controllers/hostedcluster/hostedcluster_controller.go validateReleaseImage "failed to lookup
 * release image: %w" ← support/releaseinfo/registryclient_provider.go "failed to extract release metadata: %w" ←
 * support/releaseinfo/registryclient/client.go GetMetadata "failed to obtain root manifest for %s: %w" ← the
 * registry's MANIFEST_UNKNOWN error, "manifest unknown: manifest unknown").
 */
export function lookupReleaseImage(image: string): ReleaseLookup {
  const tagged = /:(\d+\.\d+\.\d+(?:-(?:rc|ec|fc)\.\d+)?)(?:-[\w.]+)?$/.exec(image)?.[1];
  if (tagged) return { version: tagged };
  const digest = /@sha256:([0-9a-f]{64})$/.exec(image)?.[1];
  const version = digest ? (SEED_DIGESTS[digest] ?? simulatedPatches().find((v) => simReleaseDigest(v) === digest)) : undefined;
  if (version) return { version };
  return { error: `failed to lookup release image: failed to extract release metadata: failed to obtain root manifest for ${image}: manifest unknown: manifest unknown` };
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
    // The real Network CRD (crds/networks.config.openshift.io.yaml) has no status subresource: the cluster network
    // operator writes status through the object itself.
    const status = { clusterNetwork: MGMT_NETWORK.clusterNetwork, serviceNetwork: MGMT_NETWORK.serviceNetwork, networkType: MGMT_NETWORK.networkType, clusterNetworkMTU: 8900 };
    if (net) await ((await ctx.client.patchStatus(net, status)) ?? ctx.client.patch('config.openshift.io/v1', 'Network', 'cluster', undefined, { status }, 'merge'));
  },
};
