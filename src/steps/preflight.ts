// Read-only checks before anything changes: reachable and authenticated, permitted, OpenShift ≥ 4.12, nodes,
// the catalog knows every package and channel, and what is already installed.
import semver from 'semver';
import { refuseDroppingHeldAddresses } from './metallb-in-use.js';
import { HcpError, unreachableError, usageError } from '../errors.js';
import { CHANNEL_KEYS, operatorIds } from '../manifests/bootstrap.js';
import { OPERATORS, type OperatorId } from '../manifests/olm.js';
import type { KubeObject } from '../kube/types.js';
import type { Step } from '../run/step.js';
import { MEMO, type BootstrapContext } from './context.js';

const NEEDED: Array<[verb: string, group: string, resource: string]> = [
  ['create', '', 'namespaces'],
  ['create', 'operators.coreos.com', 'subscriptions'],
  ['create', 'operators.coreos.com', 'operatorgroups'],
  ['patch', 'storage.k8s.io', 'storageclasses'],
  ['patch', 'operator.openshift.io', 'ingresscontrollers'],
  ['create', 'multicluster.openshift.io', 'multiclusterengines'],
];

type PackageManifest = KubeObject & { status?: { defaultChannel?: string; channels?: Array<{ name: string; currentCSV: string }> } };
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

export async function resolveChannels(ctx: BootstrapContext): Promise<Record<string, string>> {
  const channels: Record<string, string> = {};
  for (const id of operatorIds(ctx.opts)) {
    const def = OPERATORS[id];
    const pm = await ctx.kube.get<PackageManifest>({ apiVersion: 'packages.operators.coreos.com/v1', kind: 'PackageManifest', name: def.packageName, namespace: 'openshift-marketplace' });
    if (!pm) throw usageError(`the catalog has no package ${def.packageName} (${def.title})`, 'check the redhat-operators CatalogSource in openshift-marketplace (`oc get packagemanifests -n openshift-marketplace`)');
    const wanted = ctx.opts.channels[CHANNEL_KEYS[id]] ?? pm.status?.defaultChannel;
    const known = (pm.status?.channels ?? []).map((c) => c.name);
    if (!wanted || !known.includes(wanted)) throw usageError(`package ${def.packageName} has no channel "${wanted}"`, `available channels: ${known.join(', ') || 'none'}`);
    channels[id] = wanted;
  }
  return channels;
}

export async function installedOperators(ctx: BootstrapContext): Promise<Record<string, string>> {
  const installed: Record<string, string> = {};
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

export const preflight: Step<BootstrapContext['opts']> = {
  id: 'preflight',
  title: 'Check the cluster before changing anything',
  async run(ctx) {
    const denied = await checkAccess(ctx);
    if (denied.length) throw unreachableError(`the current user may not ${denied.join(', ')}`, 'bootstrap needs cluster-admin: log in as a cluster admin (`oc login`) or use an admin kubeconfig');
    const version = await openshiftVersion(ctx);
    const v = semver.coerce(version)?.version ?? '0.0.0';
    if (semver.lt(v, MIN_OPENSHIFT)) throw usageError(`OpenShift ${version} is not supported (HyperShift on KubeVirt needs 4.12 or later)`, 'upgrade the management cluster to 4.12 or later first');
    ctx.report(`OpenShift ${version}`);
    const nodes = await ctx.kube.list<KubeObject & { status?: { conditions?: Array<{ type: string; status: string }> } }>('v1', 'Node');
    const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    if (!ready) throw new HcpError('no node is Ready', { hint: 'check `oc get nodes`' });
    ctx.report(`${ready}/${nodes.length} nodes Ready`);
    // Before anything is written: a new pool must not drop addresses Services hold (exit 2).
    if (ctx.opts.metallbSelected !== false) await refuseDroppingHeldAddresses(ctx.kube, ctx.opts, ctx.signal);
    const channels = await resolveChannels(ctx);
    ctx.memo.set(MEMO.channels, channels);
    const installed = await installedOperators(ctx);
    ctx.memo.set(MEMO.installed, installed);
    const already = Object.entries(installed).map(([id, csv]) => `${id} ${csv}`);
    return `OpenShift ${version}, ${ready} nodes Ready${already.length ? `; installed: ${already.join(', ')}` : ''}`;
  },
};

export type { OperatorId };
