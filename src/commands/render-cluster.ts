import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import type { ClusterFlags } from './cluster-flags.js';
import { clusterFlags } from './create-cluster.js';
import { type Cmd, defer, deferSubcommands, type FlagsOf, type NoFlags } from './flags.js';

/** What `render cluster` adds to the cluster flags. */
const renderFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd.option('--render', 'accepted for command lines copied from hcp (rendering is what this command does)').option('--render-sensitive', 'include the Secrets').option('--force', 'replace an existing --render-into file');
export type RenderClusterFlags = ClusterFlags & FlagsOf<typeof renderFlags<[], NoFlags, NoFlags>>;

export function registerRenderCluster(render: CommandUnknownOpts): void {
  deferSubcommands(render, (render) =>
    defer(render.command('cluster [name]').description('the manifests create-cluster would apply, as `hcp create cluster kubevirt --render` prints them'), (cmd) =>
      renderFlags(clusterFlags(cmd)).action(async (name, f, c) => {
        const { run } = await import('./render-cluster-impl.js');
        await run(name, f, (c.optsWithGlobals() as { kubeconfig?: string }).kubeconfig);
      }),
    ),
  );
}
