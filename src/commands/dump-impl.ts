// hcp-kv dump NAME: collect the sections, optionally the hosted cluster's own, and write the archive.
import { writeArchive } from '../dump/archive.js';
import { collect, collectGuest } from '../dump/collect.js';
import { usageError } from '../errors.js';
import { checkOutputFile } from '../output/write-file.js';
import { requireCluster, withGuest } from '../steps/nodepool/context.js';
import { connectKube, type Globals } from './common.js';
import { io } from '../run/io.js';
import type { DumpFlags } from './dump.js';

/** `hcp-kv dump NAME`. */
export async function run(name: string, f: DumpFlags, g: Globals): Promise<void> {
  const archive = f.archive ?? `${name}-dump.tar.gz`;
  if (!/\.(tar\.gz|tgz)$/.test(archive)) throw usageError(`--archive ${archive} must end in .tar.gz or .tgz`);
  const file = { flag: '--archive', force: f.force, private: true, kubeconfig: g.kubeconfig };
  checkOutputFile(archive, file);
  const kube = await connectKube(g);
  try {
    await requireCluster(kube, name, f.namespace);
    const report = (line: string) => io().stderr.write(`  ${line}\n`);
    const { sections, skipped } = await collect(kube, { name, namespace: f.namespace }, report);
    let guestError: string | undefined;
    if (f.dumpGuestCluster) {
      try {
        sections.push(...(await withGuest(kube, { name, namespace: f.namespace }, (guest) => collectGuest(guest, report))));
      } catch (e) {
        guestError = (e as Error).message;
        report(`hosted cluster API not readable: ${guestError}`);
      }
    }
    const objects = sections.reduce((a, s) => a + s.objects.length, 0);
    const files = await writeArchive(
      archive,
      `${name}-dump`,
      sections,
      {
        cluster: { name, namespace: f.namespace },
        server: kube.server,
        createdAt: new Date().toISOString(),
        files: sections.map((s) => ({ file: s.file, objects: s.objects.length })),
        skipped,
        ...(guestError ? { guestError } : {}),
        secrets: 'values redacted, keys kept',
      },
      file,
    );
    io().stderr.write(`wrote ${archive}: ${objects} objects in ${files} files${skipped.length ? ` (${skipped.length} kind${skipped.length === 1 ? '' : 's'} not served, listed in manifest.yaml)` : ''}\n`);
  } finally {
    kube.close();
  }
}
