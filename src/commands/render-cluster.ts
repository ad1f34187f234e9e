import type { Command } from 'commander';
import type { ClusterFlags } from '../config/cluster-flags.js';
import { clusterFlags } from './create-cluster.js';

export function registerRenderCluster(render: Command): void {
  clusterFlags(render.command('cluster [name]').description('the manifests create-cluster would apply, as `hcp create cluster kubevirt --render` prints them'))
    .option('--render', 'accepted for command lines copied from hcp (rendering is what this command does)')
    .option('--render-sensitive', 'include the Secrets')
    .action(async (name: string | undefined, f: ClusterFlags & { renderSensitive?: boolean }) => {
      const { renderClusterTo } = await import('./render-cluster-impl.js');
      await renderClusterTo(name, f, Boolean(f.renderSensitive), f.renderInto);
    });
}
