// hcp-kv dump NAME [--dump-guest-cluster] [--archive FILE.tar.gz]: what someone needs to debug a hosted
// cluster, as YAML in one archive; secret values are never written.
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { connectKube, globals } from './common.js';

export function registerDump(program: Command): void {
  program
    .command('dump <name>')
    .description('write a hosted cluster\'s objects (control plane, node pools, VMs, operators; with --dump-guest-cluster its Nodes and ClusterOperators) as YAML into a .tar.gz; secret values redacted')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--archive <file>', 'the archive to write (default <NAME>-dump.tar.gz)')
    .option('--dump-guest-cluster', "also dump the hosted cluster's Nodes, ClusterOperators and pods that are not running")
    .option('--force', 'overwrite an existing archive')
    .action(async (name: string, f: { namespace: string; archive?: string; dumpGuestCluster?: boolean; force?: boolean }, cmd: Command) => {
      const archive = f.archive ?? `${name}-dump.tar.gz`;
      if (!/\.(tar\.gz|tgz)$/.test(archive)) throw usageError(`--archive ${archive} must end in .tar.gz or .tgz`);
      const { existsSync } = await import('node:fs');
      if (existsSync(archive) && !f.force) throw usageError(`${archive} already exists`, 'pass --force to overwrite it, or --archive FILE');
      const kube = await connectKube(globals(cmd));
      try {
        const { requireCluster, withGuest } = await import('../steps/nodepool/context.js');
        const { collect, collectGuest } = await import('../dump/collect.js');
        const { writeArchive } = await import('../dump/archive.js');
        await requireCluster(kube, name, f.namespace);
        const report = (line: string) => process.stderr.write(`  ${line}\n`);
        const { sections, skipped } = await collect(kube, { name, namespace: f.namespace }, report);
        let guestError: string | undefined;
        if (f.dumpGuestCluster) {
          try {
            sections.push(...(await withGuest(kube, { name, namespace: f.namespace }, (g) => collectGuest(g, report))));
          } catch (e) {
            guestError = (e as Error).message;
            report(`hosted cluster API not readable: ${guestError}`);
          }
        }
        const objects = sections.reduce((a, s) => a + s.objects.length, 0);
        const files = await writeArchive(archive, `${name}-dump`, sections, { cluster: { name, namespace: f.namespace }, server: kube.server, createdAt: new Date().toISOString(), files: sections.map((s) => ({ file: s.file, objects: s.objects.length })), skipped, ...(guestError ? { guestError } : {}), secrets: 'values redacted, keys kept' });
        process.stderr.write(`wrote ${archive}: ${objects} objects in ${files} files${skipped.length ? ` (${skipped.length} kinds not served, listed in manifest.yaml)` : ''}\n`);
      } finally {
        kube.close();
      }
    });
}
