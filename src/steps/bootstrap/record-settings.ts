// Records bootstrap's placement and storage choices in the ConfigMap hcp-kv/hcp-kv-settings, where
// create-cluster reads its defaults (HostedCluster nodeSelector/tolerations, VM node selector, etcd class).
// Keys from an earlier bootstrap that this run does not set are kept.
import type { KubeObject } from '../../kube/types.js';
import { chosenSettings, parseSettings, settingsObjects, SETTINGS_REF } from '../../manifests/placement.js';
import type { BootstrapOptions } from '../../config/bootstrap.js';
import { applyAll, isServerDryRun, type BootstrapContext, type BootstrapStep } from './context.js';
import type { ConfigMap } from '../../model/index.js';

const sorted = (d: Record<string, string> | undefined) => JSON.stringify(Object.entries(d ?? {}).sort(([a], [b]) => a.localeCompare(b)));
const sameData = (a: Record<string, string> | undefined, b: Record<string, string>) => sorted(a) === sorted(b);

async function wanted(ctx: BootstrapContext): Promise<{ current?: Record<string, string>; objects: KubeObject[] }> {
  const live = await ctx.kube.get<ConfigMap>(SETTINGS_REF);
  const objects = settingsObjects({ ...parseSettings(live?.data), ...chosenSettings(ctx.opts) });
  return { current: live?.data, objects };
}

export const recordSettings: BootstrapStep = {
  id: 'record-settings',
  title: 'Record the defaults for create-cluster',
  needs: ['preflight'],
  enabled: (ctx) => Object.keys(chosenSettings(ctx.opts)).length > 0,
  async skip(ctx) {
    const w = await wanted(ctx);
    return sameData(w.current, w.objects[1]!.data as Record<string, string>) ? `ConfigMap ${SETTINGS_REF.namespace}/${SETTINGS_REF.name} is current` : false;
  },
  async run(ctx) {
    const w = await wanted(ctx);
    await applyAll(ctx, w.objects);
    return `${isServerDryRun(ctx) ? '[dry run] ' : ''}ConfigMap ${SETTINGS_REF.namespace}/${SETTINGS_REF.name}: ${Object.keys(w.objects[1]!.data as object).join(', ')}`;
  },
};
