// hcp-kv dump NAME [--dump-guest-cluster] [--archive FILE.tar.gz]: what someone needs to debug a hosted
// cluster, as YAML in one archive; secret values are never written.
import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, type FlagsOf, globals, type NoFlags } from './flags.js';
import { nameOf, nameOption } from './name-arg.js';

const dumpFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--archive <file>', 'the archive to write (default <NAME>-dump.tar.gz)')
    .option('--dump-guest-cluster', "also dump the hosted cluster's Nodes, ClusterOperators and pods that are not running")
    .option('--force', 'overwrite an existing archive');
export type DumpFlags = FlagsOf<typeof dumpFlags<[], NoFlags, NoFlags>>;

export function registerDump(program: CommandUnknownOpts): void {
  const dump = program
    .command('dump [name]')
    .description("write a hosted cluster's objects (control plane, node pools, VMs, operators; with --dump-guest-cluster its Nodes and ClusterOperators) as YAML into a .tar.gz; secret values redacted");
  defer(dump, (cmd) =>
    dumpFlags(cmd).action(async (name, f, c) => {
      const { run } = await import('./dump-impl.js');
      await run(nameOf(name, f.name), f, globals(c));
    }),
  );
}
