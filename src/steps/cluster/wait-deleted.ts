// destroy-cluster: wait (a watch, with the run's deadline) until the HostedCluster is gone.
import { gone } from '../../kube/conditions.js';
import type { DestroyOptions, DestroyStep } from './context.js';
import { hcRef } from './hosted-cluster.js';

export const waitDeleted: DestroyStep = {
  id: 'wait-deleted',
  title: 'Wait until the hosted cluster is gone',
  needs: ['delete-hosted-cluster'],
  async run(ctx) {
    await ctx.kube.waitFor(hcRef(ctx.opts), gone, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint: `the HyperShift operator tears the control plane down; check \`oc get hc ${ctx.opts.name} -n ${ctx.opts.namespace} -o yaml\` and its finalizers` });
    return 'HostedCluster gone';
  },
};
