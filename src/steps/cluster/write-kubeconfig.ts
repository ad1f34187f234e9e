// The admin kubeconfig from the HostedCluster's status.kubeconfig secret, written with mode 0600 — only when the
// file's content differs (a retried run leaves an identical file alone). An existing file with other content is
// replaced only with --force.
import { readFile } from 'node:fs/promises';
import { usageError } from '../../errors.js';
import type { ClusterStep } from './context.js';
import { adminKubeconfig, writePrivateFile } from './hosted-cluster.js';

export const writeKubeconfigStep: ClusterStep = {
  id: 'write-kubeconfig',
  title: 'Write the admin kubeconfig',
  needs: ['wait-version', 'ingress-passthrough'],
  enabled: (ctx) => ctx.opts.wait && ctx.opts.writeKubeconfig,
  notNeeded: (ctx) => (ctx.opts.wait ? 'this run writes no kubeconfig file' : `--no-wait; write it later with hcp-kv create-kubeconfig ${ctx.opts.name}`),
  async run(ctx) {
    const o = ctx.opts;
    const text = await adminKubeconfig(ctx.kube, o);
    const current = await readFile(o.kubeconfigOut, 'utf8').catch(() => undefined);
    if (current === text) return `${o.kubeconfigOut} unchanged (already this cluster's admin kubeconfig)`;
    if (current !== undefined && !o.force)
      throw usageError(
        `${o.kubeconfigOut} exists with other content (it changed while this command ran); the cluster is ready, the file was not overwritten`,
        're-run with --force to overwrite it, or pass --kubeconfig-out with another path',
      );
    await writePrivateFile(o.kubeconfigOut, text, { overwrite: o.force });
    return `${o.kubeconfigOut} (mode 0600)`;
  },
};
