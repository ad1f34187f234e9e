// Watch the HostedCluster until its version history says the target is Completed.
import type { Step } from '../../run/step.js';
import { hcRefOf } from '../nodepool/context.js';
import { controlPlaneAt, type HostedCluster, type UpgradeOptions } from './context.js';

export const waitControlPlane: Step<UpgradeOptions> = {
  id: 'wait-control-plane',
  title: 'Wait for the control plane to run the new release',
  needs: ['upgrade-control-plane'],
  async run(ctx) {
    const o = ctx.opts;
    await ctx.kube.waitFor<HostedCluster>(hcRefOf(o.name, o.namespace), controlPlaneAt(o.target!.image), { timeout: o.timeoutMs, signal: ctx.signal, report: ctx.report, hint: `see why with \`hcp-kv diagnose ${o.name}\`` });
    return `control plane ${o.target!.version ?? o.target!.image} Completed`;
  },
};
