// restore: the hosted control plane Available again, then every NodePool Ready with its nodes (create-cluster's
// checks: wait-available, wait-nodepool).
import { conditionCheck } from '../../kube/conditions.js';
import { clusterObjects } from '../../backup/pause.js';
import { hcRef, npRef } from '../cluster/hosted-cluster.js';
import { invalid } from '../cluster/wait-stage.js';
import { nodePoolDone } from '../cluster/wait-nodepool.js';
import type { RestoreStep } from './context.js';

export const waitRestored: RestoreStep = {
  id: 'wait-restored',
  title: 'Wait for the hosted cluster and its nodes',
  needs: ['resume-restored'],
  async run(ctx) {
    const o = ctx.opts;
    const w = { timeout: o.timeoutMs, signal: ctx.signal, report: ctx.report };
    await ctx.kube.waitFor(hcRef(o), conditionCheck('Available', 'True', { failWhen: invalid }), { ...w, hint: `check \`oc get hc ${o.name} -n ${o.namespace} -o yaml\`` });
    const { pools } = await clusterObjects(ctx.kube, o.name, o.namespace, ctx.signal);
    for (const np of pools) await ctx.kube.waitFor(npRef({ name: np.metadata.name, namespace: o.namespace }), nodePoolDone, { ...w, hint: `check \`oc get np ${np.metadata.name} -n ${o.namespace}\` and the guest nodes` });
    return `control plane Available, ${pools.length} NodePool${pools.length === 1 ? '' : 's'} Ready`;
  },
};
