// Installing one operator through OLM: Namespace → OperatorGroup → Subscription, then its CSV Succeeded
// (Failed is an error carrying the CSV's message). Already installed → skipped with the installed CSV.
import { csvSucceeded } from '../../kube/conditions.js';
import type { KubeObject } from '../../kube/types.js';
import { operatorIds } from '../../manifests/bootstrap.js';
import { OPERATORS, operatorInstall, type OperatorId } from '../../manifests/olm.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

type Subscription = KubeObject & { status?: { installedCSV?: string; currentCSV?: string; conditions?: Array<{ type: string; status: string; message?: string }> } };

export function installOperatorStep(id: OperatorId): BootstrapStep {
  const def = OPERATORS[id];
  return {
    id: `install-${id}`,
    title: `Install the ${def.title} operator`,
    // mirror-resources (when enabled) applies the catalog this Subscription uses.
    needs: ['preflight', 'mirror-resources'],
    enabled: (ctx) => operatorIds(ctx.opts).includes(id),
    notNeeded: (ctx) => (id === 'mce' ? '--infra-only: an infrastructure cluster runs no multicluster engine' : id === 'oadp' ? 'no --with-oadp' : `--storage ${ctx.opts.storage} uses StorageClass ${ctx.opts.storageClass}`),
    async skip(ctx) {
      const csv = ctx.state.installed?.[id];
      return csv ? `already installed (${csv})` : false;
    },
    async run(ctx) {
      const channel = ctx.state.channels?.[id];
      await applyAll(ctx, operatorInstall(def, channel, ctx.state.catalogSource));
      if (isServerDryRun(ctx)) return `[dry run] would subscribe to ${def.packageName} (${channel}) from ${ctx.state.catalogSource ?? 'redhat-operators'}`;
      const subRef = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: def.packageName, namespace: def.namespace };
      const sub = await waitFor<Subscription>(
        ctx,
        subRef,
        (s) => {
          const failed = s?.status?.conditions?.find((c) => c.type === 'ResolutionFailed' && c.status === 'True');
          if (failed) return { failed: `cannot resolve ${def.packageName}: ${failed.message ?? 'resolution failed'}` };
          return s?.status?.installedCSV || s?.status?.currentCSV ? { done: true } : { done: false, reason: 'waiting for OLM to resolve the subscription' };
        },
        `check the catalog: \`oc get packagemanifests -n openshift-marketplace -l catalog=${ctx.state.catalogSource ?? 'redhat-operators'}\``,
      );
      const csvName = (sub?.status?.installedCSV ?? sub?.status?.currentCSV)!;
      await waitFor(ctx, { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'ClusterServiceVersion', name: csvName, namespace: def.namespace }, csvSucceeded, `look at the CSV: \`oc get csv ${csvName} -n ${def.namespace} -o yaml\``);
      return `installed ${csvName} (channel ${channel})`;
    },
  };
}
