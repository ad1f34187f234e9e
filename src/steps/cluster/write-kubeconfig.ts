// The admin kubeconfig from the HostedCluster's status.kubeconfig secret, written with mode 0600.
import type { ClusterStep, CreateOptions } from './context.js';
import { adminKubeconfig, writePrivateFile } from './hosted-cluster.js';

export const writeKubeconfigStep: ClusterStep = {
  id: 'write-kubeconfig',
  title: 'Write the admin kubeconfig',
  needs: ['wait-version', 'ingress-passthrough'],
  enabled: (ctx) => ctx.opts.wait && ctx.opts.writeKubeconfig,
  notNeeded: (ctx) => (ctx.opts.wait ? 'this run writes no kubeconfig file' : `--no-wait; write it later with hcp-kv create-kubeconfig ${ctx.opts.name}`),
  async run(ctx) {
    await writePrivateFile(ctx.opts.kubeconfigOut, await adminKubeconfig(ctx.kube, ctx.opts), { overwrite: ctx.opts.force });
    return `${ctx.opts.kubeconfigOut} (mode 0600)`;
  },
};
