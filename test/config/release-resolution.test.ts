// Release resolution: x.y, x.y.z, an image, nothing; with and without ClusterImageSets; unsupported minors.
import { describe, expect, it } from 'vitest';
import { imageSetsFrom, parseRelease, resolveRelease, type ResolvedRelease } from '../../src/config/release.js';

const img = (v: string, arch = 'x86_64', registry = 'quay.io/openshift-release-dev/ocp-release') => ({ metadata: { name: `img${v}-${arch.replace('_', '-')}-appsub` }, spec: { releaseImage: `${registry}:${v}-${arch}` } });
const SETS = imageSetsFrom([
  img('4.14.0'),
  img('4.14.8'),
  img('4.14.12'),
  img('4.15.0-rc.2'),
  img('4.13.3'),
  img('4.13.21'),
  img('4.14.12', 'multi'),
  img('4.12.1'),
  // A disconnected site: the ClusterImageSet names a mirrored image by digest; the version comes from the name.
  { metadata: { name: 'img4.13.30-x86-64-appsub' }, spec: { releaseImage: `mirror.example.com/ocp/release@sha256:${'a'.repeat(64)}` } },
]);
const SUPPORTED = ['4.14', '4.13', '4.12'];

type Row = [string, { release?: string; releaseImage?: string; releaseStream?: string }, ReturnType<typeof imageSetsFrom>, string[] | undefined, Partial<ResolvedRelease> | RegExp];
const rows: Row[] = [
  ['x.y: newest non-RC patch from the ClusterImageSets', { release: '4.14' }, SETS, SUPPORTED, { version: '4.14.12', image: 'quay.io/openshift-release-dev/ocp-release:4.14.12-x86_64' }],
  ['x.y: a mirrored digest wins when it is the newest', { release: '4.13' }, SETS, SUPPORTED, { version: '4.13.30', image: `mirror.example.com/ocp/release@sha256:${'a'.repeat(64)}` }],
  ['x.y not supported by the operator', { release: '4.15' }, SETS, SUPPORTED, /OpenShift 4\.15 is not supported by this HyperShift operator/],
  ['x.y supported but no ClusterImageSet', { release: '4.12' }, imageSetsFrom([]), SUPPORTED, /no ClusterImageSet offers OpenShift 4\.12/],
  ['x.y.z with a ClusterImageSet', { release: '4.14.8' }, SETS, SUPPORTED, { version: '4.14.8', image: 'quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64' }],
  ['x.y.z without one: the public release image', { release: '4.14.3' }, SETS, SUPPORTED, { version: '4.14.3', image: 'quay.io/openshift-release-dev/ocp-release:4.14.3-x86_64' }],
  ['x.y.z without any ClusterImageSets', { release: '4.13.7' }, imageSetsFrom([]), SUPPORTED, { version: '4.13.7', image: 'quay.io/openshift-release-dev/ocp-release:4.13.7-x86_64' }],
  ['an image is used as given', { releaseImage: 'registry.example.com/ocp/release:4.13.9-x86_64' }, SETS, SUPPORTED, { version: '4.13.9', image: 'registry.example.com/ocp/release:4.13.9-x86_64' }],
  [
    'a digest: the version of the ClusterImageSet naming it',
    { releaseImage: `mirror.example.com/ocp/release@sha256:${'a'.repeat(64)}` },
    SETS,
    SUPPORTED,
    { version: '4.13.30', source: 'from --release-image, version from ClusterImageSet img4.13.30-x86-64-appsub' },
  ],
  [
    'a digest nobody names: no version (the operator reports it), never a guess',
    { releaseImage: `quay.io/openshift-release-dev/ocp-release@sha256:${'b'.repeat(64)}` },
    SETS,
    SUPPORTED,
    { image: `quay.io/openshift-release-dev/ocp-release@sha256:${'b'.repeat(64)}`, source: 'from --release-image (version not known yet: the HyperShift operator reports it)' },
  ],
  ['none: newest patch of the newest supported minor', {}, SETS, SUPPORTED, { version: '4.14.12', image: 'quay.io/openshift-release-dev/ocp-release:4.14.12-x86_64' }],
  ['none, supported minors in any order', {}, SETS, ['4.12', '4.14', '4.13'], { version: '4.14.12' }],
  ['none, newest minor without sets: the next one', {}, SETS, ['4.16', '4.13'], { version: '4.13.30' }],
  ['none, -multi stream: multi-arch images only', { releaseStream: '4-stable-multi' }, SETS, SUPPORTED, { version: '4.14.12', image: 'quay.io/openshift-release-dev/ocp-release:4.14.12-multi' }],
  ['none without ClusterImageSets', {}, imageSetsFrom([]), SUPPORTED, /no ClusterImageSet offers a supported release/],
  ['none and no supported-versions', {}, SETS, undefined, /publishes no supported versions/],
  ['not a version', { release: '4.x' }, SETS, SUPPORTED, /--release "4\.x" is not an OpenShift version/],
  ['both flags', { release: '4.14', releaseImage: 'quay.io/a/b:1' }, SETS, SUPPORTED, /exclusive/],
];

describe('release resolution', () => {
  it.each(rows)('%s', (_n, flags, sets, supported, want) => {
    const run = () => resolveRelease(parseRelease(flags), sets, supported, 'amd64');
    if (want instanceof RegExp) expect(run).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(want) }));
    else expect(run()).toMatchObject(want);
  });

  it('reads versions and architectures from the ClusterImageSets', () => {
    expect(SETS.find((s) => s.version === '4.14.12' && s.arch === 'multi')).toBeDefined();
    expect(SETS.find((s) => s.version === '4.13.30')).toMatchObject({ arch: 'amd64' });
    expect(imageSetsFrom([{ metadata: { name: 'junk' }, spec: { releaseImage: 'quay.io/x/y:latest' } }])).toEqual([]);
  });
});
