// hcp-kv dump NAME [--dump-guest-cluster] [--archive FILE.tar.gz]: what someone needs to debug a hosted
// cluster, as YAML in one archive; secret values are never written.
import type { Command } from 'commander';
import type { DumpFlags } from './dump-impl.js';
import { globals } from './common.js';
import { nameOf, nameOption } from './name-arg.js';

export function registerDump(program: Command): void {
  nameOption(
    program.command('dump [name]').description("write a hosted cluster's objects (control plane, node pools, VMs, operators; with --dump-guest-cluster its Nodes and ClusterOperators) as YAML into a .tar.gz; secret values redacted"),
  )
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--archive <file>', 'the archive to write (default <NAME>-dump.tar.gz)')
    .option('--dump-guest-cluster', "also dump the hosted cluster's Nodes, ClusterOperators and pods that are not running")
    .option('--force', 'overwrite an existing archive')
    .action(async (name: string | undefined, f: DumpFlags & { name?: string }, cmd: Command) => {
      const { run } = await import('./dump-impl.js');
      await run(nameOf(name, f.name), f, globals(cmd));
    });
}
