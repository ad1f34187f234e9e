// The MultiClusterEngine (found by listing: its name varies) → Available, with HyperShift enabled the way its
// version needs: the hypershift-preview override before 2.4 (only hcp-kv's own list entry: the user's other
// override entries stay), nothing from 2.4 on (the operator prunes the preview override).
import { HcpError } from '../../errors.js';
import type { KubeObject } from '../../kube/types.js';
import { hypershiftEnabled, hypershiftOverride, localClusterName, MCE_API, mcePlan, multiClusterEngine } from '../../manifests/mce.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

type Mce = KubeObject & { status?: { phase?: string; currentVersion?: string } };

const availableWithVersion = (o: Mce | undefined) => {
  if (!o) return { done: false as const, reason: 'does not exist yet' };
  if (o.status?.phase === 'Available' && o.status.currentVersion) return { done: true as const };
  return { done: false as const, reason: `phase ${o.status?.phase ?? 'unknown'}` };
};

async function findMce(ctx: BootstrapContext): Promise<Mce | undefined> {
  const all = await ctx.kube.list<Mce>(MCE_API, 'MultiClusterEngine');
  if (all.length > 1) throw new HcpError(`found ${all.length} MultiClusterEngines (${all.map((m) => m.metadata.name).join(', ')})`, { hint: 'a cluster runs one MultiClusterEngine; remove the extra one' });
  return all[0];
}

function remember(ctx: BootstrapContext, mce: Mce): string {
  const version = mce.status!.currentVersion!;
  ctx.state.mceName = mce.metadata.name;
  ctx.state.mceVersion = version;
  ctx.state.localClusterName = localClusterName(mce, version);
  return version;
}

export const multiclusterEngine: BootstrapStep = {
  id: 'multicluster-engine',
  title: 'Deploy the multicluster engine with HyperShift enabled',
  needs: ['install-mce'],
  enabled: (ctx) => !ctx.opts.infraOnly,
  async skip(ctx) {
    const mce = await findMce(ctx);
    if (!mce || !availableWithVersion(mce).done) return false;
    const version = remember(ctx, mce);
    return hypershiftEnabled(mce, version) ? `MultiClusterEngine ${mce.metadata.name} ${version} Available, ${mcePlan(version).component} enabled` : false;
  },
  async run(ctx) {
    let mce = await findMce(ctx);
    const name = mce?.metadata.name ?? 'multiclusterengine';
    if (!mce) await applyAll(ctx, [multiClusterEngine(name)]);
    if (isServerDryRun(ctx)) return `[dry run] MultiClusterEngine ${name} validated`;
    mce = await waitFor<Mce>(ctx, { apiVersion: MCE_API, kind: 'MultiClusterEngine', name }, availableWithVersion, 'MCE can take up to 10 minutes; check `oc get mce -o yaml`');
    const version = remember(ctx, mce!);
    const override = hypershiftOverride(name, version);
    if (override && !hypershiftEnabled(mce!, version)) {
      await applyAll(ctx, [override]);
      ctx.report(`enabled ${mcePlan(version).component} (MCE ${version})`);
    }
    return `MultiClusterEngine ${name} ${version}, ${mcePlan(version).component} enabled`;
  },
};
