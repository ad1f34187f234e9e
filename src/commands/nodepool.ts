// hcp-kv nodepool create|scale|delete|list: registration only; nodepool-impl.ts runs them.
import type { Command } from 'commander';
import { addCapacityFlag as capacityFlag, addNodePoolCreateFlags, addNodePoolRunFlags as common, type NodePoolCreateFlags, type NodePoolDeleteFlags, type NodePoolListFlags, type NodePoolScaleFlags } from '../config/nodepool-options.js';
import { enumOption, globals } from './common.js';
import { nameOf, nameOption } from './name-arg.js';

export function registerNodePool(program: Command): void {
  const np = program.command('nodepool').description('create, scale, delete and list the node pools of hosted clusters');

  createNodePoolCommand(np.command('create [name]').description('add a node pool of KubeVirt VMs to a hosted cluster and wait until its Nodes are Ready'));

  capacityFlag(common(nameOption(np.command('scale [name]'), 'the node pool')).description('set the number of worker VMs of a node pool and wait until its VMs and Nodes match (0 allowed)'))
    .option('--replicas <n>', 'wanted number of workers')
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string | undefined, f: NodePoolScaleFlags, cmd: Command) => {
      const { runScale } = await import('./nodepool-impl.js');
      await runScale(nameOf(name, f.name), f, globals(cmd));
    });

  common(nameOption(np.command('delete [name]'), 'the node pool').description('delete a node pool and wait until its VMs and Nodes are gone'))
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string | undefined, f: NodePoolDeleteFlags, cmd: Command) => {
      const { runDelete } = await import('./nodepool-impl.js');
      await runDelete(nameOf(name, f.name), f, globals(cmd));
    });

  np.command('list')
    .description('list node pools (like `oc get nodepools`)')
    .option('-n, --namespace <ns>', 'namespace', 'clusters')
    .option('--cluster-name <name>', 'only the node pools of this hosted cluster')
    .addOption(enumOption('-o, --output <format>', 'table, wide (every cell whole), json or yaml (the JSON document)', ['table', 'wide', 'json', 'yaml'], 'table'))
    .action(async (f: NodePoolListFlags, cmd: Command) => {
      const { runList } = await import('./nodepool-impl.js');
      await runList(f, globals(cmd));
    });
}

/** nodepool create's flags and action, shared with `hcp-kv create nodepool kubevirt` (upstream.ts). */
export function createNodePoolCommand(cmd: Command): Command {
  return addNodePoolCreateFlags(capacityFlag(common(nameOption(cmd, 'the node pool')))).action(async (name: string | undefined, f: NodePoolCreateFlags, c: Command) => {
    const { runCreate } = await import('./nodepool-impl.js');
    await runCreate(nameOf(name, f.name, 'node pool NAME'), f, globals(c));
  });
}
