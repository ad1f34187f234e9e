import type { Command } from 'commander';
import { addClusterFlags } from '../config/cluster-flags.js';
import type { CreateClusterFlags } from './create-cluster-impl.js';
import { enumOption, globals } from './common.js';

/** The upstream `hcp create cluster kubevirt` flags (config/cluster-flags.ts) plus --replicas and --release. */
export function clusterFlags(cmd: Command): Command {
  return addClusterFlags(cmd);
}

/** The options the user typed, by long flag name (for --engine hypershift). */
function givenOptions(cmd: Command): Record<string, unknown> {
  return Object.fromEntries(cmd.options.filter((o) => o.long && cmd.getOptionValueSource(o.attributeName()) === 'cli').map((o) => [o.long!, cmd.getOptionValue(o.attributeName())]));
}

export function registerCreateCluster(program: Command): void {
  createClusterCommand(program.command('create-cluster [name]').description('create a KubeVirt hosted cluster and wait until it is ready; takes the flags of `hcp create cluster kubevirt` (NAME also from --name or KUBEVIRT_CLUSTER_NAME)'));
}

/** create-cluster's flags and action, shared with `hcp-kv create cluster kubevirt` (upstream.ts). */
export function createClusterCommand(cmd: Command): Command {
  return clusterFlags(cmd)
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
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string | undefined, f: CreateClusterFlags, cmd: Command) => {
      const { run } = await import('./create-cluster-impl.js');
      await run(name, f, globals(cmd), givenOptions(cmd));
    });
}
