import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { addClusterFlags, type ClusterFlags } from './cluster-flags.js';
import { type AnyCommand, type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';

/** The upstream `hcp create cluster kubevirt` flags (config/cluster-flags.ts) plus --replicas and --release. */
export function clusterFlags<A extends unknown[], G extends OptionValues>(cmd: Command<A, NoFlags, G>) {
  return addClusterFlags(cmd);
}

/** What create-cluster adds to the cluster flags. */
const createFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('--wait [bool]', 'wait until the cluster is ready (the default; upstream waits only with --wait)')
    .option('--no-wait', 'return once the objects are applied (same as --wait=false)')
    .option('--timeout <duration>', 'how long to wait for the cluster, a Go duration; 0: no limit (default 30m)')
    .option('--kubeconfig-out <file>', 'where to write the admin kubeconfig (default <NAME>-kubeconfig)')
    .option('--force', 'replace an existing --kubeconfig-out or --render-into file')
    .option('--skip-version-check', 'do not refuse releases the HyperShift operator does not list as supported')
    .option('--skip-mirror-check', 'create even when an image is not covered by a mirror rule on a disconnected site (see docs/disconnected.md)')
    .option('--skip-capacity-check', 'create even when the control plane or the VMs do not fit (see hcp-kv capacity)')
    .option('--render', 'print the manifests as YAML instead of applying them (Secrets left out)')
    .option('--render-sensitive', 'with --render or --render-into: include the Secrets')
    .addOption(enumOption('--engine <engine>', 'native (hcp-kv applies the objects) or hypershift (run the hypershift binary)', ['native', 'hypershift'], 'native'))
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
export type CreateClusterFlags = ClusterFlags & FlagsOf<typeof createFlags<[], NoFlags, NoFlags>>;

/** The options the user typed, by long flag name (for --engine hypershift). */
function givenOptions(cmd: AnyCommand): Record<string, unknown> {
  return Object.fromEntries(cmd.options.filter((o) => o.long && cmd.getOptionValueSource(o.attributeName()) === 'cli').map((o) => [o.long!, cmd.getOptionValue(o.attributeName())]));
}

export function registerCreateCluster(program: CommandUnknownOpts): void {
  createClusterCommand(program.command('create-cluster [name]').description('create a KubeVirt hosted cluster and wait until it is ready; takes the flags of `hcp create cluster kubevirt` (NAME also from --name or KUBEVIRT_CLUSTER_NAME)'));
}

/** create-cluster's flags and action, shared with `hcp-kv create cluster kubevirt` (upstream.ts). */
export function createClusterCommand<G extends OptionValues>(cmd: Command<[string | undefined], NoFlags, G>): void {
  defer(cmd, (c) =>
    createFlags(clusterFlags(c)).action(async (name, f, self) => {
      const { run } = await import('./create-cluster-impl.js');
      await run(name, f, globals(self), givenOptions(self));
    }),
  );
}
