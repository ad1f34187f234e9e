// The hypershift-addon on local-cluster → Available (created by hcp-kv for MCE < 2.2, by MCE from 2.2).
import { conditionCheck } from '../../kube/conditions.js';
import { mcePlan } from '../../manifests/mce.js';
import { hypershiftAddon as addon } from '../../manifests/ocm.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const available = conditionCheck('Available', 'True', { failWhen: [{ type: 'Degraded', status: 'True' }] });
const ref = (ns: string) => ({ apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ManagedClusterAddOn', name: 'hypershift-addon', namespace: ns });

export const hypershiftAddon: BootstrapStep = {
  id: 'hypershift-addon',
  title: 'Enable the hypershift addon on local-cluster',
  needs: ['local-cluster'],
  enabled: (ctx) => !ctx.opts.infraOnly,
  async skip(ctx) {
    const ns = ctx.state.localClusterName ?? 'local-cluster';
    const check = available(await ctx.kube.get(ref(ns)));
    return 'done' in check && check.done ? 'hypershift-addon is Available' : false;
  },
  async run(ctx) {
    const ns = ctx.state.localClusterName ?? 'local-cluster';
    const version = ctx.state.mceVersion;
    if (isServerDryRun(ctx)) return '[dry run] nothing to validate before MCE runs';
    if (version && mcePlan(version).createLocalCluster) await applyAll(ctx, [addon(ns)]);
    await waitFor(ctx, ref(ns), available, 'check `oc get managedclusteraddon hypershift-addon -n local-cluster -o yaml` and that HyperShift is enabled on the MultiClusterEngine');
    return 'hypershift-addon Available';
  },
};
