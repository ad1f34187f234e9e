import type { Command } from 'commander';
import type { ClusterFlags } from '../config/cluster.js';
import { clusterFlags } from './create-cluster.js';

export function registerRenderCluster(render: Command): void {
  clusterFlags(render.command('cluster [name]').description('the manifests create-cluster would apply'))
    .option('--render-sensitive', 'include the secret data')
    .action(async (name: string | undefined, f: ClusterFlags & { renderSensitive?: boolean }) => {
      const { renderCluster } = await import('./render-cluster-impl.js');
      process.stdout.write(renderCluster(name, f, Boolean(f.renderSensitive)));
    });
}
