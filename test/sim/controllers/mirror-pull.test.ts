// How the embedded cluster's nodes pull on a disconnected site (src/sim/controllers/mirror.ts): through the most
// specific matching mirror rule of the reference's kind (digest: IDMS/ICSP, tag: ITMS), to a mirror whose CA is
// trusted; a public registry does not answer, an untrusted one fails TLS — with the kubelet's and CDI's words.
import { describe, expect, it } from 'vitest';
import { coreosStream, imagePullBackOff, kubevirtBootImage, pull, type PullConfig } from '../../../src/sim/controllers/mirror.js';

const M = 'mirror.example.com:5000';
const D = `sha256:${'b'.repeat(64)}`;
const cfg = (o: Partial<PullConfig> = {}): PullConfig => ({
  disconnected: true,
  rules: [
    { source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', mirrors: [`${M}/openshift/release`], digest: true },
    { source: 'registry.redhat.io/lvms4', mirrors: [`${M}/lvms4`], digest: false },
  ],
  trusted: [M],
  ...o,
});

describe('sim pulls', () => {
  it('a connected site pulls anything as named', () => expect(pull('quay.io/x/y:1', { disconnected: false, rules: [], trusted: [] })).toEqual({ ok: true, pullSpec: 'quay.io/x/y:1' }));
  it('by digest through the IDMS', () => expect(pull(`quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}`, cfg())).toEqual({ ok: true, pullSpec: `${M}/openshift/release@${D}` }));
  it('by tag: the digest rule does not apply, the source does not answer', () => {
    expect(pull('quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.12-kubevirt', cfg())).toEqual({
      ok: false,
      registry: 'quay.io',
      error: 'pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host',
    });
  });
  it('by tag through the ITMS', () => expect(pull('registry.redhat.io/lvms4/operator:v4.12', cfg())).toMatchObject({ ok: true, pullSpec: `${M}/lvms4/operator:v4.12` }));
  it('the mirror without its CA trusted fails TLS', () => {
    expect(pull(`quay.io/openshift-release-dev/ocp-v4.0-art-dev@${D}`, cfg({ trusted: [] }))).toMatchObject({ ok: false, registry: M, error: expect.stringMatching(/x509: certificate signed by unknown authority$/) });
  });
  it('the kubelet reports ImagePullBackOff with the registry', () => {
    const p = pull('quay.io/a/b:1', cfg());
    expect(!p.ok && imagePullBackOff('etcd', 'quay.io/a/b:1', p).state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "quay.io/a/b:1": ErrImagePull: pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host',
    });
  });
  it("a release's CoreOS stream names its KubeVirt image as the real stream does", () => {
    expect(JSON.parse(coreosStream('4.12.0')).architectures.x86_64.images.kubevirt['digest-ref']).toBe(kubevirtBootImage('4.12.0'));
    expect(kubevirtBootImage('4.12.0')).toMatch(/^quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:[0-9a-f]{64}$/);
  });
});
