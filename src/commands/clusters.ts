import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import { nameOf, nameOption } from './name-arg.js';

const listFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('-A, --all-namespaces', 'all namespaces')
    .option('-n, --namespace <ns>', 'namespace', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'table, wide (every cell whole), json or yaml (the JSON document)', ['table', 'wide', 'json', 'yaml'], 'table'));
export type ListFlags = FlagsOf<typeof listFlags<[], NoFlags, NoFlags>>;

const statusFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'text, json or yaml', ['text', 'json', 'yaml'], 'text'));
export type StatusFlags = FlagsOf<typeof statusFlags<[], NoFlags, NoFlags>>;

const createKubeconfigFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>, defaultOut: '<NAME>-kubeconfig' | '-') =>
  nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--out <file>', `file to write (default ${defaultOut === '-' ? '- (stdout, as hcp)' : 'stdout when it is not a terminal, else <NAME>-kubeconfig'}; - for stdout)`)
    .option('--force', 'replace an existing --out file');
export type CreateKubeconfigFlags = FlagsOf<typeof createKubeconfigFlags<[], NoFlags, NoFlags>>;

// Registration only; the work lives in clusters-impl.ts, loaded when a command runs.
export function registerClusterViews(program: CommandUnknownOpts): void {
  defer(program.command('list').description('list hosted clusters (like `oc get hc -A`)'), (cmd) =>
    listFlags(cmd).action(async (f, c) => {
      const { runList } = await import('./clusters-impl.js');
      await runList(f, globals(c));
    }),
  );

  defer(program.command('status [name]').description("conditions, node pools, control-plane pods, VMs, and the hosted cluster's nodes and ClusterOperators"), (cmd) =>
    statusFlags(cmd).action(async (name, f, c) => {
      const { runStatus } = await import('./clusters-impl.js');
      await runStatus(nameOf(name, f.name), f, globals(c));
    }),
  );

  createKubeconfigCommand(
    program.command('create-kubeconfig [name]').description("print the hosted cluster's admin kubeconfig (as `hcp create kubeconfig` does) when stdout is not a terminal, else write it to a file (mode 0600)"),
    '<NAME>-kubeconfig',
  );
}

/** create-kubeconfig's flags and action; `hcp create kubeconfig` (upstream.ts) prints to stdout by default, as upstream. */
export function createKubeconfigCommand<G extends OptionValues>(cmd: Command<[string | undefined], NoFlags, G>, defaultOut: '<NAME>-kubeconfig' | '-'): void {
  defer(cmd, (c) =>
    createKubeconfigFlags(c, defaultOut).action(async (name, f, self) => {
      const { runCreateKubeconfig } = await import('./clusters-impl.js');
      await runCreateKubeconfig(nameOf(name, f.name), { ...f, out: f.out ?? (defaultOut === '-' ? '-' : undefined) }, globals(self));
    }),
  );
}
