import type { Command } from 'commander';
import { enumOption, globals } from './common.js';

// Registration only; the work lives in clusters-impl.ts, loaded when a command runs.
export function registerClusterViews(program: Command): void {
  program
    .command('list')
    .description('list hosted clusters (like `oc get hc -A`)')
    .option('-A, --all-namespaces', 'all namespaces')
    .option('--namespace <ns>', 'namespace', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'table, json or yaml', ['table', 'json', 'yaml'], 'table'))
    .action(async (f: { allNamespaces?: boolean; namespace: string; output?: string }, cmd: Command) => {
      const { runList } = await import('./clusters-impl.js');
      await runList(f, globals(cmd));
    });

  program
    .command('status <name>')
    .description('conditions, node pools, control-plane pods, VMs, and the hosted cluster\'s nodes and ClusterOperators')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'text, json or yaml', ['text', 'json', 'yaml'], 'text'))
    .action(async (name: string, f: { namespace: string; output?: string }, cmd: Command) => {
      const { runStatus } = await import('./clusters-impl.js');
      await runStatus(name, f, globals(cmd));
    });

  program
    .command('create-kubeconfig <name>')
    .description("print the hosted cluster's admin kubeconfig (as `hcp create kubeconfig` does) when stdout is not a terminal, else write it to a file (mode 0600)")
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--out <file>', 'file to write (default: stdout when it is not a terminal, else <NAME>-kubeconfig; - for stdout)')
    .option('--force', 'replace an existing --out file')
    .action(async (name: string, f: { namespace: string; out?: string; force?: boolean }, cmd: Command) => {
      const { runCreateKubeconfig } = await import('./clusters-impl.js');
      await runCreateKubeconfig(name, f, globals(cmd));
    });
}
