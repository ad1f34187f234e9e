// Whether a hosted cluster's images can be pulled on a disconnected site: each image (release, control plane,
// KubeVirt boot image, worker images) through the mirror rules of the side that pulls it, and the mirror
// registries' CA trusted where the pull happens. Pure: the step (steps/cluster/mirror-coverage.ts) reads the cluster.
// Where the CA must be (openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// docs/content/how-to/disconnected/tls-certificates.md): on the management cluster in the ConfigMap that
// image.config.openshift.io/cluster spec.additionalTrustedCA names (openshift-config, one key per registry,
// "host..port"), for the HyperShift operator to read the payload and the nodes to pull; and in the HostedCluster's
// spec.additionalTrustBundle for its workers.
import { ANY_COMPONENT, COMPONENT_REPOSITORY, type BootImage } from './release-images.js';
import { mirrorHosts, parseImageRef, resolveThroughMirrors, type MirrorRule } from './rules.js';

export interface CoverageInput {
  releaseImage: string;
  bootImage: BootImage;
  /** The management cluster's IDMS/ITMS/ICSP rules (control plane and release). */
  managementRules: MirrorRule[];
  /** The rules where the VMs run (the infrastructure cluster; the management cluster unless external). */
  vmRules: MirrorRule[];
  vmSide: string;
  /** The HostedCluster's spec.imageContentSources (its workers). */
  hostedRules: MirrorRule[];
  /** Registries the management cluster trusts a CA for (additionalTrustedCA keys, "host..port" → "host:port"). */
  trustedHosts: string[];
  /** PEM blocks of those CAs, by host, to compare with the trust bundle. */
  trustedCas: Record<string, string>;
  /** --additional-trust-bundle content. */
  trustBundle?: string;
}

export interface Uncovered {
  what: 'release image' | 'control-plane images' | 'KubeVirt boot image' | 'worker images' | 'mirror CA';
  image: string;
  why: string;
  hint: string;
}

export interface Coverage {
  problems: Uncovered[];
  /** What resolves, and through which mirror, for the step's report. */
  resolved: string[];
}

const pemBlocks = (text: string | undefined) => (text?.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((b) => b.replace(/\s+/g, ''));

const KNOWN = {
  rhcos:
    'OCPBUGS-29408: oc-mirror does not mirror the KubeVirt RHCOS image of the release; mirror it yourself (`oc image extract --file /release-manifests/0000_50_installer_coreos-bootimages.yaml RELEASE`, then `oc image mirror` its kubevirt digest-ref; openshift/hypershift docs/content/how-to/disconnected/known-issues.md)',
  rootOnly: 'OCPBUGS-33951: a mirror set whose sources are bare registries is not passed on as registry overrides; add the namespaced sources quay.io/openshift-release-dev/ocp-release and quay.io/openshift-release-dev/ocp-v4.0-art-dev',
  icsp: 'OCPBUGS-29466: with any ImageDigestMirrorSet present the HyperShift operator ignores ImageContentSourcePolicies; convert them (`oc adm migrate icsp`)',
};

/** How an image is named in messages: a stand-in digest as "@sha256:…". */
const shown = (image: string) => (image === ANY_COMPONENT ? `${COMPONENT_REPOSITORY}@sha256:…` : image);

function check(what: Uncovered['what'], pulled: string, rules: MirrorRule[], local: Set<string>, hint: string, out: Coverage): string | undefined {
  const ref = parseImageRef(pulled);
  const image = shown(pulled);
  if (local.has(ref.host)) {
    out.resolved.push(`${what} ${image}: pulled directly from the mirror registry ${ref.host}`);
    return ref.host;
  }
  const r = resolveThroughMirrors(image, rules);
  if (r.covered) {
    out.resolved.push(`${what} ${image} → ${shown(r.pullSpec).replace(/@sha256:0{64}$/, '@sha256:…')} (${r.rule.from})`);
    return r.via.split('/')[0];
  }
  out.problems.push({ what, image, why: r.why, hint });
  return undefined;
}

export function evaluateCoverage(i: CoverageInput): Coverage {
  const out: Coverage = { problems: [], resolved: [] };
  // The registries the management (and infrastructure) cluster pulls from, and those the workers pull from.
  const mgmtHosts = managementPulls(i, out);
  const hostedHosts = workerPulls(i, out);
  out.problems.push(...managementCaProblems(mgmtHosts, i.trustedHosts));
  out.problems.push(...workerCaProblems(hostedHosts, i));
  return out;
}

const addHost = (set: Set<string>, h: string | undefined) => h && set.add(h);

/** Release, control-plane and boot images through the management (and VM side's) rules; the registries they come from. */
function managementPulls(i: CoverageInput, out: Coverage): Set<string> {
  const allRules = [...i.managementRules, ...i.vmRules, ...i.hostedRules];
  const local = new Set([...mirrorHosts(allRules), ...i.trustedHosts]);
  const sets = 'hcp-kv bootstrap --oc-mirror-results DIR applies the mirror sets oc-mirror wrote';
  const hasIdms = i.managementRules.some((r) => r.from.startsWith('ImageDigestMirrorSet'));
  const icspNote = hasIdms && i.managementRules.some((r) => r.from.startsWith('ImageContentSourcePolicy')) ? `; ${KNOWN.icsp}` : '';
  const hosts = new Set<string>();
  addHost(
    hosts,
    check(
      'release image',
      i.releaseImage,
      i.managementRules,
      local,
      `pass the release by digest (--release-image …@sha256:…) or from the mirror registry, and map quay.io/openshift-release-dev/ocp-release in an ImageDigestMirrorSet (${sets}); ${KNOWN.rootOnly}${icspNote}`,
      out,
    ),
  );
  addHost(hosts, check('control-plane images', ANY_COMPONENT, i.managementRules, local, `map ${COMPONENT_REPOSITORY} to the mirror in an ImageDigestMirrorSet on the management cluster (${sets}); ${KNOWN.rootOnly}${icspNote}`, out));
  addHost(
    hosts,
    check('KubeVirt boot image', i.bootImage.image, i.vmRules, local, `map ${parseImageRef(i.bootImage.image).repository} in an ImageDigestMirrorSet on ${i.vmSide}, and make sure the image is in the mirror: ${KNOWN.rhcos}`, out),
  );
  return hosts;
}

/** Worker images through the HostedCluster's own image sources; the registries they come from. */
function workerPulls(i: CoverageInput, out: Coverage): Set<string> {
  const hosts = new Set<string>();
  addHost(
    hosts,
    check(
      'worker images',
      ANY_COMPONENT,
      i.hostedRules,
      new Set(mirrorHosts(i.hostedRules)),
      `give the hosted cluster image sources: --image-content-sources FILE, or --image-content-sources-from-management to copy the management cluster's mirror sets`,
      out,
    ),
  );
  return hosts;
}

/** The management cluster must trust a CA for every mirror registry it pulls from. */
function managementCaProblems(hosts: Set<string>, trustedHosts: string[]): Uncovered[] {
  return [...hosts]
    .filter((host) => !trustedHosts.includes(host))
    .map((host) => ({
      what: 'mirror CA',
      image: host,
      why: `the management cluster trusts no CA for ${host} (image.config.openshift.io/cluster spec.additionalTrustedCA)`,
      hint: `add the registry's CA to the ConfigMap additionalTrustedCA names in openshift-config, key "${host.replace(':', '..')}" (openshift/hypershift docs/content/how-to/disconnected/tls-certificates.md); the HyperShift operator then reads the payload and the nodes pull from it`,
    }));
}

/** The workers trust what --additional-trust-bundle holds: it must hold the CA of every registry they pull from. */
function workerCaProblems(hosts: Set<string>, i: Pick<CoverageInput, 'trustBundle' | 'trustedCas'>): Uncovered[] {
  const out: Uncovered[] = [];
  for (const host of hosts) {
    const bundle = pemBlocks(i.trustBundle);
    const ca = pemBlocks(i.trustedCas[host]);
    if (!bundle.length)
      out.push({
        what: 'mirror CA',
        image: host,
        why: `the hosted cluster's workers would not trust ${host}: no --additional-trust-bundle`,
        hint: `pass --additional-trust-bundle FILE with the CA of ${host} (it becomes ConfigMap user-ca-bundle, spec.additionalTrustBundle)`,
      });
    else if (ca.length && !ca.some((c) => bundle.includes(c)))
      out.push({
        what: 'mirror CA',
        image: host,
        why: `--additional-trust-bundle does not hold the CA the management cluster trusts for ${host}`,
        hint: `add that CA (oc get configmap -n openshift-config <additionalTrustedCA name> -o jsonpath='{.data.${host.replace(':', '..').replace(/\./g, '\\.')}}') to the bundle`,
      });
  }
  return out;
}
