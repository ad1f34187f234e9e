// Which release image a cluster gets. `--release 4.14` (newest patch) and `--release 4.14.8` resolve through
// the management cluster's ClusterImageSets (hive.openshift.io/v1, kept in sync by MCE/ACM or created by the
// admin, e.g. with mirrored images in disconnected sites) and must be a minor the HyperShift operator supports;
// no release at all means the newest patch of the newest supported minor. Pure: the step passes the objects in.
import semver from 'semver';
import { usageError } from '../errors.js';
import { IMAGE_REF } from './kube-values.js';

export type ReleaseRequest = { kind: 'image'; image: string; version?: string } | { kind: 'patch'; version: string } | { kind: 'minor'; minor: string } | { kind: 'newest'; stream?: string };

const PATCH = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const MINOR = /^\d+\.\d+$/;
const ARCH_SUFFIX: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x', multi: 'multi' };

export function releaseImageFor(version: string, arch = 'amd64'): string {
  return `quay.io/openshift-release-dev/ocp-release:${version}-${ARCH_SUFFIX[arch] ?? 'x86_64'}`;
}

export function releaseOf(image: string): string | undefined {
  return /:(\d+\.\d+\.\d+(?:-(?:rc|ec|fc)\.\d+)?)(?:-[\w]+)?$/.exec(image)?.[1];
}

export function parseRelease(f: { release?: string; releaseImage?: string; releaseStream?: string }): ReleaseRequest {
  if (f.release && f.releaseImage) throw usageError('--release and --release-image are exclusive', 'give one of them');
  if (f.releaseImage) {
    if (!IMAGE_REF.test(f.releaseImage)) throw usageError(`--release-image "${f.releaseImage}" is not an image reference`, 'e.g. quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64 or …@sha256:<digest>');
    return { kind: 'image', image: f.releaseImage, version: releaseOf(f.releaseImage) };
  }
  if (f.release) {
    if (MINOR.test(f.release)) return { kind: 'minor', minor: f.release };
    if (PATCH.test(f.release)) return { kind: 'patch', version: f.release };
    throw usageError(`--release "${f.release}" is not an OpenShift version`, 'write it like 4.14 (newest patch) or 4.14.8');
  }
  if (f.releaseStream !== undefined && !/^\d+-(stable|fast|candidate|dev-preview)(-multi)?$/.test(f.releaseStream)) throw usageError(`--release-stream "${f.releaseStream}" is not a release stream`, 'e.g. 4-stable or 4-stable-multi');
  return { kind: 'newest', ...(f.releaseStream ? { stream: f.releaseStream } : {}) };
}

export interface ImageSet {
  name: string;
  image: string;
  version: string;
  arch?: string;
}

type ImageSetObject = { metadata: { name: string }; spec?: { releaseImage?: string } };

/** ClusterImageSets with a recognizable version (from the image tag, else the name, e.g. img4.14.8-x86-64-appsub). */
export function imageSetsFrom(objects: ImageSetObject[]): ImageSet[] {
  const out: ImageSet[] = [];
  for (const o of objects) {
    const image = o.spec?.releaseImage;
    if (!image) continue;
    const text = `${image} ${o.metadata.name}`;
    const version = releaseOf(image) ?? /(\d+\.\d+\.\d+(?:-(?:rc|ec|fc)\.\d+)?)/.exec(o.metadata.name)?.[1];
    if (!version || !semver.valid(version)) continue;
    const arch = /multi/.test(text) ? 'multi' : /x86[-_]64|amd64/.test(text) ? 'amd64' : /aarch64|arm64/.test(text) ? 'arm64' : /ppc64le/.test(text) ? 'ppc64le' : /s390x/.test(text) ? 's390x' : undefined;
    out.push({ name: o.metadata.name, image, version, ...(arch ? { arch } : {}) });
  }
  return out;
}

/** The ClusterImageSet whose release image is exactly `image` (a digest, a mirror or a custom tag names no version itself). */
export function imageSetNaming(image: string, sets: ImageSet[]): ImageSet | undefined {
  return sets.find((s) => s.image === image);
}

export interface ResolvedRelease {
  image: string;
  version?: string;
  /** How it was chosen, for the step's message. */
  source: string;
}

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');

/**
 * @param supported the operator's supported minors, newest first (undefined: the cluster publishes none)
 * @param arch the NodePool architecture; a -multi stream asks for multi-arch images
 */
export function resolveRelease(req: ReleaseRequest, sets: ImageSet[], supported: string[] | undefined, arch: string): ResolvedRelease {
  if (req.kind === 'image') {
    if (req.version) return { image: req.image, version: req.version, source: 'from --release-image' };
    // A digest, a mirror or a custom tag names no version: the ClusterImageSet naming that image does.
    const named = imageSetNaming(req.image, sets);
    return named
      ? { image: req.image, version: named.version, source: `from --release-image, version from ClusterImageSet ${named.name}` }
      : { image: req.image, source: 'from --release-image (version not known yet: the HyperShift operator reports it)' };
  }
  const wanted = req.kind === 'newest' && req.stream?.endsWith('-multi') ? 'multi' : arch;
  const fits = sets.filter((s) => !s.arch || s.arch === wanted);
  const newestOf = (minor: string) => fits.filter((s) => minorOf(s.version) === minor && !semver.prerelease(s.version)).sort((a, b) => semver.rcompare(a.version, b.version))[0];
  if (req.kind === 'patch') {
    const hit = fits.find((s) => s.version === req.version);
    return hit ? { image: hit.image, version: hit.version, source: `ClusterImageSet ${hit.name}` } : { image: releaseImageFor(req.version, arch), version: req.version, source: 'public release image (no ClusterImageSet for it)' };
  }
  if (req.kind === 'minor') {
    if (supported && !supported.includes(req.minor)) throw usageError(`OpenShift ${req.minor} is not supported by this HyperShift operator (supported: ${supported.join(', ')})`, 'pick a supported --release');
    const hit = newestOf(req.minor);
    if (!hit) throw usageError(`no ClusterImageSet offers OpenShift ${req.minor}`, `pass the full version (--release ${req.minor}.z) or --release-image; list them with: oc get clusterimagesets`);
    return { image: hit.image, version: hit.version, source: `newest ${req.minor} patch, ClusterImageSet ${hit.name}` };
  }
  if (!supported?.length) throw usageError('no release given and the cluster publishes no supported versions', 'pass --release 4.y.z or --release-image');
  for (const minor of [...supported].sort((a, b) => semver.rcompare(`${a}.0`, `${b}.0`))) {
    const hit = newestOf(minor);
    if (hit) return { image: hit.image, version: hit.version, source: `newest supported (${minor}), ClusterImageSet ${hit.name}` };
  }
  throw usageError(`no ClusterImageSet offers a supported release (${supported.join(', ')})`, 'pass --release 4.y.z or --release-image, or create ClusterImageSets (MCE keeps them in sync when connected)');
}
