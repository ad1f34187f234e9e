import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { commaList as list } from '../config/values/flag-args.js';
import { type Cmd, defer, deferSubcommands, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';

/** Flags both backup create and backup schedule take, named as upstream's `hypershift create oadp-backup|oadp-schedule`. */
const backupFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>, o: { moveData: boolean }) =>
  cmd
    .option('--hc-name <name>', 'the hosted cluster (same as the CLUSTER argument; upstream spelling)')
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--hc-namespace <ns>', 'same as --namespace (upstream spelling)')
    .option('--oadp-namespace <ns>', 'namespace where OADP is installed', 'openshift-adp')
    .option('--storage-location <name>', 'the BackupStorageLocation', 'default')
    .option('--ttl <duration>', 'how long Velero keeps each backup (Go duration: 24h, 720h)', '2h')
    .option('--snapshot-move-data [bool]', `move volume snapshots to the storage location (data mover; default ${o.moveData})`)
    .option('--default-volumes-to-fs-backup [bool]', 'back volumes up with the file-system backup by default (default false)')
    .option('--included-resources <list>', 'comma-separated resources to back up (replaces the KubeVirt defaults)', list)
    .option('--include-additional-namespaces <list>', 'more namespaces to include (the HostedCluster and control-plane namespaces always are)', list)
    .option('--render', 'print the objects (resource policy ConfigMap and the Velero object) and write nothing')
    .option('--junit <file>', 'write a JUnit report with one test case per step');

const backupCreateFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  backupFlags(cmd, { moveData: true })
    .option('--name <name>', 'the Backup (default CLUSTER-NAMESPACE-xxxxxx, as upstream)')
    .option('--timeout <duration>', 'how long to wait for Velero', '30m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout; with --render: the objects as yaml or json)', ['text', 'json', 'yaml'], 'text'));
export type BackupCreateFlags = FlagsOf<typeof backupCreateFlags<[], NoFlags, NoFlags>>;

const backupScheduleFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  backupFlags(cmd, { moveData: false })
    .option('--schedule <cron>', "cron expression or verb: '0 2 * * *', daily, weekly, @daily, daily-2am, weekly-friday")
    .option('--name <name>', 'the Schedule (default CLUSTER-NAMESPACE-xxxxxx, as upstream)')
    .option('--paused', 'create the schedule paused')
    .option('--use-owner-references', 'owner references from the Schedule to its backups')
    .option('--skip-immediately', 'skip a run that is due when the schedule is created or unpaused')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout; with --render: the objects as yaml or json)', ['text', 'json', 'yaml'], 'text'));
export type BackupScheduleFlags = FlagsOf<typeof backupScheduleFlags<[], NoFlags, NoFlags>>;

const backupListFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--oadp-namespace <ns>', 'namespace where OADP is installed', 'openshift-adp')
    .addOption(enumOption('-o, --output <format>', 'table, json or yaml', ['table', 'json', 'yaml'], 'table'));
export type BackupListFlags = FlagsOf<typeof backupListFlags<[], NoFlags, NoFlags>>;

export function registerBackup(program: CommandUnknownOpts): void {
  const backup = program.command('backup').description('back up hosted clusters through OADP (Velero): create, schedule, list');
  deferSubcommands(backup, (backup) => {
    defer(backup.command('create [cluster]').description('pause the hosted cluster and its node pools, back them up with Velero, wait, resume'), (cmd) =>
      backupCreateFlags(cmd).action(async (cluster, f, c) => {
        const { runCreate } = await import('./backup-impl.js');
        await runCreate(cluster, f, globals(c));
      }),
    );
    defer(backup.command('schedule [cluster]').description('create a Velero Schedule that backs the hosted cluster up at each cron time'), (cmd) =>
      backupScheduleFlags(cmd).action(async (cluster, f, c) => {
        const { runSchedule } = await import('./backup-impl.js');
        await runSchedule(cluster, f, globals(c));
      }),
    );
    defer(backup.command('list [cluster]').description('list the Velero backups (of one hosted cluster: those whose namespaces hold it)'), (cmd) =>
      backupListFlags(cmd).action(async (cluster, f, c) => {
        const { runList } = await import('./backup-impl.js');
        await runList(cluster, f, globals(c));
      }),
    );
  });
}
