// Before anything changes: the cluster and the named node pools exist, the target resolves to a version the
// HyperShift operator supports, is not a downgrade, is at most one minor ahead (unless --force), and no other
// upgrade is still rolling (unless --force retargets it). A re-run of an interrupted upgrade carries on.
import { refuseTerminating } from '../../kube/terminating.js';
import { imageSetsFrom, releaseOf, resolveRelease } from '../../config/release.js';
import { checkPoolsLeftBehind, checkUpgradeTarget } from '../../config/upgrade-rules.js';
import { usageError } from '../../errors.js';
import { findCondition } from '../../kube/conditions.js';
import { requireHostedCluster } from '../../model/index.js';
import { supportedVersions } from '../../preflight/checks.js';
import { checkCnvForRelease } from '../../capacity/prerequisites.js';
import type { UpgradeStep } from './context.js';

export const checkUpgrade: UpgradeStep = {
  id: 'check-upgrade',
  title: 'Check the hosted cluster and the target release',
  async run(ctx) {
    const o = ctx.opts;
    const { hostedCluster: hc, nodePools: pools } = await requireHostedCluster(ctx.kube, o);
    refuseTerminating(hc);
    // As create-cluster: x.y → the newest patch a ClusterImageSet offers, x.y.z → its ClusterImageSet (or the public image).
    const supported = await supportedVersions(ctx);
    const sets = (await ctx.kube.hasKind('hive.openshift.io/v1', 'ClusterImageSet')) ? imageSetsFrom(await ctx.kube.list('hive.openshift.io/v1', 'ClusterImageSet')) : [];
    const resolved = resolveRelease(o.request, sets, supported, 'amd64');
    const image = resolved.image;
    const version = resolved.version ?? releaseOf(image);
    if (!version && !o.force) throw usageError(`cannot tell which OpenShift version ${image} is`, 'pass --release x.y.z, an image tagged with its version, or --force to skip the version checks');
    const history = hc.status?.version?.history ?? [];
    const current = history.find((h) => h.state === 'Completed')?.version ?? releaseOf(hc.spec?.release?.image ?? '');
    if (!current) throw usageError(`hosted cluster ${o.namespace}/${o.name} has not completed an install yet`, `wait for it (hcp-kv status ${o.name}) before upgrading`);
    // --force lifts only the one-minor rule; unsupported releases and downgrades are refused regardless.
    if (version) checkUpgradeTarget({ current, target: version, supported, force: o.force });
    const names = pools.map((p) => p.metadata.name);
    if (Array.isArray(o.nodePools)) {
      const unknown = o.nodePools.filter((n) => !names.includes(n));
      if (unknown.length) throw usageError(`node pool ${unknown.join(', ')} of hosted cluster ${o.name} not found`, names.length ? `its node pools: ${names.join(', ')}` : 'it has no node pools');
    }
    ctx.state.pools = o.nodePools === 'all' ? names : o.nodePools === 'none' ? [] : o.nodePools;
    // OpenShift Virtualization must be 4.14 or later for 4.14 and later (the VMs on an external infrastructure
    // cluster are checked by create-cluster only: this command does not connect to it).
    if (version && !hc.spec?.platform?.kubevirt?.credentials) await checkCnvForRelease(ctx.kube, version);
    // The pools not upgraded with it must stay within the node-pool version skew of the new control plane.
    const upgraded = ctx.state.pools;
    const kept = pools.filter((p) => !upgraded.includes(p.metadata.name));
    if (version)
      checkPoolsLeftBehind(
        version,
        kept.map((p) => ({ name: p.metadata.name, version: p.status?.version ?? releaseOf(p.spec?.release?.image ?? '') })),
      );
    // Another rollout in progress: the control plane towards another image, or a pool replacing nodes for one.
    const top = history[0];
    const cpRolling = top && top.state !== 'Completed' && top.image !== image && history.some((h) => h.state === 'Completed');
    const poolRolling = pools.filter((p) => findCondition(p, 'UpdatingVersion')?.status === 'True' && p.spec?.release?.image !== image);
    if (!o.force && (cpRolling || poolRolling.length)) {
      const what = cpRolling
        ? `the control plane is still rolling out ${top!.version}`
        : `node pool ${poolRolling.map((p) => p.metadata.name).join(', ')} is still replacing nodes for ${releaseOf(poolRolling[0]!.spec?.release?.image ?? '') ?? poolRolling[0]!.spec?.release?.image}`;
      throw usageError(`another upgrade is in progress: ${what}`, `wait for it (hcp-kv status ${o.name}), or pass --force to retarget it to ${version ?? image}`);
    }
    ctx.state.target = { version, image };
    ctx.state.current = current;
    const resuming = top?.image === image && top.state !== 'Completed';
    return `${current} → ${version ?? image} (${resolved.source})${resuming ? ' (resuming)' : ''}; node pools: ${ctx.state.pools.length ? ctx.state.pools.join(', ') : 'none'}`;
  },
};
