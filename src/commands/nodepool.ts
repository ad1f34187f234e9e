// hcp-kv nodepool create|scale|delete|list: registration only; nodepool-impl.ts runs them.
import type { Command } from 'commander';
import { KUBEVIRT_ARCHES, addNodePoolFlags } from '../config/nodepool-flags.js';
import type { CreateFlags, RunFlags } from './nodepool-impl.js';
import { enumOption, globals } from './common.js';
import { nameOf, nameOption } from './name-arg.js';

const common = (cmd: Command) =>
  cmd
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster and its NodePools', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the VMs and Nodes', '20m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
const capacityFlag = (cmd: Command) => cmd.option('--skip-capacity-check', 'add VMs even when they do not fit (see hcp-kv capacity)');

export function registerNodePool(program: Command): void {
  const np = program.command('nodepool').description('create, scale, delete and list the node pools of hosted clusters');

  createNodePoolCommand(np.command('create [name]').description('add a node pool of KubeVirt VMs to a hosted cluster and wait until its Nodes are Ready'));

  capacityFlag(common(nameOption(np.command('scale [name]'), 'the node pool')).description('set the number of worker VMs of a node pool and wait until its VMs and Nodes match (0 allowed)'))
    .option('--replicas <n>', 'wanted number of workers')
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string | undefined, f: RunFlags & { name?: string; replicas?: string; clusterName?: string; skipCapacityCheck?: boolean }, cmd: Command) => {
      const { runScale } = await import('./nodepool-impl.js');
      await runScale(nameOf(name, f.name), f, globals(cmd));
    });

  common(nameOption(np.command('delete [name]'), 'the node pool').description('delete a node pool and wait until its VMs and Nodes are gone'))
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string | undefined, f: RunFlags & { name?: string; clusterName?: string }, cmd: Command) => {
      const { runDelete } = await import('./nodepool-impl.js');
      await runDelete(nameOf(name, f.name), f, globals(cmd));
    });

  np.command('list')
    .description('list node pools (like `oc get nodepools`)')
    .option('-n, --namespace <ns>', 'namespace', 'clusters')
    .option('--cluster-name <name>', 'only the node pools of this hosted cluster')
    .addOption(enumOption('-o, --output <format>', 'table, wide (every cell whole), json or yaml (the JSON document)', ['table', 'wide', 'json', 'yaml'], 'table'))
    .action(async (f: { namespace: string; clusterName?: string; output?: string }, cmd: Command) => {
      const { runList } = await import('./nodepool-impl.js');
      await runList(f, globals(cmd));
    });
}

/** nodepool create's flags and action, shared with `hcp-kv create nodepool kubevirt` (upstream.ts). */
export function createNodePoolCommand(cmd: Command): Command {
  const create = capacityFlag(common(nameOption(cmd, 'the node pool')))
    .option('--cluster-name <name>', 'the hosted cluster (required)')
    .option('--replicas <n>', 'worker VMs (default 2)')
    .option('--node-count <n>', 'same as --replicas (hcp CLI name)')
    .option('--release <x.y.z>', "OpenShift release of the nodes instead of --release-image (default: the control plane's)")
    .option('--render', 'print the NodePool as YAML instead of applying it (as hcp)')
    .addOption(enumOption('--arch <arch>', 'NodePool architecture: amd64, ppc64le or s390x (default amd64); arm64 is refused for KubeVirt, as the NodePool API does', KUBEVIRT_ARCHES));
  return addNodePoolFlags(create).action(async (name: string | undefined, f: CreateFlags & { name?: string }, c: Command) => {
    const { runCreate } = await import('./nodepool-impl.js');
    await runCreate(nameOf(name, f.name, 'node pool NAME'), f, globals(c));
  });
}
