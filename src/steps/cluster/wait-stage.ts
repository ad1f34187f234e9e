// Not a step: the shape of create-cluster's staged, watch-driven waits (wait-vms, wait-available,
// wait-nodepool, wait-version). Each watches one object until its check passes, reporting conditions as they
// change, within the run's announced deadline; disabled by --no-wait.
import type { Check, KubeObject, ObjectRef } from '../../kube/types.js';
import type { ClusterContext, ClusterStep, CreateOptions, CreateStepId } from './context.js';

/** The HostedCluster is invalid: waiting longer will not help. */
export const invalid = [
  { type: 'ValidConfiguration', status: 'False' },
  { type: 'ValidReleaseImage', status: 'False' },
];

/** `check` is built from the run's options and state: each wait compares what it waits for (the release requested, the
 * generation it changed), not only the newest state. */
export function waitStage(
  id: CreateStepId,
  title: string,
  needs: readonly CreateStepId[],
  ref: (o: CreateOptions) => ObjectRef,
  check: (ctx: ClusterContext) => (obj: KubeObject | undefined) => Check,
  hint: string | ((o: CreateOptions) => string),
  done: string,
): ClusterStep {
  return {
    id,
    title,
    needs,
    enabled: (ctx) => ctx.opts.wait,
    notNeeded: () => '--no-wait returns once the objects are applied',
    async run(ctx) {
      await ctx.kube.waitFor(ref(ctx.opts), check(ctx), { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint: typeof hint === 'string' ? hint : hint(ctx.opts) });
      return done;
    },
  };
}
