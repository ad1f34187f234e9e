// The local-cluster ManagedCluster: created by hcp-kv for MCE < 2.2 (applying it fails with "no matches for
// kind" until MCE registers the CRD — retried until the deadline), auto-created by MCE from 2.2. Either way
// it must be accepted, joined and available.
import { allConditions } from '../../kube/conditions.js';
import { mcePlan } from '../../manifests/mce.js';
import { managedCluster } from '../../manifests/ocm.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const joined = allConditions([{ type: 'HubAcceptedManagedCluster' }, { type: 'ManagedClusterJoined' }, { type: 'ManagedClusterConditionAvailable' }]);
const ref = (name: string) => ({ apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', name });

export const localCluster: BootstrapStep = {
  id: 'local-cluster',
  title: 'Register the local-cluster ManagedCluster',
  needs: ['multicluster-engine'],
  enabled: (ctx) => !ctx.opts.infraOnly,
  async skip(ctx) {
    const name = ctx.state.localClusterName ?? 'local-cluster';
    const check = joined(await ctx.kube.get(ref(name)));
    return 'done' in check && check.done ? `ManagedCluster ${name} joined and available` : false;
  },
  async run(ctx) {
    const name = ctx.state.localClusterName ?? 'local-cluster';
    const version = ctx.state.mceVersion;
    if (isServerDryRun(ctx)) return '[dry run] nothing to validate before MCE runs';
    if (version && mcePlan(version).createLocalCluster) await applyAll(ctx, [managedCluster(name)]);
    else ctx.report(`MCE ${version} creates ManagedCluster ${name} itself`);
    await waitFor(ctx, ref(name), joined, `check \`oc get managedcluster ${name} -o yaml\``);
    return `ManagedCluster ${name} joined`;
  },
};
