// The simulated site's images and registries (docs/disconnected.md):
// - what a simulated release declares: its control-plane components and its KubeVirt boot image, by digest in
//   the OCP component repository (as real payloads name them; the digest is sha256 of "<version>/<component>"),
//   and its CoreOS stream, published like a real cluster's ConfigMap openshift-machine-config-operator/
//   coreos-bootimages (data.releaseVersion, data.stream: architectures.x86_64.images.kubevirt.digest-ref, the
//   field openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf hypershift-operator/controllers/nodepool/
//   kubevirt/kubevirt.go defaultImage reads);
// - on `sim --disconnected`: the public registries do not answer; a pull goes through the cluster's mirror rules
//   (ImageDigestMirrorSet and ImageContentSourcePolicy for references by digest, ImageTagMirrorSet for tags, the
//   most specific source wins: openshift/api config/v1 types_image_digest_mirror_set.go) to the mirror registry
//   MIRROR_REGISTRY, whose certificate is signed by the site's CA — trusted only when image.config.openshift.io/
//   cluster spec.additionalTrustedCA names a ConfigMap in openshift-config with a key for it ("host..port").
//   The site starts with that trust in place, as a cluster installed from the mirror has it.
// Its own code, not the CLI's (src/mirror): the two must be able to disagree.
import { createHash } from 'node:crypto';
import { servingCerts } from '../apiserver/certs.js';
import type { Obj, SimClient } from './client.js';
import { PUBLIC_REGISTRIES, registryOf } from './catalog.js';
import type { Controller } from './runtime.js';

export const MIRROR_REGISTRY = 'mirror.example.com:5000';
export const COMPONENT_REPOSITORY = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev';
export const TRUSTED_CA_CONFIGMAP = 'registry-config';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function componentImage(version: string, component: string): string {
  return `${COMPONENT_REPOSITORY}@sha256:${sha(`${version}/${component}`)}`;
}

export function kubevirtBootImage(version: string): string {
  return componentImage(version, 'rhcos-kubevirt');
}

/** The site's mirror CA (PEM): the embedded cluster's own CA stands for it. */
export function mirrorCa(): string {
  return servingCerts().caPem;
}

export function coreosStream(version: string): string {
  const digestRef = kubevirtBootImage(version);
  return JSON.stringify({
    stream: 'rhcos-4.12',
    architectures: { x86_64: { artifacts: {}, images: { kubevirt: { release: `${version.replace(/\./g, '')}.86.sim`, image: `${COMPONENT_REPOSITORY}:${version}-kubevirt`, 'digest-ref': digestRef } } } },
  });
}

interface Rule {
  source: string;
  mirrors: string[];
  digest: boolean;
}

export interface PullConfig {
  disconnected: boolean;
  rules: Rule[];
  trusted: string[];
}

const hostOf = (image: string) => (registryOf(image) === 'docker.io' && !image.startsWith('docker.io') ? 'docker.io' : image.split('/')[0]!);

/** The rules and trusted registries of the cluster `c` (nothing to read on a connected site). */
export async function readPullConfig(c: SimClient, disconnected: boolean): Promise<PullConfig> {
  if (!disconnected) return { disconnected, rules: [], trusted: [] };
  const rules: Rule[] = [];
  const list = async (apiVersion: string, kind: string) => ((await c.hasResource(apiVersion, kind)) ? (await c.list(apiVersion, kind)).items : []);
  for (const o of await list('config.openshift.io/v1', 'ImageDigestMirrorSet')) for (const e of o.spec?.imageDigestMirrors ?? []) rules.push({ source: e.source, mirrors: e.mirrors ?? [], digest: true });
  for (const o of await list('operator.openshift.io/v1alpha1', 'ImageContentSourcePolicy')) for (const e of o.spec?.repositoryDigestMirrors ?? []) rules.push({ source: e.source, mirrors: e.mirrors ?? [], digest: true });
  for (const o of await list('config.openshift.io/v1', 'ImageTagMirrorSet')) for (const e of o.spec?.imageTagMirrors ?? []) rules.push({ source: e.source, mirrors: e.mirrors ?? [], digest: false });
  const image = (await c.hasResource('config.openshift.io/v1', 'Image')) ? await c.get('config.openshift.io/v1', 'Image', 'cluster') : undefined;
  const caName: string | undefined = image?.spec?.additionalTrustedCA?.name;
  const cm = caName ? await c.get('v1', 'ConfigMap', caName, 'openshift-config') : undefined;
  return { disconnected, rules, trusted: Object.keys(cm?.data ?? {}).map((k) => k.replace('..', ':')) };
}

export type Pull = { ok: true; pullSpec: string } | { ok: false; registry: string; error: string };

function reach(image: string, cfg: PullConfig): Pull {
  const host = hostOf(image);
  if (PUBLIC_REGISTRIES.includes(host.replace(/:\d+$/, ''))) return { ok: false, registry: host, error: `pinging container registry ${host}: Get "https://${host}/v2/": dial tcp: lookup ${host.replace(/:\d+$/, '')}: no such host` };
  if (!cfg.trusted.includes(host)) return { ok: false, registry: host, error: `pinging container registry ${host}: Get "https://${host}/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority` };
  return { ok: true, pullSpec: image };
}

/** How the node's runtime pulls `image` on this site: through the most specific matching mirror rule, else the source. */
export function pull(image: string, cfg: PullConfig): Pull {
  if (!cfg.disconnected) return { ok: true, pullSpec: image };
  const at = image.indexOf('@');
  const byDigest = at >= 0;
  const repo = byDigest ? image.slice(0, at) : image.replace(/:[^/:]+$/, '');
  const rest = image.slice(repo.length);
  const matches = cfg.rules.filter((r) => r.digest === byDigest && (repo === r.source || repo.startsWith(`${r.source}/`)));
  const best = Math.max(-1, ...matches.map((r) => r.source.length));
  let last: Pull | undefined;
  for (const r of matches.filter((m) => m.source.length === best)) {
    for (const m of r.mirrors) {
      const p = reach(`${m}${repo.slice(r.source.length)}${rest}`, cfg);
      if (p.ok) return p;
      last = p;
    }
  }
  const direct = reach(image, cfg);
  return direct.ok || !last ? direct : last;
}

/** The ImagePullBackOff status a kubelet reports for a container whose image cannot be pulled. */
export function imagePullBackOff(name: string, image: string, p: Extract<Pull, { ok: false }>): Obj {
  return { name, ready: false, restartCount: 0, image, imageID: '', started: false, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${p.error}` } } };
}

export const mirrorSite: Controller = {
  name: 'mirror',
  async start(ctx) {
    const c = ctx.client;
    for (const ns of ['openshift-config', 'openshift-machine-config-operator']) await c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await c.ensure({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coreos-bootimages', namespace: 'openshift-machine-config-operator' }, data: { releaseVersion: ctx.versions.ocp, stream: coreosStream(ctx.versions.ocp) } });
    if (!ctx.disconnected) return;
    if (!(await c.hasResource('config.openshift.io/v1', 'Image'))) await ctx.registerCrds(['images.config.openshift.io']);
    await c.ensure({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: TRUSTED_CA_CONFIGMAP, namespace: 'openshift-config' }, data: { [MIRROR_REGISTRY.replace(':', '..')]: mirrorCa() } });
    await c.ensure({ apiVersion: 'config.openshift.io/v1', kind: 'Image', metadata: { name: 'cluster' }, spec: { additionalTrustedCA: { name: TRUSTED_CA_CONFIGMAP } } });
  },
};

export interface ImagePull {
  image: string;
  pull: Pull;
}

/** The DataVolume source HyperShift gives a VM's root volume: the boot image, pulled by the node (imagecacher.go getDVSourceForVMTemplate). */
export function bootSource(boot: ImagePull | undefined): Obj {
  return boot ? { source: { registry: { url: `docker://${boot.image}`, pullMethod: 'node' } } } : {};
}

/**
 * A root-volume import whose image cannot be pulled, as CDI reports it: the importer pod in ImagePullBackOff makes
 * the DataVolume's Running condition False with reason ImagePullFailed and "failed to pull image: IMAGE"
 * (kubevirt/containerized-data-importer pkg/controller/util.go@c07cdb6fbd18976c44f65f1e4c0deae03e33e718
 * updateRunningCondition / ImagePullFailedReason); the VM stays Provisioning.
 */
export async function failBootImport(c: SimClient, ns: string, vm: Obj, boot: ImagePull & { pull: { ok: false } }): Promise<void> {
  const message = `failed to pull image: ${boot.image}`;
  for (const t of vm.spec?.dataVolumeTemplates ?? []) {
    const dv = await c.get('cdi.kubevirt.io/v1beta1', 'DataVolume', t.metadata.name, ns).catch(() => undefined);
    if (dv && dv.status?.conditions?.find((x: Obj) => x.type === 'Running')?.reason !== 'ImagePullFailed') {
      await c.patchStatus(dv, {
        phase: 'ImportScheduled',
        progress: 'N/A',
        conditions: [
          { type: 'Bound', status: 'True', reason: 'Bound', message: '' },
          { type: 'Running', status: 'False', reason: 'ImagePullFailed', message: `${message} (${boot.pull.error})` },
          { type: 'Ready', status: 'False', reason: 'TransferRunning', message: '' },
        ],
      });
    }
  }
  if (vm.status?.printableStatus !== 'Provisioning' || !String(vm.status?.conditions?.[0]?.message ?? '').includes(message)) {
    await c.patchStatus(vm, {
      printableStatus: 'Provisioning',
      ready: false,
      conditions: [{ type: 'Ready', status: 'False', reason: 'Provisioning', message: `root volume import: ${message}`, lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
    });
  }
}

/**
 * Whether a hosted cluster's new node can pull the release's node images (here the machine-config-operator image
 * its first boot runs): through the HostedCluster's spec.imageContentSources only (they are the data plane's
 * mirror rules: openshift/hypershift docs/content/how-to/disconnected/idms-icsp-for-management-clusters.md), the
 * mirror trusted when spec.additionalTrustBundle holds its CA.
 */
export async function workerPull(c: SimClient, hc: Obj, version: string): Promise<Pull> {
  const rules: Rule[] = (hc.spec?.imageContentSources ?? []).map((e: Obj) => ({ source: e.source, mirrors: e.mirrors ?? [], digest: true }));
  const name: string | undefined = hc.spec?.additionalTrustBundle?.name;
  const cm = name ? await c.get('v1', 'ConfigMap', name, hc.metadata.namespace) : undefined;
  const trusted = String(cm?.data?.['ca-bundle.crt'] ?? '').includes(mirrorCa().trim()) ? [MIRROR_REGISTRY] : [];
  return pull(componentImage(version, 'machine-config-operator'), { disconnected: true, rules, trusted });
}
