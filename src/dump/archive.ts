// Writes the dump sections as YAML files (one List per file) into FILE.tar.gz under <name>-dump/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dump } from 'js-yaml';
import { create } from 'tar';
import { writeOutputFile, type OutputFileOptions } from '../output/write-file.js';
import type { Section } from './collect.js';

/** The archive is built in memory and written under the rules of src/output/write-file.ts (`file` options). */
export async function writeArchive(file: string, top: string, sections: Section[], manifest: Record<string, unknown>, fileOptions: OutputFileOptions = { flag: '--archive', private: true }): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'hcp-kv-dump-'));
  try {
    for (const s of sections) {
      const path = join(dir, top, s.file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, dump({ apiVersion: 'v1', kind: 'List', items: s.objects }, { noRefs: true, lineWidth: -1 }));
    }
    await writeFile(join(dir, top, 'manifest.yaml'), dump(manifest, { lineWidth: -1 }));
    const chunks: Buffer[] = [];
    for await (const c of create({ gzip: true, cwd: dir, portable: true }, [top]) as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
    await writeOutputFile(file, Buffer.concat(chunks), fileOptions);
    return sections.length + 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
