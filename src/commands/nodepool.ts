// hcp-kv nodepool create|scale|delete|list. Registration only; steps and the Kubernetes client load lazily.
import type { Command } from 'commander';
import type { NodePoolOptions } from '../steps/nodepool/context.js';
import { connectKube, globals, outputFormat } from './common.js';
import { registerNodePoolCreate } from './nodepool-create.js';
import { common, parseReplicas, runNodePoolSteps, validName, type RunFlags } from './nodepool-run.js';

export function registerNodePool(program: Command): void {
  const np = program.command('nodepool').description('create, scale, delete and list the node pools of hosted clusters');

  common(np.command('scale <name>').description('set the number of worker VMs of a node pool and wait until its VMs and Nodes match (0 allowed)'))
    .option('--replicas <n>', 'wanted number of workers')
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string, f: RunFlags & { replicas?: string; clusterName?: string }, cmd: Command) => {
      const replicas = parseReplicas(f.replicas);
      await validName(name, f.namespace);
      const { parseDuration } = await import('../config/load.js');
      const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, replicas, timeoutMs: parseDuration(f.timeout) };
      await runNodePoolSteps(globals(cmd), 'nodepool scale', async () => (await import('../steps/nodepool/index.js')).SCALE_NODEPOOL_STEPS, opts, f);
    });

  common(np.command('delete <name>').description('delete a node pool and wait until its VMs and Nodes are gone'))
    .option('--cluster-name <name>', 'the hosted cluster (checked when given)')
    .action(async (name: string, f: RunFlags & { clusterName?: string }, cmd: Command) => {
      await validName(name, f.namespace);
      const { parseDuration } = await import('../config/load.js');
      const opts: NodePoolOptions = { name, namespace: f.namespace, clusterName: f.clusterName, timeoutMs: parseDuration(f.timeout) };
      await runNodePoolSteps(globals(cmd), 'nodepool delete', async () => (await import('../steps/nodepool/index.js')).DELETE_NODEPOOL_STEPS, opts, f);
    });

  np.command('list')
    .description('list node pools (like `oc get nodepools`)')
    .option('--namespace <ns>', 'namespace', 'clusters')
    .option('--cluster-name <name>', 'only the node pools of this hosted cluster')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (f: { namespace: string; clusterName?: string; output?: string }, cmd: Command) => {
      const output = outputFormat(f.output, ['table', 'json', 'yaml']);
      const kube = await connectKube(globals(cmd));
      try {
        const { listNodePools, nodePoolTable } = await import('./nodepool-list.js');
        const rows = await listNodePools(kube, f.namespace, f.clusterName);
        const { dump } = await import('js-yaml');
        process.stdout.write(output === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : output === 'yaml' ? dump(rows) : rows.length ? nodePoolTable(rows) : 'No node pools found.\n');
      } finally {
        kube.close();
      }
    });

  registerNodePoolCreate(np);
}
