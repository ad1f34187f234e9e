// Watch the HostedCluster until its version history says the target is Completed.
import { hcRefOf } from '../nodepool/context.js';
import { controlPlaneAt, type HostedCluster, type UpgradeStep } from './context.js';

export const waitControlPlane: UpgradeStep = {
  id: 'wait-control-plane',
  title: 'Wait for the control plane to run the new release',
  needs: ['upgrade-control-plane'],
  async run(ctx) {
    const o = ctx.opts;
    await ctx.kube.waitFor<HostedCluster>(hcRefOf(o.name, o.namespace), controlPlaneAt(ctx.state.target!.image), { timeout: o.timeoutMs, signal: ctx.signal, report: ctx.report, hint: `see why with \`hcp-kv diagnose ${o.name}\`` });
    return `control plane ${ctx.state.target!.version ?? ctx.state.target!.image} Completed`;
  },
};
