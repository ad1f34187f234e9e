// MetalLB: the MetalLB CR → Available, the address pool (created or changed with preconditions, metallb-pool.ts)
// and its L2 advertisement.
import { conditionCheck } from '../../kube/conditions.js';
import type { KubeObject } from '../../kube/types.js';
import { metallbObjects } from '../../manifests/bootstrap.js';
import { writeMetallbPool } from './metallb-pool.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';
import type { IPAddressPool } from '../../model/index.js';

const REF = { apiVersion: 'metallb.io/v1beta1', kind: 'MetalLB', name: 'metallb', namespace: 'metallb-system' };
const available = conditionCheck('Available', 'True');

export const metallb: BootstrapStep = {
  id: 'metallb',
  title: 'Configure MetalLB address pool and L2 advertisement',
  needs: ['install-metallb'],
  async skip(ctx) {
    const check = available(await ctx.kube.get(REF));
    if (!('done' in check && check.done)) return false;
    const pool = await ctx.kube.get<IPAddressPool>({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', name: ctx.opts.poolName, namespace: 'metallb-system' });
    const adv = await ctx.kube.get({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', name: ctx.opts.poolName, namespace: 'metallb-system' });
    const same = JSON.stringify(pool?.spec?.addresses ?? []) === JSON.stringify(ctx.opts.metallbAddresses);
    return same && adv ? `MetalLB Available, pool ${ctx.opts.poolName} ${ctx.opts.metallbAddresses.join(',')}` : false;
  },
  async run(ctx) {
    if (isServerDryRun(ctx)) {
      await applyAll(ctx, metallbObjects(ctx.opts));
      return '[dry run] MetalLB, pool and advertisement validated';
    }
    // The pool is not applied (apply would let the last of two runs win silently): see metallb-pool.ts.
    await applyAll(
      ctx,
      metallbObjects(ctx.opts).filter((o) => o.kind !== 'IPAddressPool'),
    );
    ctx.report(`IPAddressPool metallb-system/${ctx.opts.poolName} ${await writeMetallbPool(ctx.kube, ctx.opts, ctx.signal)}`);
    await waitFor(ctx, REF, available, 'check `oc get metallb -n metallb-system metallb -o yaml`');
    return `pool ${ctx.opts.poolName}: ${ctx.opts.metallbAddresses.join(', ')}`;
  },
};
