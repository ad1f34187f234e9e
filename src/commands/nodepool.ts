// hcp-kv nodepool create|scale|delete|list: registration only; nodepool-impl.ts runs them. The flags of the
// command family are declared here, once; config/nodepool-options.ts validates their values.
import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { KUBEVIRT_ARCHES } from '../config/flag-choices.js';
import { addNodePoolFlags } from './nodepool-flags.js';
import { type Cmd, defer, deferSubcommands, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import { nameOf, nameOption } from './name-arg.js';

/** --name, --namespace, --timeout, -o and --junit: the flags of every subcommand that runs steps. */
const runFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  nameOption(cmd, 'the node pool')
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster and its NodePools', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the VMs and Nodes', '20m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
export type NodePoolRunFlags = FlagsOf<typeof runFlags<[], NoFlags, NoFlags>>;

const capacityFlag = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) => cmd.option('--skip-capacity-check', 'add VMs even when they do not fit (see hcp-kv capacity)');

/** nodepool create's own flags, then the KubeVirt NodePool flags it shares with create-cluster (hypershift's RawCreateOptions). */
const createFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  addNodePoolFlags(
    capacityFlag(runFlags(cmd))
      .option('--cluster-name <name>', 'the hosted cluster (required)')
      .option('--replicas <n>', 'worker VMs (default 2)')
      .option('--node-count <n>', 'same as --replicas (hcp CLI name)')
      .option('--release <x.y.z>', "OpenShift release of the nodes instead of --release-image (default: the control plane's)")
      .option('--render', 'print the NodePool as YAML instead of applying it (as hcp)')
      .addOption(enumOption('--arch <arch>', 'NodePool architecture: amd64, ppc64le or s390x (default amd64); arm64 is refused for KubeVirt, as the NodePool API does', KUBEVIRT_ARCHES)),
  );
export type NodePoolCreateFlags = FlagsOf<typeof createFlags<[], NoFlags, NoFlags>>;

const scaleFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  capacityFlag(runFlags(cmd)).option('--replicas <n>', 'wanted number of workers').option('--cluster-name <name>', 'the hosted cluster (checked when given)');
export type NodePoolScaleFlags = FlagsOf<typeof scaleFlags<[], NoFlags, NoFlags>>;

const deleteFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) => runFlags(cmd).option('--cluster-name <name>', 'the hosted cluster (checked when given)');
export type NodePoolDeleteFlags = FlagsOf<typeof deleteFlags<[], NoFlags, NoFlags>>;

const listFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('-n, --namespace <ns>', 'namespace', 'clusters')
    .option('--cluster-name <name>', 'only the node pools of this hosted cluster')
    .addOption(enumOption('-o, --output <format>', 'table, wide (every cell whole), json or yaml (the JSON document)', ['table', 'wide', 'json', 'yaml'], 'table'));
export type NodePoolListFlags = FlagsOf<typeof listFlags<[], NoFlags, NoFlags>>;

export function registerNodePool(program: CommandUnknownOpts): void {
  const np = program.command('nodepool').description('create, scale, delete and list the node pools of hosted clusters');
  deferSubcommands(np, (np) => {
    createNodePoolCommand(np.command('create [name]').description('add a node pool of KubeVirt VMs to a hosted cluster and wait until its Nodes are Ready'));

    defer(np.command('scale [name]').description('set the number of worker VMs of a node pool and wait until its VMs and Nodes match (0 allowed)'), (cmd) =>
      scaleFlags(cmd).action(async (name, f, c) => {
        const { runScale } = await import('./nodepool-impl.js');
        await runScale(nameOf(name, f.name), f, globals(c));
      }),
    );

    defer(np.command('delete [name]').description('delete a node pool and wait until its VMs and Nodes are gone'), (cmd) =>
      deleteFlags(cmd).action(async (name, f, c) => {
        const { runDelete } = await import('./nodepool-impl.js');
        await runDelete(nameOf(name, f.name), f, globals(c));
      }),
    );

    defer(np.command('list').description('list node pools (like `oc get nodepools`)'), (cmd) =>
      listFlags(cmd).action(async (f, c) => {
        const { runList } = await import('./nodepool-impl.js');
        await runList(f, globals(c));
      }),
    );
  });
}

/** nodepool create's flags and action, shared with `hcp-kv create nodepool kubevirt` (upstream.ts). */
export function createNodePoolCommand<G extends OptionValues>(cmd: Command<[string | undefined], NoFlags, G>): void {
  defer(cmd, (c) =>
    createFlags(c).action(async (name, f, self) => {
      const { runCreate } = await import('./nodepool-impl.js');
      await runCreate(nameOf(name, f.name, 'node pool NAME'), f, globals(self));
    }),
  );
}
