// Before anything is sent: the cluster can host hosted clusters, the release resolves (ClusterImageSets) and is
// supported, the CIDRs do not overlap the management cluster's networks, the kubeconfig file will not be
// overwritten by accident, and an existing cluster's infraID and keys are reused (converge) — unless the request
// changes a field the API keeps immutable, which is refused here with the live and the requested value.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { validateDerivedNames, type ClusterRequest } from '../../config/cluster.js';
import { cidr, overlaps } from '../../config/cluster-parse.js';
import { imageSetsFrom, releaseOf, resolveRelease } from '../../config/release.js';
import { unreachableError, usageError } from '../../errors.js';
import { refuseTerminating } from '../../kube/terminating.js';
import type { KubeObject } from '../../kube/types.js';
import { IMMUTABLE_HOSTED_CLUSTER_FIELDS, IMMUTABLE_NODEPOOL_FIELDS, immutableChanges } from '../../manifests/immutable.js';
import { hostedCluster, nodePool, secretNames, type ClusterSpec } from '../../manifests/hypershift.js';
import { supportedVersions } from '../../preflight/checks.js';
import { currentRelease, type ClusterContext, type ClusterStep, type ResolvedRelease } from './context.js';
import { hcRef, npRef, randomInfraSuffix } from './hosted-cluster.js';
import { checkDevicesAndNetworks } from './devices-networks.js';
import { checkStorageClasses } from './storage-classes.js';
import type { HttpLimits } from '../../kube/http.js';
import { connectInfraCluster } from './infra-cluster.js';
import { checkPlacementOfCluster, withRecordedDefaults } from './placement.js';
import { capacityNeedOfCluster, prerequisitesOfCluster } from './capacity-need.js';
import { checkCapacity } from '../../capacity/check.js';
import { checkPrerequisites } from '../../capacity/prerequisites.js';
import { adoptLiveRelease, describeExisting, kubeconfigFileState, refuseReleaseChange, type LiveHostedCluster } from './existing-cluster.js';

/** `adopted`: the existing cluster's own release, kept even when the operator no longer lists it. */
async function resolveReleaseStep(ctx: ClusterContext, adopted: ResolvedRelease | undefined): Promise<ResolvedRelease> {
  const o = ctx.opts;
  const versions = await supportedVersions(ctx);
  let r: ResolvedRelease = adopted ?? currentRelease(ctx);
  // An image that names no version (digest, mirror, custom tag) is looked up in the ClusterImageSets too.
  if (!r.image || !(r.version ?? releaseOf(r.image))) {
    const sets = (await ctx.kube.hasKind('hive.openshift.io/v1', 'ClusterImageSet')) ? imageSetsFrom(await ctx.kube.list('hive.openshift.io/v1', 'ClusterImageSet')) : [];
    const found = resolveRelease(o.release.request, sets, o.skipVersionCheck ? undefined : versions, o.request.arch);
    r = { image: found.image, ...(found.version ? { version: found.version } : {}) };
    ctx.report(`release ${found.version ?? found.image}: ${found.source}`);
  }
  const release = r.version ?? releaseOf(r.image);
  if (!adopted && !o.skipVersionCheck && release && versions && !versions.includes(release.split('.').slice(0, 2).join('.'))) {
    throw usageError(`OpenShift ${release} is not supported by this HyperShift operator (supported: ${versions.join(', ')})`, 'pick a supported --release, or pass --skip-version-check');
  }
  return r;
}

/** The hosted cluster's pod and service networks must not overlap the management cluster's (read from its Network config). */
async function checkNetworks(ctx: ClusterContext, request: ClusterRequest): Promise<void> {
  const net = await ctx.kube.get<KubeObject & { spec?: { clusterNetwork?: Array<{ cidr: string }>; serviceNetwork?: string[] } }>({ apiVersion: 'config.openshift.io/v1', kind: 'Network', name: 'cluster' });
  if (!net) return;
  const mgmt = [...(net.spec?.clusterNetwork ?? []).map((c) => ['cluster network', c.cidr] as const), ...(net.spec?.serviceNetwork ?? []).map((c) => ['service network', c] as const)];
  for (const [flag, list] of [
    ['cluster-cidr', request.clusterCIDR],
    ['service-cidr', request.serviceCIDR],
  ] as const) {
    for (const mine of list) {
      for (const [what, text] of mgmt) {
        let theirs;
        try {
          theirs = cidr('management', text);
        } catch {
          continue;
        }
        if (overlaps(cidr(flag, mine), theirs))
          throw usageError(`--${flag} ${mine} overlaps the management cluster's ${what} ${text}`, `choose a range outside it, e.g. --${flag} ${flag === 'cluster-cidr' ? '10.132.0.0/14' : '172.31.0.0/16'}`);
      }
    }
  }
}

/** An existing --kubeconfig-out file is kept when it already holds this cluster's admin kubeconfig (a retried
 * run); any other existing file needs --force. */
async function checkKubeconfigFile(ctx: ClusterContext, existing: LiveHostedCluster | undefined): Promise<void> {
  const o = ctx.opts;
  if (!o.wait || !o.writeKubeconfig || !existsSync(o.kubeconfigOut) || o.force) return;
  const file = await kubeconfigFileState(ctx, Boolean(existing));
  if (file === 'different') throw usageError(`${o.kubeconfigOut} already exists${existing ? ` and is not ${o.namespace}/${o.name}'s current admin kubeconfig` : ''}`, 'pass --force to overwrite it, or --kubeconfig-out FILE');
  if (file === 'same') ctx.report(`${o.kubeconfigOut} is this cluster's admin kubeconfig: kept (rewritten only if it changes)`);
}

/** The existing NodePool is described (never changed); immutable fields asked to change are refused. */
async function checkExisting(ctx: ClusterContext, existing: LiveHostedCluster, spec: ClusterSpec, ssh: boolean): Promise<void> {
  const o = ctx.opts;
  const liveNp = spec.replicas >= 0 ? await ctx.kube.get(npRef(o)) : undefined;
  refuseTerminating(liveNp);
  if (liveNp) ctx.report(describeExisting(liveNp, nodePool(spec)));
  const changes = [...immutableChanges(existing, hostedCluster(spec, ssh), IMMUTABLE_HOSTED_CLUSTER_FIELDS), ...immutableChanges(liveNp, nodePool(spec), IMMUTABLE_NODEPOOL_FIELDS)];
  if (changes.length) {
    const list = changes.map((c) => `${c.path} (live ${c.live}, requested ${c.requested})`).join('; ');
    throw usageError(`${changes[0]!.object} exists and these fields cannot change: ${list}`, `keep the live values (nothing was changed); these fields only change by re-creating the cluster ${o.namespace}/${o.name}`);
  }
}

/** Where the VMs go and what they need: storage classes, devices and networks, capacity and prerequisites. */
async function checkWhereItRuns(ctx: ClusterContext, request: ClusterRequest, recorded: readonly string[], release: string | undefined, isNew: boolean): Promise<void> {
  const o = ctx.opts;
  await checkPlacementOfCluster(ctx, request, recorded);
  // With external infrastructure, the VMs, their volumes, devices and networks are on the infra cluster.
  const infra = await connectInfraCluster({ infraKubeconfig: o.secrets.infraKubeconfig, infraNamespace: request.infraNamespace }, (ctx.kube as { http?: { limits?: HttpLimits } }).http?.limits);
  try {
    if (infra) ctx.report(`infrastructure cluster ${infra.kube.server}: reachable, permitted in namespace ${request.infraNamespace}`);
    const vmSide = infra?.kube ?? ctx.kube;
    await checkStorageClasses(ctx.kube, vmSide, { ...request, recordedEtcd: recorded.some((r) => r.startsWith('etcd')) });
    for (const note of await checkDevicesAndNetworks(vmSide, request.nodePool.platform.kubevirt)) ctx.report(note);
    // A new cluster needs room for its control plane and VMs; a re-run adds neither.
    if (isNew && !o.skipCapacityCheck) ctx.report(await checkCapacity(ctx.kube, capacityNeedOfCluster(request, infra?.kube), ctx.signal));
    for (const warning of await checkPrerequisites(ctx.kube, vmSide, prerequisitesOfCluster(request, release))) ctx.report(warning);
  } finally {
    await infra?.close();
  }
}

/** --generate-ssh with the native engine: the existing cluster's pair on a re-run, else a new one. */
async function sshPair(ctx: ClusterContext): Promise<{ sshPublicKey?: string; sshPrivateKey?: string }> {
  const o = ctx.opts;
  if (!o.generateSsh || o.engine !== 'native') return { sshPublicKey: o.secrets.sshPublicKey };
  const ssh = await ctx.kube.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', name: secretNames(o.name).sshKey, namespace: o.namespace });
  const { generateSshKeyPair } = await import('../../config/ssh-keygen.js');
  const pair = ssh?.data?.['id_rsa.pub'] && ssh.data.id_rsa ? { publicKey: Buffer.from(ssh.data['id_rsa.pub'], 'base64').toString(), privateKey: Buffer.from(ssh.data.id_rsa, 'base64').toString() } : generateSshKeyPair();
  return { sshPublicKey: pair.publicKey, sshPrivateKey: pair.privateKey };
}

export const checkCluster: ClusterStep = {
  id: 'check-cluster',
  title: 'Check the management cluster and the request',
  async run(ctx) {
    const o = ctx.opts;
    if (!(await ctx.kube.can('create', { group: 'hypershift.openshift.io', resource: 'hostedclusters', namespace: o.namespace })))
      throw unreachableError(`the current user may not create hostedclusters in ${o.namespace}`, 'log in as a cluster admin');
    if (!(await ctx.kube.hasKind('hypershift.openshift.io/v1beta1', 'HostedCluster'))) throw usageError('this cluster does not serve HostedCluster: HyperShift is not installed', 'prepare it first: hcp-kv bootstrap (then hcp-kv doctor)');
    // An existing cluster is resumed, never changed: it keeps its release (another one is refused here).
    const existing = await ctx.kube.get<LiveHostedCluster>(hcRef(o));
    refuseTerminating(existing);
    ctx.state.existed = Boolean(existing);
    await checkKubeconfigFile(ctx, existing);
    let resolved = await resolveReleaseStep(ctx, existing ? adoptLiveRelease(ctx, existing) : undefined);
    const release = resolved.version ?? releaseOf(resolved.image);
    if (existing) resolved = refuseReleaseChange(ctx, existing, resolved, o.skipVersionCheck ? undefined : await supportedVersions(ctx));
    const { request, recorded } = await withRecordedDefaults(ctx, o.request);
    await checkNetworks(ctx, request);
    ctx.state.infraID = o.infraID ?? existing?.spec?.infraID ?? `${o.name}-${randomInfraSuffix()}`;
    if (existing) await checkExisting(ctx, existing, { ...request, infraID: ctx.state.infraID, releaseImage: resolved.image }, Boolean(o.secrets.sshPublicKey || o.generateSsh));
    // What the cluster will run on: nodes for its control plane and VMs, storage classes, devices, networks.
    await checkWhereItRuns(ctx, request, recorded, release, !existing);
    // Never rotate an existing cluster's etcd encryption key: reuse it on a re-run. (These are candidates: a run
    // racing this one may create them first; apply-cluster creates them create-only and adopts what exists.)
    const key = await ctx.kube.get<KubeObject & { data?: { key?: string } }>({ apiVersion: 'v1', kind: 'Secret', name: secretNames(o.name).etcdKey, namespace: o.namespace });
    ctx.state.etcdKey = key?.data?.key ?? randomBytes(32).toString('base64');
    const ssh = await sshPair(ctx);
    const ingress = await ctx.kube.get<KubeObject & { spec?: { domain?: string } }>({ apiVersion: 'config.openshift.io/v1', kind: 'Ingress', name: 'cluster' });
    ctx.state.appsDomain = ingress?.spec?.domain ?? '';
    // Now that the release and the apps domain are known, every derived name can be checked before any write.
    validateDerivedNames(o.name, o.namespace, release, request.baseDomain || ingress?.spec?.domain);
    ctx.state.cluster = { request, release: resolved, secrets: { ...o.secrets, ...ssh }, recorded };
    return existing ? `HostedCluster ${o.namespace}/${o.name} already exists (release ${resolved.version ?? release ?? resolved.image}): resuming, existing objects are left unchanged` : `release ${release ?? resolved.image}`;
  },
};
