// destroy-cluster, after the secrets: remove the kubeconfig file create-cluster wrote for the cluster (default
// NAME-kubeconfig, as create-cluster's --kubeconfig-out) — only when its content is still the admin kubeconfig
// read from the cluster before it was deleted; otherwise it is left and the reason said.
import { readFile, rm } from 'node:fs/promises';
import type { DestroyStep } from './context.js';

export const removeKubeconfig: DestroyStep = {
  id: 'remove-kubeconfig',
  title: 'Remove the kubeconfig file written for the cluster',
  needs: ['delete-secrets'],
  async run(ctx) {
    const file = ctx.opts.kubeconfigFile ?? `${ctx.opts.name}-kubeconfig`;
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    if (text === undefined) return `no ${file} to remove`;
    if (ctx.state.kubeconfig === undefined) return `left ${file}: the cluster's admin kubeconfig could not be read before the deletion (already gone), so hcp-kv cannot tell it is the file it wrote; remove it yourself if it is`;
    if (text !== ctx.state.kubeconfig) return `left ${file}: its content is not ${ctx.opts.namespace}/${ctx.opts.name}'s admin kubeconfig (changed, or written for another cluster)`;
    await rm(file, { force: true });
    return `removed ${file} (it was this cluster's admin kubeconfig)`;
  },
};
