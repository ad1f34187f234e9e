// `hcp-kv demo --disconnected`: the demo on a disconnected embedded cluster (`sim --disconnected`) with a mirror —
// the oc-mirror results the simulated site's mirror holds (sim/mirror-results.ts), applied by bootstrap; the
// hosted cluster's release from the mirror registry by digest (its version learned from the HyperShift operator),
// its image sources copied from the management cluster's mirror sets and the mirror's CA as its trust bundle. At
// the end every image reference of kv-00 is checked, through the API, to resolve through the mirror.
import { join } from 'node:path';
import type { BootstrapFlags } from '../config/bootstrap.js';
import type { ClusterFlags } from '../config/cluster-flags.js';
import { HcpError } from '../errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import { parseImageRef, resolveThroughMirrors, rulesOf, type MirrorRule } from '../mirror/rules.js';
import { mirrorSetObjects } from '../preflight/mirror-site.js';

/** The simulated site's mirror registry and the release the demo takes from it. */
export const DEMO_MIRROR = 'mirror.example.com:5000';
export const DEMO_MIRROR_RELEASE = '4.12.12';

export interface DisconnectedDemo {
  bootstrap: Partial<BootstrapFlags>;
  cluster: Partial<ClusterFlags>;
  /** The command lines the demo prints. */
  bootstrapArgs: string;
  clusterArgs: string;
}

/** Writes the site's oc-mirror results and mirror CA into `dir`; returns the flags that use them. */
export async function prepareDisconnected(dir: string): Promise<DisconnectedDemo> {
  const { writeOcMirrorResults, simReleaseDigest } = await import('../sim/index.js');
  const { workspace, caFile } = await writeOcMirrorResults(join(dir, 'oc-mirror'));
  const releaseImage = `${DEMO_MIRROR}/openshift/release-images@sha256:${simReleaseDigest(DEMO_MIRROR_RELEASE)}`;
  return {
    bootstrap: { ocMirrorResults: workspace, disableDefaultSources: true },
    cluster: { releaseImage, imageContentSourcesFromManagement: true, additionalTrustBundle: caFile },
    bootstrapArgs: ' --oc-mirror-results oc-mirror --disable-default-sources',
    clusterArgs: ` --release-image ${releaseImage} --image-content-sources-from-management --additional-trust-bundle oc-mirror/mirror-ca.crt`,
  };
}

type Pod = KubeObject & { spec?: { containers?: Array<{ image?: string }> }; status?: { phase?: string } };
type DataVolume = KubeObject & { spec?: { source?: { registry?: { url?: string } } }; status?: { phase?: string } };
type Hc = KubeObject & {
  spec?: { release?: { image?: string }; imageContentSources?: Array<{ source: string; mirrors?: string[] }> };
  status?: { version?: { desired?: { version?: string } }; conditions?: Array<{ type: string; status: string }> };
};

const onMirror = (image: string) => parseImageRef(image).host === DEMO_MIRROR;

function through(image: string, rules: MirrorRule[], what: string): string {
  if (onMirror(image)) return image;
  const r = resolveThroughMirrors(image, rules);
  if (!r.covered || !onMirror(r.pullSpec)) throw new HcpError(`${what} ${image} does not resolve through the mirror${r.covered ? '' : `: ${r.why}`}`);
  return r.pullSpec;
}

/** Every image reference of kv-00 — release, control-plane pods, VM root volumes, worker image sources — resolves through the mirror. */
export async function verifyMirrored(kube: Kube, name = 'kv-00', namespace = 'clusters'): Promise<string> {
  const rules = rulesOf(await mirrorSetObjects(kube));
  const hc = await kube.get<Hc>({ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', name, namespace });
  const release = hc?.spec?.release?.image ?? '';
  if (!onMirror(release)) throw new HcpError(`${name}'s release image ${release} is not on the mirror registry`);
  const workerRules = rulesOf([{ kind: 'ImageDigestMirrorSet', metadata: { name: 'spec.imageContentSources' }, spec: { imageDigestMirrors: hc?.spec?.imageContentSources } }]);
  through('quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + '0'.repeat(64), workerRules, `${name}'s worker images (spec.imageContentSources)`);
  const pods = (await kube.list<Pod>('v1', 'Pod', { namespace: `${namespace}-${name}` })).filter((p) => !p.metadata.name.startsWith('virt-launcher-'));
  const images = pods.flatMap((p) => (p.spec?.containers ?? []).map((c) => through(c.image ?? '', rules, `pod ${p.metadata.name}`)));
  const dvs = await kube.list<DataVolume>('cdi.kubevirt.io/v1beta1', 'DataVolume', { namespace: `${namespace}-${name}` });
  const boot = dvs.map((d) => through((d.spec?.source?.registry?.url ?? '').replace(/^docker:\/\//, ''), rules, `DataVolume ${d.metadata.name}`));
  if (!pods.length || !dvs.length || dvs.some((d) => d.status?.phase !== 'Succeeded'))
    throw new HcpError(`${name}: ${pods.length} control-plane pods, ${dvs.length} root volumes (${dvs.map((d) => d.status?.phase).join(', ')}): expected both, imported`);
  return `every image reference of ${name} resolves through ${DEMO_MIRROR}: release ${release} (${hc?.status?.version?.desired?.version ?? 'version not reported'}), ${images.length} control-plane images, ${boot.length} VM boot image imports (${[...new Set(boot)].join(', ')}), worker image sources for ${hc?.spec?.imageContentSources?.length ?? 0} repositories`;
}
