// Exactly one default StorageClass: the configured one gets the annotation, every other class loses it.
import { exists } from '../../kube/conditions.js';
import type { KubeObject } from '../../kube/types.js';
import { DEFAULT_CLASS_ANNOTATION, defaultClassPatch } from '../../manifests/core.js';
import { isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const isDefault = (sc: KubeObject) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true';

export async function defaultClasses(ctx: BootstrapContext): Promise<string[]> {
  return (await ctx.kube.list('storage.k8s.io/v1', 'StorageClass')).filter(isDefault).map((sc) => sc.metadata.name);
}

export const defaultStorageClass: BootstrapStep = {
  id: 'default-storage-class',
  title: 'Make the storage class the only default',
  needs: ['preflight', 'storage', 'lvm-cluster'],
  async skip(ctx) {
    const defaults = await defaultClasses(ctx);
    return defaults.length === 1 && defaults[0] === ctx.opts.storageClass ? `${ctx.opts.storageClass} is the only default` : false;
  },
  async run(ctx) {
    const name = ctx.opts.storageClass;
    const ref = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name };
    if (!isServerDryRun(ctx)) await waitFor(ctx, ref, exists, ctx.opts.storage === 'existing' ? `StorageClass ${name} does not exist: pick one from \`oc get sc\`` : undefined);
    else if (!(await ctx.kube.get(ref))) return `[dry run] StorageClass ${name} does not exist yet`;
    const dryRun = isServerDryRun(ctx);
    const others = (await defaultClasses(ctx)).filter((n) => n !== name);
    for (const other of others) {
      await ctx.kube.patch({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: other }, defaultClassPatch(false), 'merge', { dryRun, signal: ctx.signal });
      ctx.report(`StorageClass ${other} is no longer default`);
    }
    await ctx.kube.patch(ref, defaultClassPatch(true), 'merge', { dryRun, signal: ctx.signal });
    return `${name} is the default${others.length ? ` (was: ${others.join(', ')})` : ''}`;
  },
};
