// Every command line README.md and docs/**/*.md show is one hcp-kv accepts (unknown commands and flags, missing
// arguments and values outside a flag's choices fail here), every npm script they name exists, and every fenced
// block is either command lines (sh), a checked sample or marked unchecked with its reason. No cluster needed:
// commander alone parses (the actions are replaced by nothing).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isState, STATES } from './doc-states.js';
import { blocks, docFiles, inlineCommands, ROOT, transcript, where, type Block } from './doc-blocks.js';
import { commandLineError, hcpKvSegments, isUsageLine, parseError, usageError, words } from './command-line.js';

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const OPTIONS = ['as', 'tty', 'cmd', 'before', 'inject', 'optional', 'profile', 'workers', 'disconnected'];
const all: Block[] = docFiles().flatMap((f) => blocks(f));
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Shell lines with their `\` continuations joined. */
function shellLines(body: string[]): string[] {
  const out: string[] = [];
  let cont = false;
  for (const l of body) {
    if (cont) out[out.length - 1] = `${out.at(-1)!.replace(/\\\s*$/, '')} ${l.trim()}`;
    else out.push(l);
    cont = /\\\s*$/.test(l);
  }
  return out;
}

/** The command lines of a block: each shell line, or each `$ ` line of an output block. */
const commandLines = (b: Block) => (SHELL.has(b.lang) && !b.marker ? shellLines(b.body) : transcript(b.body).map((t) => t.command));

describe('the docs show only command lines hcp-kv accepts', () => {
  it('finds the docs pages and their blocks', () => {
    expect(docFiles()).toContain('docs/commands/bootstrap.md');
    expect(all.length).toBeGreaterThan(20);
  });

  it('every fenced block is command lines, a checked sample or marked unchecked with a reason', () => {
    const unmarked = all.filter((b) => !b.marker && !(SHELL.has(b.lang) && !b.body.some((l) => l.startsWith('$ '))));
    expect(unmarked.map((b) => `${where(b)} (\`\`\`${b.lang}): put <!-- sample: STATE --> or <!-- sample-unchecked: REASON --> above it (docs/README.md)`)).toEqual([]);
    const noReason = all.filter((b) => b.marker?.kind === 'unchecked' && b.marker.value.length < 10);
    expect(noReason.map((b) => `${where(b)}: sample-unchecked needs its reason`)).toEqual([]);
    const badState = all.filter((b) => b.marker?.kind === 'sample' && !isState(b.marker.value));
    expect(badState.map((b) => `${where(b)}: sample needs its state, one of ${STATES.join(', ')}`)).toEqual([]);
    const badOption = all.flatMap((b) =>
      b.marker?.kind === 'sample'
        ? Object.keys(b.marker.options)
            .filter((k) => !OPTIONS.includes(k))
            .map((k) => `${where(b)}: unknown sample option ${k}`)
        : [],
    );
    expect(badOption, `known: ${OPTIONS.join(', ')}`).toEqual([]);
  });

  it('every hcp-kv line of a block parses (usage lines: the command and every flag exist)', async () => {
    const bad: string[] = [];
    let n = 0;
    for (const b of all)
      for (const line of commandLines(b))
        for (const segment of hcpKvSegments(line)) {
          n++;
          const e = await commandLineError(segment);
          if (e) bad.push(`${where(b)}: ${segment}\n    ${e}`);
        }
    expect(bad).toEqual([]);
    expect(n).toBeGreaterThan(30);
  });

  it('every inline `hcp-kv …` names a command and flags that exist', () => {
    const bad = docFiles()
      .flatMap((f) => inlineCommands(f))
      .map((c) => ({ ...c, e: usageError(words(c.command).slice(1)) }))
      .filter((c) => c.e)
      .map((c) => `${c.file}:${c.line}: ${c.command}\n    ${c.e}`);
    expect(bad).toEqual([]);
  });

  it('every npm script a block runs exists', () => {
    const named = all.filter((b) => SHELL.has(b.lang)).flatMap((b) => b.body.flatMap((l) => [...l.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => ({ b, s: m[1]! }))));
    expect(named.filter((x) => !scripts.includes(x.s)).map((x) => `${where(x.b)}: npm run ${x.s}`)).toEqual([]);
    expect(existsSync(join(ROOT, '.ci', 'run'))).toBe(true);
  });

  it('the checker catches what it must', async () => {
    expect(await parseError(['list', '--no-such-flag'])).toMatch(/unknown option/);
    expect(await parseError(['no-such-command'])).toMatch(/unknown command/);
    expect(await parseError(['list', '-A'])).toBeUndefined();
    expect(await parseError(['--progress', 'fancy', 'list'])).toMatch(/fancy/);
    expect(usageError(['nodepool', 'create|scale|frobnicate'])).toMatch(/frobnicate/);
    expect(usageError(['bootstrap', '[--storage', 'odf-local|lvms]', '[--no-such]'])).toMatch(/--no-such/);
    expect(isUsageLine('hcp-kv bootstrap [--only IDS]')).toBe(true);
    expect(hcpKvSegments(`echo 'source <(hcp-kv completion bash)' >> ~/.bashrc`)).toEqual(['hcp-kv completion bash']);
    expect(hcpKvSegments('hcp-kv list -A | head   # comment --bad')).toEqual(['hcp-kv list -A']);
  });
});
