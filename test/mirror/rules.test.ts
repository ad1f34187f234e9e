// IDMS/ITMS/ICSP matching as openshift/api config/v1 types_image_digest_mirror_set.go documents it (vendored in
// openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf), and the coverage verdicts built on it.
import { describe, expect, it } from 'vitest';
import { evaluateCoverage, type CoverageInput } from '../../src/mirror/coverage.js';
import { ANY_COMPONENT, bootImageOf, kubevirtBootImage } from '../../src/mirror/release-images.js';
import { parseImageRef, resolveThroughMirrors, rulesOf, rulesOfImageContentSources, sourceMatch, type MirrorRule } from '../../src/mirror/rules.js';
import { imageContentSourcesFrom } from '../../src/preflight/mirror-site.js';

const M = 'mirror.example.com:5000';
const idms = (source: string, mirrors: string[], name = 'idms-release-0'): MirrorRule => ({ source, mirrors, kind: 'digest', from: `ImageDigestMirrorSet ${name}` });
const itms = (source: string, mirrors: string[]): MirrorRule => ({ source, mirrors, kind: 'tag', from: 'ImageTagMirrorSet itms-0' });
const D = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it.each([
    ['quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64', { host: 'quay.io', repository: 'quay.io/openshift-release-dev/ocp-release', tag: '4.12.5-x86_64' }],
    [`${M}/openshift/release@${D}`, { host: M, repository: `${M}/openshift/release`, digest: D }],
    ['busybox', { host: 'docker.io', repository: 'docker.io/library/busybox' }],
    ['library/busybox:1', { host: 'docker.io', repository: 'docker.io/library/busybox', tag: '1' }],
  ])('%s', (image, want) => expect(parseImageRef(image)).toEqual(want));
});

describe('source matching', () => {
  it.each([
    ['quay.io/libpod', 'quay.io/libpod/busybox', true],
    ['quay.io/libpod', 'quay.io/libpodder/busybox', false],
    ['quay.io/libpod/busybox', 'quay.io/libpod/busybox', true],
    ['quay.io', 'quay.io/libpod/busybox', true],
    ['*.redhat.io', 'registry.redhat.io/ubi8/ubi', true],
    ['*.redhat.io', 'quay.io/redhat.io/ubi', false],
  ])('%s matches %s: %s', (source, repo, ok) => expect(sourceMatch(source, repo) >= 0).toBe(ok));
});

describe('resolveThroughMirrors', () => {
  it('a digest reference through the IDMS, the repository below the source kept', () => {
    expect(resolveThroughMirrors(`quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}`, [idms('quay.io/openshift-release-dev', [`${M}/ocp`])])).toMatchObject({ covered: true, pullSpec: `${M}/ocp/ocp-v4.0-art-dev@${D}` });
  });
  it('a tag reference is not covered by a digest rule, and says so', () => {
    const r = resolveThroughMirrors('quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64', [idms('quay.io/openshift-release-dev/ocp-release', [`${M}/openshift/release-images`])]);
    expect(r).toMatchObject({ covered: false });
    expect(!r.covered && r.why).toMatch(/only for references by digest; this one is by tag/);
  });
  it('a tag reference through an ITMS', () => {
    expect(resolveThroughMirrors('registry.redhat.io/lvms4/lvms-rhel9-operator:v4.12', [itms('registry.redhat.io/lvms4', [`${M}/lvms4`])])).toMatchObject({ covered: true, pullSpec: `${M}/lvms4/lvms-rhel9-operator:v4.12` });
  });
  it('only the most specific source applies; one without mirrors configures none', () => {
    const rules = [idms('quay.io/libpod', [`${M}/libpod`]), idms('quay.io/libpod/busybox', [], 'idms-empty')];
    const r = resolveThroughMirrors(`quay.io/libpod/busybox@${D}`, rules);
    expect(!r.covered && r.why).toMatch(/idms-empty lists no mirror for quay.io\/libpod\/busybox/);
    expect(resolveThroughMirrors(`quay.io/libpod/alpine@${D}`, rules)).toMatchObject({ covered: true, pullSpec: `${M}/libpod/alpine@${D}` });
  });
  it('a wildcard source replaces the whole host', () => {
    expect(resolveThroughMirrors(`registry.redhat.io/product/repo@${D}`, [idms('*.redhat.io', ['mirror.local/redhat'])])).toMatchObject({ covered: true, pullSpec: `mirror.local/redhat/product/repo@${D}` });
  });
  it("reads IDMS, ITMS and ICSP objects, and a HostedCluster's imageContentSources as digest rules", () => {
    const rules = rulesOf([
      { kind: 'ImageDigestMirrorSet', metadata: { name: 'a' }, spec: { imageDigestMirrors: [{ source: 'quay.io/x', mirrors: [`${M}/x`] }] } },
      { kind: 'ImageTagMirrorSet', metadata: { name: 'b' }, spec: { imageTagMirrors: [{ source: 'quay.io/y', mirrors: [`${M}/y`] }] } },
      { kind: 'ImageContentSourcePolicy', metadata: { name: 'c' }, spec: { repositoryDigestMirrors: [{ source: 'quay.io/z' }] } },
    ]);
    expect(rules.map((r) => [r.from, r.kind, r.mirrors.length])).toEqual([
      ['ImageDigestMirrorSet a', 'digest', 1],
      ['ImageTagMirrorSet b', 'tag', 1],
      ['ImageContentSourcePolicy c', 'digest', 0],
    ]);
    expect(rulesOfImageContentSources([{ source: 'quay.io/x', mirrors: ['m/x'] }])[0]).toMatchObject({ kind: 'digest', from: 'HostedCluster spec.imageContentSources' });
  });
});

describe('--image-content-sources-from-management', () => {
  it('copies the digest rules, merges them with --image-content-sources, and leaves tag rules out', () => {
    const { sources, left } = imageContentSourcesFrom([idms('quay.io/a', [`${M}/a`]), idms('quay.io/a', [`${M}/a2`], 'other'), itms('registry.redhat.io/lvms4', [`${M}/lvms4`])], [{ source: 'quay.io/a', mirrors: ['given/a'] }]);
    expect(sources).toEqual([{ source: 'quay.io/a', mirrors: ['given/a', `${M}/a`, `${M}/a2`] }]);
    expect(left.map((r) => r.source)).toEqual(['registry.redhat.io/lvms4']);
  });
});

describe('the KubeVirt boot image of a release', () => {
  const stream = JSON.stringify({ architectures: { x86_64: { images: { kubevirt: { 'digest-ref': `quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}` } } } } });
  it("is the stream's kubevirt digest-ref when the hosted release is the management cluster's", () => {
    expect(kubevirtBootImage(stream)).toBe(`quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}`);
    expect(bootImageOf({ version: '4.12.0', image: 'x' }, { version: '4.12.0', streamVersion: '4.12.0', stream })).toMatchObject({ exact: true, image: `quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}` });
    expect(bootImageOf({ image: `m/r@${D}` }, { version: '4.12.0', image: `quay.io/r@${D}`, streamVersion: '4.12.0', stream })).toMatchObject({ exact: true });
  });
  it('is known only by repository for another release', () => {
    expect(bootImageOf({ version: '4.12.5', image: 'x' }, { version: '4.12.0', streamVersion: '4.12.0', stream })).toMatchObject({ exact: false, image: ANY_COMPONENT });
  });
});

describe('coverage', () => {
  const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const mirrored = [idms('quay.io/openshift-release-dev/ocp-release', [`${M}/openshift/release-images`]), idms('quay.io/openshift-release-dev/ocp-v4.0-art-dev', [`${M}/openshift/release`])];
  const base: CoverageInput = {
    releaseImage: `quay.io/openshift-release-dev/ocp-release@${D}`,
    bootImage: { image: `quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}`, exact: true, source: 'stream' },
    managementRules: mirrored,
    vmRules: mirrored,
    vmSide: 'the management cluster',
    hostedRules: mirrored.map((r) => ({ ...r, from: 'HostedCluster spec.imageContentSources' })),
    trustedHosts: [M],
    trustedCas: { [M]: CA },
    trustBundle: CA,
  };
  const whats = (i: Partial<CoverageInput>) => evaluateCoverage({ ...base, ...i }).problems.map((p) => `${p.what}: ${p.image}`);

  it('everything mirrored and trusted: no problem', () => expect(whats({})).toEqual([]));
  it('the release image by tag under a digest rule', () => expect(whats({ releaseImage: 'quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64' })).toEqual(['release image: quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64']));
  it('the release image directly on the mirror registry is pulled from there', () => expect(whats({ releaseImage: `${M}/openshift/release-images@${D}`, managementRules: mirrored.slice(1) })).toEqual([]));
  it('the control-plane images (no rule for the component repository)', () =>
    expect(whats({ managementRules: mirrored.slice(0, 1), vmRules: mirrored })).toEqual(['control-plane images: quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:…']));
  it('the KubeVirt boot image, with OCPBUGS-29408 in the hint', () => {
    const c = evaluateCoverage({ ...base, vmRules: mirrored.slice(0, 1) });
    expect(c.problems.map((p) => p.what)).toEqual(['KubeVirt boot image']);
    expect(c.problems[0]!.hint).toMatch(/OCPBUGS-29408/);
  });
  it('the worker images without image sources', () => expect(whats({ hostedRules: [] })).toEqual(['worker images: quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:…']));
  it('a mirror whose CA the management cluster does not trust', () => expect(whats({ trustedHosts: [], trustedCas: {} })).toEqual([`mirror CA: ${M}`]));
  it("no --additional-trust-bundle, or one without the mirror's CA", () => {
    expect(whats({ trustBundle: undefined })).toEqual([`mirror CA: ${M}`]);
    expect(evaluateCoverage({ ...base, trustBundle: '-----BEGIN CERTIFICATE-----\nOTHER\n-----END CERTIFICATE-----' }).problems[0]!.why).toMatch(/does not hold the CA the management cluster trusts/);
  });
});
