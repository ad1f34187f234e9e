// Which images a hosted cluster's release makes the sites pull, as far as hcp-kv can know them before anything
// is created. Pure.
// - The release image: spec.release.image, read by the HyperShift operator on the management cluster.
// - The control-plane images: the payload's components, all by digest in the OCP component repository
//   quay.io/openshift-release-dev/ocp-v4.0-art-dev (the repository oc-mirror's idms-release-0 maps; the payload
//   names its components there whatever registry the release image itself was pulled from). Pulled by the
//   management cluster's nodes.
// - The KubeVirt boot image: the release's CoreOS stream metadata (release-manifests/0000_50_installer_coreos-
//   bootimages.yaml, ConfigMap coreos-bootimages), architectures.<arch>.images.kubevirt.digest-ref
//   (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf hypershift-operator/controllers/nodepool/kubevirt/
//   kubevirt.go defaultImage; fixture support/releaseinfo/fixtures/4.10-installer-coreos-bootimages.yaml), imported
//   by a DataVolume with pullMethod node on the infrastructure cluster (imagecacher.go getDVSourceForVMTemplate).
//   hcp-kv reads the stream from the management cluster's own ConfigMap (namespace
//   openshift-machine-config-operator) when the hosted release is the management cluster's release — the case the
//   known-issues workaround for OCPBUGS-29408 reads it for; otherwise only its repository is known.
// - The worker images: the same components, pulled by the hosted cluster's nodes through spec.imageContentSources.

export const COMPONENT_REPOSITORY = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev';
/** Stands for "any component by digest": coverage of a repository does not depend on the digest. */
export const ANY_COMPONENT = `${COMPONENT_REPOSITORY}@sha256:${'0'.repeat(64)}`;

const STREAM_ARCH: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x' };

/** architectures.<arch>.images.kubevirt.digest-ref of a coreos-bootimages stream (JSON text), if any. */
export function kubevirtBootImage(streamJson: string | undefined, arch = 'amd64'): string | undefined {
  if (!streamJson) return undefined;
  try {
    const stream = JSON.parse(streamJson) as { architectures?: Record<string, { images?: { kubevirt?: { 'digest-ref'?: string } } }> };
    // HyperShift uses x86_64 for every architecture but s390x (defaultImage).
    const key = arch === 's390x' ? 's390x' : STREAM_ARCH.amd64!;
    return stream.architectures?.[key]?.images?.kubevirt?.['digest-ref'] || undefined;
  } catch {
    return undefined;
  }
}

const digestOf = (image: string) => /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1];

export interface ManagementRelease {
  version?: string;
  image?: string;
  /** coreos-bootimages data.releaseVersion and data.stream. */
  streamVersion?: string;
  stream?: string;
}

export interface BootImage {
  image: string;
  /** true: the digest-ref of the release's stream; false: only its repository is known. */
  exact: boolean;
  source: string;
}

/** The boot image of the hosted release when the management cluster's stream is that release's. */
export function bootImageOf(hosted: { version?: string; image: string; arch?: string }, mgmt: ManagementRelease): BootImage {
  const sameVersion = hosted.version !== undefined && hosted.version === mgmt.version && mgmt.streamVersion === mgmt.version;
  const sameDigest = Boolean(digestOf(hosted.image)) && digestOf(hosted.image) === (mgmt.image ? digestOf(mgmt.image) : undefined);
  const exact = sameVersion || sameDigest ? kubevirtBootImage(mgmt.stream, hosted.arch) : undefined;
  if (exact) return { image: exact, exact: true, source: `the CoreOS stream of ${mgmt.version} (ConfigMap openshift-machine-config-operator/coreos-bootimages)` };
  return { image: ANY_COMPONENT, exact: false, source: `not the management cluster's release: its CoreOS stream is in the payload, the image by digest in ${COMPONENT_REPOSITORY}` };
}
