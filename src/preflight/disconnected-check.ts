// Not a step: how disconnected this cluster is — OperatorHub's default sources, each CatalogSource and its
// READY state, the mirror sets — for preflight's report line and doctor's rows. Read-only; an API the cluster
// does not serve counts as none of that kind.
import type { Kube, KubeObject } from '../kube/types.js';
import { DEFAULT_SOURCES, OPERATORHUB_REF } from '../manifests/operatorhub.js';
import { mirrorRows } from './mirror-doctor.js';
import { readMirrorSite, type MirrorSite } from './mirror-site.js';

/** A doctor row (doctor.ts DoctorCheck; doctor.ts imports this module, so the shape is declared here). */
interface DoctorCheck {
  check: string;
  status: 'ok' | 'warn' | 'missing' | 'failed';
  detail: string;
  hint?: string;
}

export interface DisconnectedInfo {
  defaultSourcesDisabled: boolean;
  catalogs: Array<{ name: string; state: string; image?: string }>;
  mirrorSets: { idms: number; itms: number; icsp: number; sources: string[] };
  /** Rules, trusted registries, the cluster's release and CoreOS stream (doctor's mirror rows). */
  site?: MirrorSite;
}

type MirrorSet = KubeObject & { spec?: { imageDigestMirrors?: Array<{ source: string }>; imageTagMirrors?: Array<{ source: string }>; repositoryDigestMirrors?: Array<{ source: string }> } };
type CatalogSource = KubeObject & { spec?: { image?: string }; status?: { connectionState?: { lastObservedState?: string } } };

async function listOrNone<T extends KubeObject>(kube: Kube, apiVersion: string, kind: string, namespace?: string): Promise<T[]> {
  try {
    return await kube.list<T>(apiVersion, kind, namespace ? { namespace } : {});
  } catch {
    return [];
  }
}

export async function readDisconnected(kube: Kube): Promise<DisconnectedInfo> {
  let hub: (KubeObject & { spec?: { disableAllDefaultSources?: boolean } }) | undefined;
  try {
    hub = await kube.get(OPERATORHUB_REF);
  } catch {
    hub = undefined;
  }
  const catalogs = (await listOrNone<CatalogSource>(kube, 'operators.coreos.com/v1alpha1', 'CatalogSource', 'openshift-marketplace')).map((c) => ({
    name: c.metadata.name,
    state: c.status?.connectionState?.lastObservedState ?? 'UNKNOWN',
    ...(c.spec?.image ? { image: c.spec.image } : {}),
  }));
  const idms = await listOrNone<MirrorSet>(kube, 'config.openshift.io/v1', 'ImageDigestMirrorSet');
  const itms = await listOrNone<MirrorSet>(kube, 'config.openshift.io/v1', 'ImageTagMirrorSet');
  const icsp = await listOrNone<MirrorSet>(kube, 'operator.openshift.io/v1alpha1', 'ImageContentSourcePolicy');
  const sources = [...idms.flatMap((m) => m.spec?.imageDigestMirrors ?? []), ...itms.flatMap((m) => m.spec?.imageTagMirrors ?? []), ...icsp.flatMap((m) => m.spec?.repositoryDigestMirrors ?? [])].map((m) => m.source);
  // Doctor shows what it may read; create-cluster's mirror-coverage reads again and fails on a denied read (exit 3).
  const site = await readMirrorSite(kube).catch(() => undefined);
  return { ...(site ? { site } : {}), defaultSourcesDisabled: hub?.spec?.disableAllDefaultSources === true, catalogs, mirrorSets: { idms: idms.length, itms: itms.length, icsp: icsp.length, sources: [...new Set(sources)].sort() } };
}

/** Why this cluster looks disconnected (empty: it does not). */
export function disconnectedSigns(info: DisconnectedInfo): string[] {
  const signs: string[] = [];
  if (info.defaultSourcesDisabled) signs.push('default sources disabled');
  const unready = info.catalogs.filter((c) => (DEFAULT_SOURCES as readonly string[]).includes(c.name) && c.state !== 'READY');
  if (unready.length) signs.push(`${unready.map((c) => `${c.name} ${c.state}`).join(', ')}`);
  const sets = info.mirrorSets.idms + info.mirrorSets.itms + info.mirrorSets.icsp;
  if (sets) signs.push(`${sets} mirror set${sets === 1 ? '' : 's'}`);
  return signs;
}

export function disconnectedRows(info: DisconnectedInfo): DoctorCheck[] {
  const m = info.mirrorSets;
  const unready = info.catalogs.filter((c) => c.state !== 'READY');
  return [
    { check: 'default-sources', status: 'ok', detail: info.defaultSourcesDisabled ? 'disabled (OperatorHub cluster disableAllDefaultSources)' : 'enabled' },
    {
      check: 'catalogs',
      // Informational (warn is still ready): hosted clusters do not need a catalog, operator updates do.
      status: !info.catalogs.length || unready.length ? 'warn' : 'ok',
      detail: info.catalogs.length ? info.catalogs.map((c) => `${c.name} ${c.state}`).join(', ') : 'no CatalogSource in openshift-marketplace',
      ...(!info.catalogs.length || unready.length
        ? {
            hint: 'a catalog that is not READY serves no operators or updates: on a disconnected site disable the default sources and use a mirror catalog (`hcp-kv bootstrap --disable-default-sources --oc-mirror-results DIR`); else check `oc get catalogsource -n openshift-marketplace -o yaml`',
          }
        : {}),
    },
    { check: 'mirror-sets', status: 'ok', detail: m.idms + m.itms + m.icsp ? `${m.idms} ImageDigestMirrorSet, ${m.itms} ImageTagMirrorSet, ${m.icsp} ImageContentSourcePolicy; sources: ${m.sources.join(', ') || 'none'}` : 'none' },
    ...(info.site
      ? mirrorRows(
          info.site,
          disconnectedSigns(info).some((s) => !/mirror set/.test(s)),
        )
      : []),
  ];
}
