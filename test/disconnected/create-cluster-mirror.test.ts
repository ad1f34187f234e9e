// create-cluster on a disconnected site (`sim --disconnected`, bootstrapped from the mirror catalog): the
// mirror-coverage step refuses, with zero writes, each image that no mirror rule covers — the demo's own run
// without the mirror sets, the release image by tag, the KubeVirt boot image, the control-plane images, a mirror CA
// not trusted — and passes once the mirror sets are there; --image-content-sources-from-management copies the
// management cluster's rules; the embedded cluster pulls through them and fails, as the real components report it,
// where they do not cover an image.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDisconnected, type DisconnectedDemo } from '../../src/commands/demo-disconnected.js';
import { mirrorCa } from '../../src/sim/controllers/mirror.js';
import { simReleaseDigest } from '../../src/sim/controllers/releases.js';
import { ocMirrorClusterResources } from '../../src/sim/mirror-results.js';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { call } from '../helpers/https.js';
import { create, get, mergePatch, pathOf, waitForAny, waitUntil } from '../helpers/sim-api.js';
import { POOL, removeSimEnv, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const M = 'mirror.example.com:5000';

describe('create-cluster on a disconnected site', () => {
  let env: SimEnv;
  let demo: DisconnectedDemo;
  let ca: string;
  const demoArgs = (name: string, drop: string[] = []) => {
    const f = demo.cluster;
    const args = ['create-cluster', name, '--pull-secret', 'ps.json', '--release-image', f.releaseImage!, '--image-content-sources-from-management', '--additional-trust-bundle', f.additionalTrustBundle!];
    for (const d of drop) args.splice(args.indexOf(d), d === '--image-content-sources-from-management' ? 1 : 2);
    return args;
  };
  const refused = async (args: string[]) => {
    env.sim.api.resetStats();
    const r = await env.cli(args, { timeout: 60_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(env.sim.api.stats().mutating).toBe(0);
    return r.stderr;
  };

  beforeAll(async () => {
    env = await simEnv({ disconnected: true, profile: 'instant', crdsDir: CRDS_DIR });
    writeFileSync(join(env.dir, 'ps.json'), '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    demo = await prepareDisconnected(env.dir);
    ca = demo.cluster.additionalTrustBundle!;
    // The mirror catalog alone: the operators install, no mirror set is applied.
    const catalogOnly = join(env.dir, 'catalog-only');
    mkdirSync(catalogOnly);
    writeFileSync(join(catalogOnly, 'cs-redhat-operator-index-v4-12.yaml'), ocMirrorClusterResources()['cs-redhat-operator-index-v4-12.yaml']!);
    const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oc-mirror-results', catalogOnly], { timeout: 120_000 });
    if (boot.code !== 0) throw new Error(boot.stderr);
  }, 180_000);
  afterAll(() => removeSimEnv(env));

  it("the demo's create-cluster without the mirror sets fails in preflight, naming what is not mirrored", async () => {
    const err = await refused(demoArgs('kv-00'));
    expect(err).toMatch(/✖ mirror-coverage/);
    expect(err).toMatch(
      /Error: disconnected site \(default sources disabled\): not mirrored: control-plane images quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:… \(no mirror rule has a source matching quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev\); KubeVirt boot image [^;]+; worker images quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:…/,
    );
    expect(err).toMatch(/Hint: nothing was changed\. .*OCPBUGS-29408/);
    expect(err).not.toMatch(/apply-cluster \(/);
  });

  const doctorRows = async () => {
    const r = await env.cli(['doctor', '-o', 'json']);
    const checks = JSON.parse(r.stdout).checks as Array<{ check: string; status: string; detail: string; hint?: string }>;
    return (id: string) => checks.find((c) => c.check === id);
  };

  it('doctor, without the mirror sets: the mirror CA trusted, the control-plane and boot images not mirrored', async () => {
    const row = await doctorRows();
    expect(row('mirror-trust')).toMatchObject({ status: 'ok', detail: `additionalTrustedCA ConfigMap openshift-config/registry-config: ${M}` });
    expect(row('mirror-coverage')).toMatchObject({
      status: 'warn',
      detail:
        'not mirrored: control-plane images quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:…; KubeVirt boot image ' +
        JSON.parse((await get(env.sim.api, 'v1', 'configmaps', 'coreos-bootimages', 'openshift-machine-config-operator')).data.stream).architectures.x86_64.images.kubevirt['digest-ref'],
    });
    expect(row('mirror-coverage')?.hint).toMatch(/OCPBUGS-29408/);
    expect((await env.cli(['doctor', '--all'])).stdout).toMatch(/Mirrored images +not mirrored: control-plane images/);
  });

  it('bootstrap again with the whole oc-mirror results applies the mirror sets; doctor then finds them covering the images', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oc-mirror-results', demo.bootstrap.ocMirrorResults!], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(await get(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0')).toBeDefined();
    const row = await doctorRows();
    expect(row('mirror-coverage')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^control-plane images and the KubeVirt boot image of 4\.12\.0 resolve through the mirror/) });
    expect(row('mirror-trust')?.status).toBe('ok');
  }, 150_000);

  it('refuses the release image by tag: the ImageDigestMirrorSet covers only references by digest', async () => {
    const err = await refused(['create-cluster', 'kv-01', '--pull-secret', 'ps.json', '--release', '4.12.12', '--image-content-sources-from-management', '--additional-trust-bundle', ca]);
    expect(err).toMatch(
      /not mirrored: release image quay\.io\/openshift-release-dev\/ocp-release:4\.12\.12-x86_64 \(ImageDigestMirrorSet idms-release-0 maps quay\.io\/openshift-release-dev\/ocp-release, but only for references by digest; this one is by tag/,
    );
    expect(err).not.toMatch(/not mirrored:.*control-plane images/);
  });

  it('refuses the KubeVirt boot image the release declares when no rule covers it (OCPBUGS-29408 named)', async () => {
    const cm = await get(env.sim.api, 'v1', 'configmaps', 'coreos-bootimages', 'openshift-machine-config-operator');
    const digestRef = `quay.io/openshift-release-dev/rhcos-kubevirt@sha256:${simReleaseDigest('rhcos')}`;
    const stream = JSON.parse(cm.data.stream);
    stream.architectures.x86_64.images.kubevirt['digest-ref'] = digestRef;
    await mergePatch(env.sim.api, 'v1', 'configmaps', 'coreos-bootimages', 'openshift-machine-config-operator', { data: { stream: JSON.stringify(stream) } });
    try {
      // The management cluster's own release (4.12.0, by tag on the mirror): its stream is the one on the cluster.
      const err = await refused(['create-cluster', 'kv-01', '--pull-secret', 'ps.json', '--release-image', `${M}/openshift/release-images:4.12.0-x86_64`, '--image-content-sources-from-management', '--additional-trust-bundle', ca]);
      expect(err).toMatch(new RegExp(`not mirrored: KubeVirt boot image ${digestRef.replace(/[.]/g, '\\.')} \\(no mirror rule has a source matching quay\\.io/openshift-release-dev/rhcos-kubevirt\\)`));
      expect(err).toMatch(/OCPBUGS-29408: oc-mirror does not mirror the KubeVirt RHCOS image/);
    } finally {
      await mergePatch(env.sim.api, 'v1', 'configmaps', 'coreos-bootimages', 'openshift-machine-config-operator', { data: { stream: cm.data.stream } });
    }
  });

  it('refuses the control-plane images when the mirror set for the component repository is missing', async () => {
    const idms = await get(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0');
    await mergePatch(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0', undefined, { spec: { imageDigestMirrors: idms.spec.imageDigestMirrors.filter((m: any) => !m.source.endsWith('ocp-v4.0-art-dev')) } });
    try {
      const err = await refused(demoArgs('kv-01'));
      expect(err).toMatch(/not mirrored: control-plane images quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:…/);
    } finally {
      await mergePatch(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0', undefined, { spec: { imageDigestMirrors: idms.spec.imageDigestMirrors } });
    }
  });

  it('refuses a mirror whose CA is missing: on the management cluster, and without --additional-trust-bundle', async () => {
    await mergePatch(env.sim.api, 'config.openshift.io/v1', 'images', 'cluster', undefined, { spec: { additionalTrustedCA: null } });
    try {
      expect(await refused(demoArgs('kv-01'))).toMatch(
        /not mirrored: mirror CA mirror\.example\.com:5000 \(the management cluster trusts no CA for mirror\.example\.com:5000 \(image\.config\.openshift\.io\/cluster spec\.additionalTrustedCA\)\)/,
      );
    } finally {
      await mergePatch(env.sim.api, 'config.openshift.io/v1', 'images', 'cluster', undefined, { spec: { additionalTrustedCA: { name: 'registry-config' } } });
    }
    expect(await refused(demoArgs('kv-01', ['--additional-trust-bundle']))).toMatch(/mirror CA mirror\.example\.com:5000 \(the hosted cluster's workers would not trust mirror\.example\.com:5000: no --additional-trust-bundle\)/);
    const other = join(env.dir, 'other-ca.crt');
    writeFileSync(other, '-----BEGIN CERTIFICATE-----\nMIIBother\n-----END CERTIFICATE-----\n');
    expect(await refused([...demoArgs('kv-01', ['--additional-trust-bundle']), '--additional-trust-bundle', other])).toMatch(/--additional-trust-bundle does not hold the CA the management cluster trusts for mirror\.example\.com:5000/);
  });

  it('--image-content-sources-from-management: spec.imageContentSources from the mirror sets, merged with --image-content-sources; the trust bundle as upstream renders it', async () => {
    const file = join(env.dir, 'ics.yaml');
    writeFileSync(file, '- source: registry.example.com/team\n  mirrors:\n  - mirror.example.com:5000/team\n');
    const r = await env.cli([...demoArgs('kv-00'), '--image-content-sources', file, '--replicas', '1'], { timeout: 120_000 });
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stderr).toMatch(/mirror-coverage: not copied: ImageTagMirrorSet itms-operator-0 registry\.redhat\.io\/lvms4 \(a tag mirror/);
    const hc = await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
    expect(hc.spec.imageContentSources[0]).toEqual({ source: 'registry.example.com/team', mirrors: [`${M}/team`] });
    expect(hc.spec.imageContentSources).toContainEqual({ source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', mirrors: [`${M}/openshift/release`] });
    expect(hc.spec.imageContentSources).toContainEqual({ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: [`${M}/openshift/release-images`] });
    expect(hc.spec.imageContentSources.map((s: any) => s.source)).not.toContain('registry.redhat.io/lvms4');
    // openshift/hypershift cmd/cluster/core/create.go applyTrustBundleAndImageSources: ConfigMap user-ca-bundle, key ca-bundle.crt.
    expect(hc.spec.additionalTrustBundle).toEqual({ name: 'user-ca-bundle' });
    expect((await get(env.sim.api, 'v1', 'configmaps', 'user-ca-bundle', 'clusters')).data['ca-bundle.crt']).toBe(mirrorCa());
    // The embedded cluster pulled everything through the mirror.
    const pods = (await call(env.sim.api, 'GET', pathOf('v1', 'pods', 'clusters-kv-00'))).body.items.filter((p: any) => !p.metadata.name.startsWith('virt-launcher'));
    expect(pods.map((p: any) => p.spec.containers[0].image.split('@')[0])).toEqual([`${M}/openshift/release`, `${M}/openshift/release`]);
    expect(hc.status.conditions.find((c: any) => c.type === 'ValidReleaseImage')).toMatchObject({ status: 'True' });
  }, 150_000);

  it("the embedded cluster: a pool's boot image no rule covers fails its import as CDI reports it (ImagePullFailed)", async () => {
    const np = await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters');
    const image = 'quay.io/containerdisks/rhcos:4.12';
    await create(env.sim.api, HS, 'nodepools', {
      kind: 'NodePool',
      metadata: { name: 'kv-00-cd', namespace: 'clusters' },
      spec: { ...np.spec, replicas: 1, platform: { ...np.spec.platform, kubevirt: { ...np.spec.platform.kubevirt, rootVolume: { ...np.spec.platform.kubevirt.rootVolume, diskImage: { containerDiskImage: image } } } } },
    });
    const dv = await waitForAny(
      env.sim.api,
      'cdi.kubevirt.io/v1beta1',
      'datavolumes',
      'clusters-kv-00',
      (d) => d.spec?.source?.registry?.url === `docker://${image}` && d.status?.conditions?.some((c: any) => c.type === 'Running' && c.reason === 'ImagePullFailed'),
    );
    expect(dv.status.conditions.find((c: any) => c.type === 'Running').message).toMatch(/^failed to pull image: quay\.io\/containerdisks\/rhcos:4\.12 \(pinging container registry quay\.io: .*no such host\)/);
    expect(dv.spec.source.registry.pullMethod).toBe('node');
    const vm = await get(env.sim.api, 'kubevirt.io/v1', 'virtualmachines', dv.metadata.name.replace(/-rootvolume$/, ''), 'clusters-kv-00');
    expect(vm.status).toMatchObject({ printableStatus: 'Provisioning', ready: false });
    const pool = await waitUntil(env.sim.api, HS, 'nodepools', 'kv-00-cd', 'clusters', (p) => /ImagePullFailed|failed to pull image/.test(p.status?.conditions?.find((c: any) => c.type === 'AllMachinesReady')?.message ?? ''));
    expect(pool.status.conditions.find((c: any) => c.type === 'AllMachinesReady')).toMatchObject({ status: 'False', message: `0 of 1 machines are ready: root volume import: failed to pull image: ${image}` });
  });

  it('the embedded cluster, past the check (--skip-mirror-check): control-plane pods in ImagePullBackOff with the registry, and the HostedCluster conditions', async () => {
    const idms = await get(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0');
    await mergePatch(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0', undefined, { spec: { imageDigestMirrors: idms.spec.imageDigestMirrors.filter((m: any) => !m.source.endsWith('ocp-v4.0-art-dev')) } });
    try {
      const r = await env.cli([...demoArgs('kv-02'), '--skip-mirror-check', '--no-wait', '--replicas', '1'], { timeout: 60_000 });
      expect(r.code, r.stderr).toBe(0);
      const pod = await waitUntil(env.sim.api, 'v1', 'pods', 'etcd-0', 'clusters-kv-02', (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
      expect(pod.status.containerStatuses[0].state.waiting.message).toMatch(
        /^Back-off pulling image "quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:\w+": ErrImagePull: pinging container registry quay\.io: Get "https:\/\/quay\.io\/v2\/": dial tcp: lookup quay\.io: no such host$/,
      );
      const hc = await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-02', 'clusters', (h) => /ImagePullBackOff/.test(h.status?.conditions?.find((c: any) => c.type === 'EtcdAvailable')?.message ?? ''));
      expect(hc.status.conditions.find((c: any) => c.type === 'EtcdAvailable')).toMatchObject({ status: 'False', reason: 'EtcdWaitingForQuorum' });
      expect(hc.status.conditions.find((c: any) => c.type === 'Available')).toMatchObject({ status: 'False' });
      // The release by tag: the operator cannot read it (upstream's error chain, ValidReleaseImage InvalidImage).
      const t = await env.cli(['create-cluster', 'kv-03', '--pull-secret', 'ps.json', '--release', '4.12.12', '--skip-mirror-check', '--no-wait', '--replicas', '0'], { timeout: 60_000 });
      expect(t.code, t.stderr).toBe(0);
      const bad = await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-03', 'clusters', (h) => h.status?.conditions?.some((c: any) => c.type === 'ValidReleaseImage' && c.status === 'False'));
      expect(bad.status.conditions.find((c: any) => c.type === 'ValidReleaseImage')).toMatchObject({
        reason: 'InvalidImage',
        message: 'failed to lookup release image: failed to extract release metadata: failed to get repo setup: failed to create repository client for https://quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host',
      });
    } finally {
      await mergePatch(env.sim.api, 'config.openshift.io/v1', 'imagedigestmirrorsets', 'idms-release-0', undefined, { spec: { imageDigestMirrors: idms.spec.imageDigestMirrors } });
    }
  }, 120_000);

  it("the embedded cluster: without spec.imageContentSources the hosted cluster's nodes cannot join (the data plane's mirror rules are its own)", async () => {
    const r = await env.cli([...demoArgs('kv-04', ['--image-content-sources-from-management']), '--skip-mirror-check', '--no-wait', '--replicas', '1'], { timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const np = await waitUntil(env.sim.api, HS, 'nodepools', 'kv-04', 'clusters', (p) => /cannot pull/.test(p.status?.conditions?.find((c: any) => c.type === 'AllNodesHealthy')?.message ?? ''));
    expect(np.status.conditions.find((c: any) => c.type === 'AllNodesHealthy').message).toMatch(
      /^0 of 1 nodes are healthy: the nodes cannot pull the release's images through spec\.imageContentSources: pinging container registry quay\.io: .*no such host$/,
    );
    // The control plane and the VM itself came through the management cluster's mirror sets.
    expect((await get(env.sim.api, 'v1', 'pods', 'etcd-0', 'clusters-kv-04')).spec.containers[0].image).toMatch(/^mirror\.example\.com:5000\/openshift\/release@sha256:/);
  }, 60_000);
});

// Kept for the YAML shape check of the sim's results (the same kinds the fixture has).
it("the simulated site's oc-mirror results hold the kinds oc-mirror v2 writes", () => {
  const files = ocMirrorClusterResources();
  expect(Object.keys(files).sort()).toEqual(['cs-redhat-operator-index-v4-12.yaml', 'idms-oc-mirror.yaml', 'itms-oc-mirror.yaml']);
  expect((load(files['cs-redhat-operator-index-v4-12.yaml']!) as any).spec.image).toBe(`${M}/redhat/redhat-operator-index:v4.12`);
});
