import type { Command } from 'commander';
import type { CreateKubeconfigFlags, ListFlags, StatusFlags } from './clusters-impl.js';
import { enumOption, globals } from './common.js';
import { nameOf, nameOption } from './name-arg.js';

// Registration only; the work lives in clusters-impl.ts, loaded when a command runs.
export function registerClusterViews(program: Command): void {
  program
    .command('list')
    .description('list hosted clusters (like `oc get hc -A`)')
    .option('-A, --all-namespaces', 'all namespaces')
    .option('-n, --namespace <ns>', 'namespace', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'table, wide (every cell whole), json or yaml (the JSON document)', ['table', 'wide', 'json', 'yaml'], 'table'))
    .action(async (f: ListFlags, cmd: Command) => {
      const { runList } = await import('./clusters-impl.js');
      await runList(f, globals(cmd));
    });

  nameOption(program.command('status [name]').description("conditions, node pools, control-plane pods, VMs, and the hosted cluster's nodes and ClusterOperators"))
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'text, json or yaml', ['text', 'json', 'yaml'], 'text'))
    .action(async (name: string | undefined, f: StatusFlags, cmd: Command) => {
      const { runStatus } = await import('./clusters-impl.js');
      await runStatus(nameOf(name, f.name), f, globals(cmd));
    });

  createKubeconfigCommand(
    program.command('create-kubeconfig [name]').description("print the hosted cluster's admin kubeconfig (as `hcp create kubeconfig` does) when stdout is not a terminal, else write it to a file (mode 0600)"),
    '<NAME>-kubeconfig',
  );
}

/** create-kubeconfig's flags and action; `hcp create kubeconfig` (upstream.ts) prints to stdout by default, as upstream. */
export function createKubeconfigCommand(cmd: Command, defaultOut: '<NAME>-kubeconfig' | '-'): Command {
  return nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--out <file>', `file to write (default ${defaultOut === '-' ? '- (stdout, as hcp)' : 'stdout when it is not a terminal, else <NAME>-kubeconfig'}; - for stdout)`)
    .option('--force', 'replace an existing --out file')
    .action(async (name: string | undefined, f: CreateKubeconfigFlags, c: Command) => {
      const { runCreateKubeconfig } = await import('./clusters-impl.js');
      await runCreateKubeconfig(nameOf(name, f.name), { ...f, out: f.out ?? (defaultOut === '-' ? '-' : undefined) }, globals(c));
    });
}
