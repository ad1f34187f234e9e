// Every output sample of README.md and docs/**/*.md (a fenced block with `<!-- sample: STATE … -->` above it) has
// the shape of real output: its `$ ` lines run in-process against an embedded cluster in STATE and the text shown
// under each equals the real output once clock times, durations, generated suffixes, ports and column widths are
// normalised (test/docs/shape.ts); `…` on a line of its own stands for lines left out. Blocks with the same state
// and options share one cluster; `as=NAME` names a cluster that blocks share in page order (pages sorted), for
// samples that change it. DOCS_SAMPLES_WRITE=1 rewrites the samples without `…` from the real output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blocks, docFiles, readDoc, ROOT, transcript, where, type Block } from './doc-blocks.js';
import { buildState, type DocState } from './doc-states.js';
import { firstMismatch, isElision, matches, screen, shape } from './shape.js';

const WRITE = process.env.DOCS_SAMPLES_WRITE === '1';
const samples = docFiles()
  .flatMap((f) => blocks(f))
  .filter((b) => b.marker?.kind === 'sample');

/** Blocks that share one cluster: the same `as`, else the same state and options that shape the cluster. */
const clusterKey = (b: Block) => {
  const o = b.marker!.options;
  return o.as ?? [b.marker!.value, o.profile ?? 'instant', o.workers ? `workers=${o.workers}` : '', o.disconnected ? 'disconnected' : ''].filter(Boolean).join(' ');
};
const groups = new Map<string, Block[]>();
for (const b of samples) groups.set(clusterKey(b), [...(groups.get(clusterKey(b)) ?? []), b]);

/** What the reader's terminal or log shows: stderr (progress, summary, errors) then stdout. */
function outputLines(r: { stdout: string; stderr: string }, columns?: number): string[] {
  const lines = (text: string) => (columns ? screen(text, columns) : text.replace(/\n$/, '').split('\n'));
  return [...(r.stderr ? lines(r.stderr) : []), ...(r.stdout ? lines(r.stdout) : [])];
}

const rewrites = new Map<string, Array<{ start: number; end: number; body: string[] }>>();
afterAll(() => {
  for (const [file, list] of rewrites) {
    const lines = readDoc(file).split('\n');
    for (const r of list.sort((a, b) => b.start - a.start)) lines.splice(r.start, r.end - r.start, ...r.body);
    writeFileSync(join(ROOT, file), lines.join('\n'));
  }
});

async function check(b: Block, s: DocState): Promise<void> {
  const o = b.marker!.options;
  const columns = o.tty ? Number(o.tty) : undefined;
  if (o.inject) await s.inject(o.inject);
  const before: string[] = [];
  for (const command of (o.before ?? '').split(/\s+&&\s+/).filter(Boolean)) {
    const r = await s.hcpKv(command);
    before.push(`before: ${command} (exit ${r.code})\n${(r.stderr + r.stdout).trimEnd().split('\n').slice(-8).join('\n')}`);
  }
  const steps = o.cmd ? [{ command: o.cmd, output: b.body, shown: false }] : transcript(b.body).map((t) => ({ ...t, shown: true }));
  expect(steps.length, `${where(b)}: a sample shows \`$ hcp-kv …\` lines or names its command (cmd=)`).toBeGreaterThan(0);
  const body: string[] = [];
  const failures: string[] = [];
  for (const t of steps) {
    const r = await s.hcpKv(t.command, { columns });
    const real = outputLines(r, columns);
    if (t.shown) body.push(...(body.length && body.at(-1)!.startsWith('$ ') ? [] : body.length ? [''] : []), `$ ${t.command}`);
    // A command shown with nothing under it ran for its effect: its output is not part of the sample.
    if (t.shown && t.output.every((l) => l.trim() === '')) continue;
    body.push(...real.filter((l, i) => i > 0 || l.trim() !== ''));
    // optional=REGEX: lines whose presence depends on timing (a step the operators may finish first), either way.
    const optional = o.optional ? new RegExp(o.optional) : undefined;
    const keep = (l: string) => !optional?.test(l);
    const want = shape(t.output, { terminal: Boolean(columns) }).filter(keep);
    const got = shape(real, { dir: s.dir, terminal: Boolean(columns) }).filter(keep);
    if (!matches(want, got)) failures.push(`$ ${t.command} (exit ${r.code}): ${firstMismatch(want, got)}\n--- real output ---\n${real.join('\n')}\n---`);
  }
  if (failures.length && WRITE && !b.body.some(isElision)) rewrites.set(b.file, [...(rewrites.get(b.file) ?? []), { start: b.start, end: b.end, body }]);
  expect(failures, `${where(b)}: the sample is not the shape of real output\n${before.join('\n')}`).toEqual([]);
}

describe('docs samples have the shape of real output', () => {
  it('finds the samples; blocks that share a cluster (as=) name the same state', () => {
    expect(samples.length).toBeGreaterThan(10);
    const start = (b: Block) => [b.marker!.value, b.marker!.options.profile, b.marker!.options.workers, b.marker!.options.disconnected].join(' ');
    for (const list of groups.values()) expect(list.map((b) => `${where(b)}: ${start(b)}`)).toEqual(list.map((b) => `${where(b)}: ${start(list[0]!)}`));
  });
  for (const [key, list] of groups) {
    describe(`on ${key}`, () => {
      let state: Promise<DocState> | undefined;
      const get = () => (state ??= buildState(list[0]!.marker!.value, list[0]!.marker!.options));
      afterAll(async () => {
        await (await state?.catch(() => undefined))?.stop();
      });
      for (const b of list)
        it(where(b), async () => {
          const s = await get();
          try {
            await check(b, s);
          } finally {
            if (b.marker!.options.inject) await s.inject(''); // the faults are the block's own
          }
        }, 180_000);
    });
  }
});
