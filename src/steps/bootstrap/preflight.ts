// Read-only checks before anything changes: reachable and authenticated, permitted, OpenShift ≥ 4.12, nodes,
// the catalog knows every package and channel, and what is already installed.
import semver from 'semver';
import { refuseDroppingHeldAddresses } from '../../preflight/metallb-in-use.js';
import { HcpError, unreachableError, usageError } from '../../errors.js';
import type { OperatorId } from '../../manifests/olm.js';
import type { KubeObject } from '../../kube/types.js';
import { checkAccess, installedOperators, MIN_OPENSHIFT, openshiftVersion, resolveChannels } from '../../preflight/checks.js';
import type { BootstrapContext, BootstrapStep } from './context.js';
import { checkPlacement } from '../../preflight/placement-checks.js';
import { checkCatalog } from '../../preflight/preflight-catalog.js';
import type { Node } from '../../model/index.js';
import { checkOadp } from '../../preflight/oadp-check.js';

export const preflight: BootstrapStep = {
  id: 'preflight',
  title: 'Check the cluster before changing anything',
  async run(ctx) {
    const denied = await checkAccess(ctx);
    if (denied.length) throw unreachableError(`the current user may not ${denied.join(', ')}`, 'bootstrap needs cluster-admin: log in as a cluster admin (`oc login`) or use an admin kubeconfig');
    const version = await openshiftVersion(ctx);
    const v = semver.coerce(version)?.version ?? '0.0.0';
    if (semver.lt(v, MIN_OPENSHIFT)) throw usageError(`OpenShift ${version} is not supported (HyperShift on KubeVirt needs 4.12 or later)`, 'upgrade the management cluster to 4.12 or later first');
    ctx.report(`OpenShift ${version}`);
    const nodes = await ctx.kube.list<Node>('v1', 'Node');
    const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    if (!ready) throw new HcpError('no node is Ready', { hint: 'check `oc get nodes`' });
    ctx.report(`${ready}/${nodes.length} nodes Ready`);
    // Before anything is written: a new pool must not drop addresses Services hold (exit 2).
    if (ctx.opts.metallbSelected !== false) await refuseDroppingHeldAddresses(ctx.kube, ctx.opts, ctx.signal);
    await checkPlacement(ctx);
    const catalog = await checkCatalog(ctx);
    if (!ctx.state.catalogPending) ctx.state.channels = await resolveChannels(ctx, catalog);
    const installed = await installedOperators(ctx);
    ctx.state.installed = installed;
    if (ctx.opts.oadp) ctx.report(`OADP: ${await checkOadp(ctx)}`);
    const already = Object.entries(installed).map(([id, csv]) => `${id} ${csv}`);
    return `OpenShift ${version}, ${ready} nodes Ready${already.length ? `; installed: ${already.join(', ')}` : ''}`;
  },
};

export type { OperatorId };
