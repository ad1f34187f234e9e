// Point the HostedCluster at the target release; HyperShift rolls the control plane out.
import { hcRefOf } from '../nodepool/context.js';
import type { HostedCluster, UpgradeStep } from './context.js';

export const upgradeControlPlane: UpgradeStep = {
  id: 'upgrade-control-plane',
  title: 'Set the control plane release',
  needs: ['check-upgrade'],
  async skip(ctx) {
    const hc = await ctx.kube.get<HostedCluster>(hcRefOf(ctx.opts.name, ctx.opts.namespace));
    return hc?.spec?.release?.image === ctx.state.target!.image ? `already ${ctx.state.target!.version ?? ctx.state.target!.image}` : false;
  },
  async run(ctx) {
    await ctx.kube.patch(hcRefOf(ctx.opts.name, ctx.opts.namespace), { spec: { release: { image: ctx.state.target!.image } } }, 'merge', { signal: ctx.signal });
    return `spec.release.image → ${ctx.state.target!.image}`;
  },
};
