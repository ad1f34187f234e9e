// Not a step: read-only checks that preflight, check-cluster and doctor share.
import { CHANNEL_KEYS, operatorIds } from '../manifests/bootstrap.js';
import { CATALOG, OPERATORS, type OperatorId } from '../manifests/olm.js';
import { usageError } from '../errors.js';
import type { KubeObject } from '../kube/types.js';
import type { BootstrapContext } from '../steps/bootstrap/context.js';
import type { ConfigMap } from '../model/index.js';

const NEEDED: Array<[verb: string, group: string, resource: string]> = [
  ['create', '', 'namespaces'],
  ['create', 'operators.coreos.com', 'subscriptions'],
  ['create', 'operators.coreos.com', 'operatorgroups'],
  ['patch', 'storage.k8s.io', 'storageclasses'],
  ['patch', 'operator.openshift.io', 'ingresscontrollers'],
  ['create', 'multicluster.openshift.io', 'multiclusterengines'],
];

type PackageManifest = KubeObject & { status?: { catalogSource?: string; packageName?: string; defaultChannel?: string; channels?: Array<{ name: string; currentCSV: string }> } };
type Subscription = KubeObject & { status?: { installedCSV?: string } };

export const MIN_OPENSHIFT = '4.12.0';

export async function checkAccess(ctx: BootstrapContext): Promise<string[]> {
  const denied: string[] = [];
  for (const [verb, group, resource] of NEEDED) {
    if (!(await ctx.kube.can(verb, { group, resource }))) denied.push(`${verb} ${resource}${group ? `.${group}` : ''}`);
  }
  return denied;
}

export async function openshiftVersion(ctx: BootstrapContext): Promise<string> {
  const cv = await ctx.kube.get<KubeObject & { status?: { desired?: { version?: string } } }>({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' });
  const version = cv?.status?.desired?.version;
  if (!version) throw usageError('this cluster has no ClusterVersion "version": it does not look like OpenShift', 'hcp-kv prepares OpenShift 4.12 and later');
  return version;
}

/**
 * Each package and channel in the catalog `source`: PackageManifests carry their catalog in the `catalog` label
 * and status.catalogSource (operator-framework/operator-lifecycle-manager pkg/package-server/provider/registry.go),
 * and a package served by several catalogs is listed once per catalog.
 */
export async function resolveChannels(ctx: BootstrapContext, source: string = CATALOG.source): Promise<Partial<Record<OperatorId, string>>> {
  const channels: Partial<Record<OperatorId, string>> = {};
  const served = (await ctx.kube.list<PackageManifest>('packages.operators.coreos.com/v1', 'PackageManifest', { namespace: 'openshift-marketplace', labelSelector: `catalog=${source}` })).filter(
    (p) => (p.status?.catalogSource ?? source) === source,
  );
  for (const id of operatorIds(ctx.opts)) {
    const def = OPERATORS[id];
    const pm = served.find((p) => (p.status?.packageName ?? p.metadata.name) === def.packageName);
    if (!pm)
      throw usageError(
        `the catalog ${source} has no package ${def.packageName} (${def.title})`,
        `list what it serves: \`oc get packagemanifests -n openshift-marketplace -l catalog=${source}\`; mirror the package into it (oc-mirror) or pass --catalog-source with a catalog that has it`,
      );
    const wanted = ctx.opts.channels[CHANNEL_KEYS[id]] ?? pm.status?.defaultChannel;
    const known = (pm.status?.channels ?? []).map((c) => c.name);
    if (!wanted || !known.includes(wanted)) throw usageError(`package ${def.packageName} in the catalog ${source} has no channel "${wanted}"`, `available channels: ${known.join(', ') || 'none'}`);
    channels[id] = wanted;
  }
  return channels;
}

export async function installedOperators(ctx: BootstrapContext): Promise<Partial<Record<OperatorId, string>>> {
  const installed: Partial<Record<OperatorId, string>> = {};
  for (const id of operatorIds(ctx.opts)) {
    const def = OPERATORS[id];
    const sub = await ctx.kube.get<Subscription>({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: def.packageName, namespace: def.namespace });
    const csvName = sub?.status?.installedCSV;
    if (!csvName) continue;
    const csv = await ctx.kube.get<KubeObject & { status?: { phase?: string } }>({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'ClusterServiceVersion', name: csvName, namespace: def.namespace });
    if (csv?.status?.phase === 'Succeeded') installed[id] = csvName;
  }
  return installed;
}

export async function supportedVersions(ctx: Pick<BootstrapContext, 'kube'>): Promise<string[] | undefined> {
  const cm = await ctx.kube.get<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', name: 'supported-versions', namespace: 'hypershift' });
  const raw = cm?.data?.['supported-versions'];
  if (!raw) return undefined;
  try {
    return (JSON.parse(raw) as { versions?: string[] }).versions;
  } catch {
    return undefined;
  }
}
