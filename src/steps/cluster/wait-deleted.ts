// Wait for the HostedCluster to go, up to the grace period. Stuck: without --force fail naming what holds it;
// with --force remove the finalizers it is stuck on (NodePools, the control-plane namespace's objects, the
// HostedCluster), delete the control-plane namespace, report what was forced, and wait for it to go.
import { HcpError, InterruptedError } from '../../errors.js';
import { gone } from '../../kube/conditions.js';
import { describeObject, refOf } from '../../kube/types.js';
import { controlPlaneNamespace } from '../../manifests/hypershift.js';
import { formatMs } from '../../run/format.js';
import type { DestroyStep } from './context.js';
import { blockers, describeBlocker } from './finalizers.js';
import { hcRef } from './hosted-cluster.js';

export const waitDeleted: DestroyStep = {
  id: 'wait-deleted',
  title: 'Wait until the hosted cluster is gone',
  needs: ['delete-hosted-cluster'],
  async run(ctx) {
    const o = ctx.opts;
    const grace = o.gracePeriodMs ?? o.timeoutMs;
    try {
      await ctx.kube.waitFor(hcRef(o), gone, { timeout: grace, signal: ctx.signal, report: ctx.report });
      return 'HostedCluster gone';
    } catch (e) {
      if (ctx.signal.aborted || e instanceof InterruptedError) throw e;
      ctx.report(`still there after the grace period (${formatMs(grace)})`);
    }
    const stuck = await blockers(ctx.kube, o);
    const names = stuck.map(describeBlocker);
    if (!o.force) {
      throw new HcpError(`HostedCluster ${o.namespace}/${o.name} is still being deleted after ${formatMs(grace)}; it is held by ${names.join('; ') || 'nothing with a finalizer (still terminating)'}`, {
        hint: `find out why with \`hcp-kv diagnose ${o.name}\`; or finish it anyway with \`hcp-kv destroy-cluster ${o.name} --force\` (removes those finalizers)`,
      });
    }
    // HostedCluster last: its own controller may still be cleaning up after the others.
    const order = [...stuck.filter((b) => b.object.kind !== 'HostedCluster'), ...stuck.filter((b) => b.object.kind === 'HostedCluster')];
    const forced: string[] = [];
    for (const b of order) {
      const ref = refOf(b.object);
      // Gone in the meantime (its controller finished after all) is fine; any other failure is reported.
      const ok = await ctx.kube.patch(ref, { metadata: { finalizers: null } }, 'merge', { signal: ctx.signal }).then(
        () => true,
        async (err: unknown) => {
          if (!(await ctx.kube.get(ref))) return false;
          throw err;
        },
      );
      if (!ok) continue;
      forced.push(describeBlocker(b));
      ctx.report(`forced: removed finalizer ${b.finalizers.join(', ')} from ${describeObject(b.object)}`);
    }
    const cp = controlPlaneNamespace(o.namespace, o.name);
    if (await ctx.kube.delete({ apiVersion: 'v1', kind: 'Namespace', name: cp }, { signal: ctx.signal })) ctx.report(`forced: deleted namespace ${cp}`);
    await ctx.kube.waitFor(hcRef(o), gone, { timeout: o.timeoutMs, signal: ctx.signal, report: ctx.report, hint: `something re-added a finalizer; check \`oc get hc ${o.name} -n ${o.namespace} -o yaml\`` });
    return `HostedCluster gone after forcing: ${forced.join('; ') || 'nothing left to force'}`;
  },
};
