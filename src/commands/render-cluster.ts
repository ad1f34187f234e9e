import type { Command } from 'commander';
import { clusterFlags } from './create-cluster.js';
import type { RenderClusterFlags } from './render-cluster-impl.js';

export function registerRenderCluster(render: Command): void {
  clusterFlags(render.command('cluster [name]').description('the manifests create-cluster would apply, as `hcp create cluster kubevirt --render` prints them'))
    .option('--render', 'accepted for command lines copied from hcp (rendering is what this command does)')
    .option('--render-sensitive', 'include the Secrets')
    .option('--force', 'replace an existing --render-into file')
    .action(async (name: string | undefined, f: RenderClusterFlags, cmd: Command) => {
      const { run } = await import('./render-cluster-impl.js');
      await run(name, f, (cmd.optsWithGlobals() as { kubeconfig?: string }).kubeconfig);
    });
}
