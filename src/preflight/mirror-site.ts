// Not a step: what a cluster says about its mirrors — the IDMS/ITMS/ICSP rules, the registries it trusts a CA for
// (image.config.openshift.io/cluster spec.additionalTrustedCA → ConfigMap in openshift-config, one key per registry,
// "host..port"; openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// docs/content/how-to/disconnected/tls-certificates.md) and its own release with its CoreOS stream (ClusterVersion
// status.desired, ConfigMap openshift-machine-config-operator/coreos-bootimages). Read-only; an API the cluster does
// not serve counts as none of that kind.
import { ExitCode, HcpError } from '../errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import type { ManagementRelease } from '../mirror/release-images.js';
import { rulesOf, type MirrorRule } from '../mirror/rules.js';

export interface MirrorSite {
  rules: MirrorRule[];
  /** "host[:port]" of every registry with a CA in additionalTrustedCA. */
  trustedHosts: string[];
  trustedCas: Record<string, string>;
  /** The ConfigMap additionalTrustedCA names, if any. */
  trustedCaConfigMap?: string;
  release: ManagementRelease;
}

/** A denied or unreachable read (exit 3) is not "none": the mirror check would be wrong, so it fails. */
const unreachable = (e: unknown) => e instanceof HcpError && e.exitCode === ExitCode.unreachable;

async function listOrNone(kube: Kube, apiVersion: string, kind: string): Promise<KubeObject[]> {
  try {
    return (await kube.hasKind(apiVersion, kind)) ? await kube.list(apiVersion, kind) : [];
  } catch (e) {
    if (unreachable(e)) throw e;
    return [];
  }
}

async function getOrNone<T extends KubeObject>(kube: Kube, ref: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<T | undefined> {
  try {
    return (await kube.get<T>(ref)) ?? undefined;
  } catch (e) {
    if (unreachable(e)) throw e;
    return undefined;
  }
}

/** The objects that hold mirror rules, as listed (IDMS, ITMS, ICSP). */
export async function mirrorSetObjects(kube: Kube): Promise<KubeObject[]> {
  return [
    ...(await listOrNone(kube, 'config.openshift.io/v1', 'ImageDigestMirrorSet')),
    ...(await listOrNone(kube, 'config.openshift.io/v1', 'ImageTagMirrorSet')),
    ...(await listOrNone(kube, 'operator.openshift.io/v1alpha1', 'ImageContentSourcePolicy')),
  ];
}

type ImageConfig = KubeObject & { spec?: { additionalTrustedCA?: { name?: string } } };
type ConfigMap = KubeObject & { data?: Record<string, string> };
type ClusterVersion = KubeObject & { status?: { desired?: { version?: string; image?: string } } };

export async function readMirrorSite(kube: Kube): Promise<MirrorSite> {
  const rules = rulesOf(await mirrorSetObjects(kube));
  const image = await getOrNone<ImageConfig>(kube, { apiVersion: 'config.openshift.io/v1', kind: 'Image', name: 'cluster' });
  const caName = image?.spec?.additionalTrustedCA?.name;
  const cas = caName ? await getOrNone<ConfigMap>(kube, { apiVersion: 'v1', kind: 'ConfigMap', name: caName, namespace: 'openshift-config' }) : undefined;
  const trustedCas = Object.fromEntries(Object.entries(cas?.data ?? {}).map(([k, v]) => [k.replace('..', ':'), v]));
  const cv = await getOrNone<ClusterVersion>(kube, { apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' });
  const boot = await getOrNone<ConfigMap>(kube, { apiVersion: 'v1', kind: 'ConfigMap', name: 'coreos-bootimages', namespace: 'openshift-machine-config-operator' });
  return {
    rules,
    trustedHosts: Object.keys(trustedCas).sort(),
    trustedCas,
    ...(caName ? { trustedCaConfigMap: caName } : {}),
    release: { version: cv?.status?.desired?.version, image: cv?.status?.desired?.image, streamVersion: boot?.data?.releaseVersion, stream: boot?.data?.stream },
  };
}

/** --image-content-sources-from-management: the management cluster's digest rules as spec.imageContentSources
 * (sources merged, mirrors in order); tag rules (ITMS) cannot be expressed there and are returned apart. */
export function imageContentSourcesFrom(rules: MirrorRule[], given: Array<{ source: string; mirrors?: string[] }> = []): { sources: Array<{ source: string; mirrors: string[] }>; left: MirrorRule[] } {
  const out = new Map<string, string[]>();
  for (const e of given) out.set(e.source, [...(e.mirrors ?? [])]);
  for (const r of rules.filter((x) => x.kind === 'digest')) {
    const list = out.get(r.source) ?? [];
    for (const m of r.mirrors) if (!list.includes(m)) list.push(m);
    out.set(r.source, list);
  }
  return { sources: [...out.entries()].map(([source, mirrors]) => ({ source, mirrors })), left: rules.filter((x) => x.kind === 'tag') };
}
