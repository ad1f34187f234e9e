// The samples of README.md and docs/**/*.md as data: every fenced block with the marker in front of it, and every
// inline `hcp-kv …` span. The convention (docs/README.md, "Samples"):
//   ```sh                                  command lines: each `hcp-kv` line must parse (usage lines with [ ] | too)
//   <!-- sample: STATE; opt=value … -->    output: its `$ ` lines run against an embedded cluster in STATE and the
//                                          text under each must have the shape of the real output
//   <!-- sample-unchecked: REASON -->      not produced by a test (real-cluster only, not command output): say why
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Marker {
  kind: 'sample' | 'unchecked';
  /** sample: the state (fresh, bootstrapped, kv-00, down, hung); unchecked: the reason. */
  value: string;
  options: Record<string, string>;
}

export interface Block {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string[];
  marker?: Marker;
  /** Line index (0-based, in the file) of the first and last body line: where a regenerated body goes. */
  start: number;
  end: number;
}

/** README.md and every page under docs/, new pages included, in a stable order. */
export function docFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f))
    .sort();
  return ['README.md', ...docs];
}

export function readDoc(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** `<!-- sample: kv-00; tty=80; setup=hcp-kv … -->` or `<!-- sample-unchecked: reason -->`. */
export function parseMarker(text: string): Marker | undefined {
  const unchecked = /^<!--\s*sample-unchecked:\s*([\s\S]*?)\s*-->$/.exec(text);
  if (unchecked) return { kind: 'unchecked', value: unchecked[1]!.trim(), options: {} };
  const m = /^<!--\s*sample:\s*([\s\S]*?)\s*-->$/.exec(text);
  if (!m) return undefined;
  const [state, ...opts] = m[1]!.split(/;\s*/);
  const options: Record<string, string> = {};
  for (const o of opts) {
    const at = o.indexOf('=');
    options[(at < 0 ? o : o.slice(0, at)).trim()] = at < 0 ? 'true' : o.slice(at + 1).trim();
  }
  return { kind: 'sample', value: (state ?? '').trim(), options };
}

/** Every fenced block of a page, with the marker comment right above it (blank lines between allowed). */
export function blocks(file: string, text = readDoc(file)): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const fence = new RegExp(`^${open[1]}\`*\\s*$`);
    let close = i + 1;
    while (close < lines.length && !fence.test(lines[close]!)) close++;
    let prev = i - 1;
    while (prev >= 0 && lines[prev]!.trim() === '') prev--;
    // A marker may span lines: from its `<!--` to the `-->` just above the fence.
    let from = prev;
    while (from > 0 && lines[prev]!.trim().endsWith('-->') && !lines[from]!.includes('<!--')) from--;
    const marker =
      prev >= 0 && lines[prev]!.trim().endsWith('-->')
        ? parseMarker(
            lines
              .slice(from, prev + 1)
              .join(' ')
              .trim(),
          )
        : undefined;
    out.push({ file, line: i + 1, lang: open[2] ?? '', body: lines.slice(i + 1, close), marker, start: i + 1, end: close });
    i = close;
  }
  return out;
}

/** Inline code spans that are hcp-kv command lines, outside fenced blocks: `hcp-kv list -A`. */
export function inlineCommands(file: string, text = readDoc(file)): Array<{ file: string; line: number; command: string }> {
  const out: Array<{ file: string; line: number; command: string }> = [];
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^`{3,}/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.matchAll(/`(hcp-kv(?: [^`]*)?)`/g)) out.push({ file, line: i + 1, command: m[1]! });
  });
  return out;
}

/** The commands of an output block: each `$ ` line with the lines shown under it. */
export function transcript(body: string[]): Array<{ command: string; output: string[] }> {
  const out: Array<{ command: string; output: string[] }> = [];
  for (const line of body) {
    if (line.startsWith('$ ')) out.push({ command: line.slice(2), output: [] });
    else out.at(-1)?.output.push(line);
  }
  return out;
}

export const where = (b: Pick<Block, 'file' | 'line'>) => `${relative('.', b.file)}:${b.line}`;
