// The repository must work as a clean clone with nothing beside it: no tracked file may point outside it (the
// upstream CRDs and design notes used to live in a sibling folder), and every CRD the tests load is one of the
// byte-for-byte upstream copies in crds/ (shipped with the package) that SOURCES.md accounts for.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CRDS_DIR } from '../helpers/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHECKED = ['src/', 'test/', 'scripts/', 'bench/', 'docs/', '.ci/', '.github/', 'README.md'];
// Upstream CRDs are data copied verbatim; their descriptions are not ours to police.
const isUpstreamData = (f: string) => f.startsWith('crds/') && f.endsWith('.yaml');

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && CHECKED.some((c) => f === c || f.startsWith(c)) && !isUpstreamData(f));
const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');

const inside = (p: string) => {
  const rel = relative(ROOT, p);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** Places in a file that point outside the repository, as "file:line: text". */
function outsideReferences(file: string, content: string): string[] {
  // Built from pieces so that this file does not match itself.
  const sibling = new RegExp(['\\.\\.', 'shared'].join('/'));
  const hostPaths = /(?<![\w.~-])\/(?:work|home|Users|root)\/|[A-Z]:\\\\/;
  const found: string[] = [];
  for (const [i, line] of content.split('\n').entries()) {
    // A relative path is resolved from the file's own folder, as imports, new URL(..., import.meta.url) and
    // Markdown links are.
    const escapes = [...line.matchAll(/(?<![\w.\/-])((?:\.\.\/)+)/g)].some((m) => !inside(join(ROOT, dirname(file), m[1]!)));
    if (sibling.test(line) || hostPaths.test(line) || escapes) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
  }
  return found;
}

describe('the repository is self-contained', () => {
  it('checks the files it is meant to check', () => {
    for (const top of ['src/', 'test/', 'scripts/', '.ci/', '.github/', 'README.md', 'docs/']) {
      expect(
        tracked.some((f) => f.startsWith(top)),
        `no tracked file under ${top}`,
      ).toBe(true);
    }
  });

  it('finds outside references when there are some (so the next test can fail)', () => {
    expect(outsideReferences('test/helpers/x.ts', `new URL('${'../'.repeat(4)}shared/crds/', import.meta.url)`)).toHaveLength(1);
    expect(outsideReferences('README.md', 'Design notes live in ../design/.')).toHaveLength(1);
    expect(outsideReferences('bench/run.ts', `readFileSync('/${'work'}/other/file')`)).toHaveLength(1);
    expect(outsideReferences('test/sim/apiserver/x.ts', `import { a } from '${'../'.repeat(3)}src/sim/apiserver/index.js';`)).toEqual([]);
    expect(outsideReferences('docs/cli.md', 'see [the tests](../test/fixtures/crds/SOURCES.md)')).toEqual([]);
  });

  it('has no tracked file under src, test, scripts, bench, docs, .ci, .github or README.md that points outside', () => {
    const found = tracked.flatMap((f) => outsideReferences(f, text(f)));
    expect(found).toEqual([]);
  });
});

describe('the docs', () => {
  const pages = tracked.filter((f) => f.endsWith('.md') && (f === 'README.md' || f.startsWith('docs/')));

  it.each(pages)('%s links only to files that exist in the repository', (page) => {
    const broken: string[] = [];
    for (const m of text(page).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      const file = join(ROOT, dirname(page), target);
      if (!inside(file) || !existsSync(file)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});

describe('the CRDs the tests load', () => {
  it('come from crds/', () => {
    expect(relative(ROOT, CRDS_DIR)).toBe('crds');
  });

  it('are handed to the simulator only as CRDS_DIR', () => {
    const uses: string[] = [];
    for (const f of tracked.filter((x) => x.startsWith('test/') && x.endsWith('.ts'))) {
      for (const m of text(f).matchAll(/crdsDir:\s*([\w.]+)|'--crds',\s*([\w.]+)/g)) uses.push(`${f}: ${m[1] ?? m[2]}`);
    }
    expect(uses.length).toBeGreaterThanOrEqual(3);
    expect(uses.filter((u) => !u.endsWith(': CRDS_DIR'))).toEqual([]);
  });

  it('are not found by any other path in the tests', () => {
    const own = ['test/helpers/fixtures.ts', 'test/repo/self-contained.test.ts'];
    const other = tracked.filter((f) => f.startsWith('test/') && f.endsWith('.ts') && !own.includes(f) && /['"`][^'"`]*crds\/[^'"`]*['"`]/.test(text(f)));
    expect(other).toEqual([]);
  });

  const files = readdirSync(CRDS_DIR).filter((f) => f.endsWith('.yaml'));
  const sources = readFileSync(join(CRDS_DIR, 'SOURCES.md'), 'utf8');

  it('are all tracked', () => {
    const trackedCrds = execFileSync('git', ['ls-files', 'crds'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files.filter((f) => !trackedCrds.includes(`crds/${f}`))).toEqual([]);
  });

  it.each(files)('%s is one CRD named like its file, byte-for-byte the blob SOURCES.md names', (f) => {
    const bytes = readFileSync(join(CRDS_DIR, f));
    const docs = loadAll(bytes.toString('utf8')).filter(Boolean) as Array<{ kind: string; metadata: { name: string } }>;
    expect(docs).toHaveLength(1);
    expect(docs[0]!.kind).toBe('CustomResourceDefinition');
    expect(`${docs[0]!.metadata.name}.yaml`).toBe(f);
    const row = sources.split('\n').find((l) => l.startsWith(`| \`${f}\` |`));
    expect(row, `${f} is not listed in SOURCES.md`).toBeDefined();
    const blob = /\| `([0-9a-f]{12,40})` \| \d+ \|/.exec(row!)?.[1];
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    expect(sha.startsWith(blob!), `${f}: git blob ${sha} does not start with ${blob}`).toBe(true);
  });
});

describe('the CRDs inside the program (single-file build)', () => {
  it('are exactly the files of crds/, byte for byte', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { EMBEDDED_CRDS } = await import('../../src/sim/controllers/crds-embedded.js');
    const dir = new URL('../../crds/', import.meta.url);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(Object.keys(EMBEDDED_CRDS).sort()).toEqual(files.map((f) => f.slice(0, -'.yaml'.length)));
    for (const f of files) expect(EMBEDDED_CRDS[f.slice(0, -'.yaml'.length)]).toBe(readFileSync(new URL(f, dir), 'utf8'));
  });
});
