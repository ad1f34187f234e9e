// hcp-kv nodepool create|scale|delete|list: registration only; nodepool-impl.ts runs them.
import type { Command } from 'commander';
import { addNodePoolFlags } from '../config/nodepool-flags.js';
import type { CreateFlags, RunFlags } from './nodepool-impl.js';
import { enumOption, globals } from './common.js';

const common = (cmd: Command) =>
  cmd
    .option('--namespace <ns>', 'namespace of the HostedCluster and its NodePools', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the VMs and Nodes', '20m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');

export function registerNodePool(program: Command): void {
  const np = program.command('nodepool').description('create, scale, delete and list the node pools of hosted clusters');

  const create = common(np.command('create <name>').description('add a node pool of KubeVirt VMs to a hosted cluster and wait until its Nodes are Ready'))
    .option('--cluster-name <name>', 'the hosted cluster (required)')
    .option('--replicas <n>', 'worker VMs (default 2)')
    .option('--node-count <n>', 'same as --replicas (hcp CLI name)')
    .option('--release <x.y.z>', "OpenShift release of the nodes instead of --release-image (default: the control plane's)");
  addNodePoolFlags(create).action(async (name: string, f: CreateFlags, cmd: Command) => {
    const { runCreate } = await import('./nodepool-impl.js');
    await runCreate(name, f, globals(cmd));
  });

  common(np.command('scale <name>').description('set the number of worker VMs of a node pool and wait until its VMs and Nodes match (0 allowed)'))
    .option('--replicas <n>', 'wanted number of workers')
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string, f: RunFlags & { replicas?: string; clusterName?: string }, cmd: Command) => {
      const { runScale } = await import('./nodepool-impl.js');
      await runScale(name, f, globals(cmd));
    });

  common(np.command('delete <name>').description('delete a node pool and wait until its VMs and Nodes are gone'))
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string, f: RunFlags & { clusterName?: string }, cmd: Command) => {
      const { runDelete } = await import('./nodepool-impl.js');
      await runDelete(name, f, globals(cmd));
    });

  np.command('list')
    .description('list node pools (like `oc get nodepools`)')
    .option('--namespace <ns>', 'namespace', 'clusters')
    .option('--cluster-name <name>', 'only the node pools of this hosted cluster')
    .addOption(enumOption('-o, --output <format>', 'table, wide (every cell whole), json or yaml (the JSON document)', ['table', 'wide', 'json', 'yaml'], 'table'))
    .action(async (f: { namespace: string; clusterName?: string; output?: string }, cmd: Command) => {
      const { runList } = await import('./nodepool-impl.js');
      await runList(f, globals(cmd));
    });
}
