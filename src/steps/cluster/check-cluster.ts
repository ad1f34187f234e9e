// Before anything is sent: the cluster can host hosted clusters, the release resolves (ClusterImageSets) and is
// supported, the CIDRs do not overlap the management cluster's networks, the kubeconfig file will not be
// overwritten by accident, and an existing cluster's infraID and keys are reused (converge) — unless the request
// changes a field the API keeps immutable, which is refused here with the live and the requested value.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { validateDerivedNames } from '../../config/cluster.js';
import { cidr, overlaps } from '../../config/cluster-parse.js';
import { imageSetsFrom, releaseOf, resolveRelease } from '../../config/release.js';
import { unreachableError, usageError } from '../../errors.js';
import { refuseTerminating } from '../../kube/terminating.js';
import type { KubeObject } from '../../kube/types.js';
import { IMMUTABLE_HOSTED_CLUSTER_FIELDS, IMMUTABLE_NODEPOOL_FIELDS, immutableChanges } from '../../manifests/immutable.js';
import { hostedCluster, nodePool, secretNames } from '../../manifests/hypershift.js';
import { supportedVersions } from '../../preflight/checks.js';
import { clusterSpec, type ClusterContext, type ClusterStep } from './context.js';
import { hcRef, npRef, randomInfraSuffix } from './hosted-cluster.js';
import { checkDevicesAndNetworks } from './devices-networks.js';
import { checkStorageClasses } from './storage-classes.js';
import type { HttpLimits } from '../../kube/http.js';
import { connectInfraCluster } from './infra-cluster.js';
import { applyRecordedDefaults, checkPlacementOfCluster } from './placement.js';
import { capacityNeedOfCluster, prerequisitesOfCluster } from './capacity-need.js';
import { checkCapacity } from '../../capacity/check.js';
import { checkPrerequisites } from '../../capacity/prerequisites.js';
import { adoptLiveRelease, describeExisting, kubeconfigFileState, refuseReleaseChange, type LiveHostedCluster } from './existing-cluster.js';

/** `adopted`: the existing cluster's own release, kept even when the operator no longer lists it. */
async function resolveReleaseStep(ctx: ClusterContext, adopted = false): Promise<string | undefined> {
  const o = ctx.opts;
  const versions = await supportedVersions(ctx);
  // An image that names no version (digest, mirror, custom tag) is looked up in the ClusterImageSets too.
  if (!o.releaseImage || !(o.release ?? releaseOf(o.releaseImage))) {
    const sets = (await ctx.kube.hasKind('hive.openshift.io/v1', 'ClusterImageSet')) ? imageSetsFrom(await ctx.kube.list('hive.openshift.io/v1', 'ClusterImageSet')) : [];
    const r = resolveRelease(o.releaseRequest, sets, o.skipVersionCheck ? undefined : versions, o.arch);
    o.releaseImage = r.image;
    o.release = r.version;
    ctx.report(`release ${r.version ?? r.image}: ${r.source}`);
  }
  const release = o.release ?? releaseOf(o.releaseImage);
  if (!adopted && !o.skipVersionCheck && release && versions && !versions.includes(release.split('.').slice(0, 2).join('.'))) {
    throw usageError(`OpenShift ${release} is not supported by this HyperShift operator (supported: ${versions.join(', ')})`, 'pick a supported --release, or pass --skip-version-check');
  }
  return release;
}

/** The hosted cluster's pod and service networks must not overlap the management cluster's (read from its Network config). */
async function checkNetworks(ctx: ClusterContext): Promise<void> {
  const net = await ctx.kube.get<KubeObject & { spec?: { clusterNetwork?: Array<{ cidr: string }>; serviceNetwork?: string[] } }>({ apiVersion: 'config.openshift.io/v1', kind: 'Network', name: 'cluster' });
  if (!net) return;
  const mgmt = [...(net.spec?.clusterNetwork ?? []).map((c) => ['cluster network', c.cidr] as const), ...(net.spec?.serviceNetwork ?? []).map((c) => ['service network', c] as const)];
  for (const [flag, list] of [['cluster-cidr', ctx.opts.clusterCIDR], ['service-cidr', ctx.opts.serviceCIDR]] as const) {
    for (const mine of list) {
      for (const [what, text] of mgmt) {
        let theirs;
        try {
          theirs = cidr('management', text);
        } catch {
          continue;
        }
        if (overlaps(cidr(flag, mine), theirs)) throw usageError(`--${flag} ${mine} overlaps the management cluster's ${what} ${text}`, `choose a range outside it, e.g. --${flag} ${flag === 'cluster-cidr' ? '10.132.0.0/14' : '172.31.0.0/16'}`);
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
async function checkExisting(ctx: ClusterContext, existing: LiveHostedCluster): Promise<void> {
  const o = ctx.opts;
  const spec = clusterSpec(ctx);
  const liveNp = spec.replicas >= 0 ? await ctx.kube.get(npRef(o)) : undefined;
  refuseTerminating(liveNp);
  if (liveNp) ctx.report(describeExisting(liveNp, nodePool(spec)));
  const changes = [
    ...immutableChanges(existing, hostedCluster(spec, Boolean(o.sshPublicKey || o.generateSsh)), IMMUTABLE_HOSTED_CLUSTER_FIELDS),
    ...immutableChanges(liveNp, nodePool(spec), IMMUTABLE_NODEPOOL_FIELDS),
  ];
  if (changes.length) {
    const list = changes.map((c) => `${c.path} (live ${c.live}, requested ${c.requested})`).join('; ');
    throw usageError(`${changes[0]!.object} exists and these fields cannot change: ${list}`, `keep the live values (nothing was changed); these fields only change by re-creating the cluster ${o.namespace}/${o.name}`);
  }
}

export const checkCluster: ClusterStep = {
  id: 'check-cluster',
  title: 'Check the management cluster and the request',
  async run(ctx) {
    const o = ctx.opts;
    if (!(await ctx.kube.can('create', { group: 'hypershift.openshift.io', resource: 'hostedclusters', namespace: o.namespace }))) throw unreachableError(`the current user may not create hostedclusters in ${o.namespace}`, 'log in as a cluster admin');
    if (!(await ctx.kube.hasKind('hypershift.openshift.io/v1beta1', 'HostedCluster'))) throw usageError('this cluster does not serve HostedCluster: HyperShift is not installed', 'prepare it first: hcp-kv bootstrap (then hcp-kv doctor)');
    // An existing cluster is resumed, never changed: it keeps its release (another one is refused here).
    const existing = await ctx.kube.get<LiveHostedCluster>(hcRef(o));
    refuseTerminating(existing);
    ctx.state.existed = Boolean(existing);
    await checkKubeconfigFile(ctx, existing);
    const release = await resolveReleaseStep(ctx, existing ? adoptLiveRelease(ctx, existing) : false);
    if (existing) refuseReleaseChange(ctx, existing, o.skipVersionCheck ? undefined : await supportedVersions(ctx));
    const recorded = await applyRecordedDefaults(ctx);
    await checkNetworks(ctx);
    ctx.state.infraID = o.infraID ?? existing?.spec?.infraID ?? `${o.name}-${randomInfraSuffix()}`;
    if (existing) await checkExisting(ctx, existing);
    // What the cluster will run on: nodes for its control plane and VMs, storage classes, devices, networks.
    await checkPlacementOfCluster(ctx, recorded);
    // With external infrastructure, the VMs, their volumes, devices and networks are on the infra cluster.
    const infra = await connectInfraCluster(o, (ctx.kube as { http?: { limits?: HttpLimits } }).http?.limits);
    try {
      if (infra) ctx.report(`infrastructure cluster ${infra.kube.server}: reachable, permitted in namespace ${o.infraNamespace}`);
      const vmSide = infra?.kube ?? ctx.kube;
      await checkStorageClasses(ctx.kube, vmSide, { ...ctx.opts, recordedEtcd: recorded.some((r) => r.startsWith('etcd')) });
      for (const note of await checkDevicesAndNetworks(vmSide, ctx.opts.nodePool.platform.kubevirt)) ctx.report(note);
      // A new cluster needs room for its control plane and VMs; a re-run adds neither.
      if (!existing && !o.skipCapacityCheck) ctx.report(await checkCapacity(ctx.kube, capacityNeedOfCluster(o, infra?.kube), ctx.signal));
      for (const warning of await checkPrerequisites(ctx.kube, vmSide, prerequisitesOfCluster(o, release))) ctx.report(warning);
    } finally {
      await infra?.close();
    }
    // Never rotate an existing cluster's etcd encryption key: reuse it on a re-run. (These are candidates: a run
    // racing this one may create them first; apply-cluster creates them create-only and adopts what exists.)
    const key = await ctx.kube.get<KubeObject & { data?: { key?: string } }>({ apiVersion: 'v1', kind: 'Secret', name: secretNames(o.name).etcdKey, namespace: o.namespace });
    ctx.state.etcdKey = key?.data?.key ?? randomBytes(32).toString('base64');
    if (o.generateSsh && o.engine === 'native') {
      const ssh = await ctx.kube.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', name: secretNames(o.name).sshKey, namespace: o.namespace });
      const { generateSshKeyPair } = await import('../../config/ssh-keygen.js');
      const pair = ssh?.data?.['id_rsa.pub'] && ssh.data.id_rsa ? { publicKey: Buffer.from(ssh.data['id_rsa.pub'], 'base64').toString(), privateKey: Buffer.from(ssh.data.id_rsa, 'base64').toString() } : generateSshKeyPair();
      o.sshPublicKey = pair.publicKey;
      o.sshPrivateKey = pair.privateKey;
    }
    const ingress = await ctx.kube.get<KubeObject & { spec?: { domain?: string } }>({ apiVersion: 'config.openshift.io/v1', kind: 'Ingress', name: 'cluster' });
    ctx.state.appsDomain = ingress?.spec?.domain ?? '';
    // Now that the release and the apps domain are known, every derived name can be checked before any write.
    validateDerivedNames(o.name, o.namespace, release, o.baseDomain || ingress?.spec?.domain);
    return existing ? `HostedCluster ${o.namespace}/${o.name} already exists (release ${o.release ?? release ?? o.releaseImage}): resuming, existing objects are left unchanged` : `release ${release ?? o.releaseImage}`;
  },
};
