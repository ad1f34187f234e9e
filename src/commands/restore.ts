import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { commaList as list } from '../config/values/flag-args.js';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';

const restoreFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('--from <backup>', 'the Backup to restore from')
    .option('--from-backup <backup>', 'same as --from (upstream spelling)')
    .option('--from-schedule <schedule>', "restore from the schedule's latest Completed backup")
    .option('--hc-name <name>', 'the hosted cluster (same as the CLUSTER argument; upstream spelling)')
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--hc-namespace <ns>', 'same as --namespace (upstream spelling)')
    .option('--name <name>', 'the Restore (default CLUSTER-NAMESPACE-xxxxxx, as upstream)')
    .option('--oadp-namespace <ns>', 'namespace where OADP is installed', 'openshift-adp')
    .addOption(enumOption('--existing-resource-policy <policy>', 'what Velero does with objects that exist', ['none', 'update'], 'update'))
    .option('--include-additional-namespaces <list>', 'more namespaces to restore (the HostedCluster and control-plane namespaces always are)', list)
    .option('--restore-pvs [bool]', 'restore persistent volume data (default true)')
    .option('--preserve-node-ports [bool]', 'keep the NodePort assignments (default true)')
    .option('--force', 'restore although the HostedCluster exists (only missing objects come back)')
    .option('--render', 'print the Restore and write nothing')
    .option('--timeout <duration>', 'how long to wait for the restore and the cluster', '30m')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout; with --render: the object as yaml or json)', ['text', 'json', 'yaml'], 'text'));
export type RestoreCommandFlags = FlagsOf<typeof restoreFlags<[], NoFlags, NoFlags>>;

export function registerRestore(program: CommandUnknownOpts): void {
  const restore = program.command('restore [cluster]').description('restore a lost hosted cluster from a Velero backup, resume it and wait until it is Available with its nodes');
  defer(restore, (cmd) =>
    restoreFlags(cmd).action(async (cluster, f, c) => {
      const { run } = await import('./restore-impl.js');
      await run(cluster, f, globals(c));
    }),
  );
}
