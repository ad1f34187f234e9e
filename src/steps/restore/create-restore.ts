// restore: the Velero Restore, create-only.
import type { RestoreStep } from './context.js';

export const createRestore: RestoreStep = {
  id: 'create-restore',
  title: 'Create the Velero Restore',
  needs: ['check-restore'],
  async run(ctx) {
    const r = ctx.opts.restore;
    await ctx.kube.create(r, { signal: ctx.signal });
    return `Restore ${r.metadata.namespace}/${r.metadata.name} created from ${ctx.state.backup}`;
  },
};
