// kubectl-like tables: upper-case headers, columns padded with three spaces, no borders.
// On a terminal a table fits its width: the widest columns give way first; a cell that is cut keeps its start
// and ends in `…[n]`, and note n under the table holds it whole; cells of a "notes" column that do not fit are
// replaced by their note's number.
// Off a terminal (no width) nothing is shortened, so logs and pipes keep every character.
// Widths are measured with string-width (East Asian wide characters, emoji, ANSI colours ignored).
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { io, type OutStream } from '../run/io.js';
import { escapeControl } from './escape.js';

export interface TableOptions {
  headers: string[];
  /** Columns of the terminal; undefined = do not shorten anything. */
  width?: number;
  /** Indexes of columns whose long cells become numbered notes under the table instead of being cut. */
  notes?: number[];
  /** Indexes of columns that give way before the others (e.g. a free-text MESSAGE); then the widest go first. */
  shrinkFirst?: number[];
  /** Notes only when a notes column is left narrower than this; wider, its cells end in an ellipsis. Default: always. */
  notesBelow?: number;
}

/** Spaces between columns; two when a terminal is too narrow for three. */
const GAP = 3;
const NARROW_GAP = 2;
/** A column never shrinks below this many cells (or its natural width, if smaller). */
const MIN_COLUMN = 6;

/** The width to fit on: the stream's columns when it is a terminal, else undefined (no shortening). */
export function terminalWidth(stream: OutStream = io().stdout): number | undefined {
  return stream.isTTY && stream.columns ? stream.columns : undefined;
}

export function renderTable(rows: string[][], o: TableOptions): string {
  const headers = o.headers.map((h) => h.toUpperCase());
  const n = headers.length;
  // Cells may hold text from the cluster: its control characters are shown, not obeyed (src/output/escape.ts).
  let body = rows.map((r) => headers.map((_, i) => escapeControl(r[i] ?? '')));
  const natural = (all: string[][]) => headers.map((_, i) => Math.max(...all.map((r) => stringWidth(r[i]!))));
  let widths = natural([headers, ...body]);
  const notes: string[] = [];
  let gap = GAP;
  if (o.width !== undefined && total(widths, gap) > o.width) {
    const noteCols = new Set(o.notes ?? []);
    // Too narrow for the smallest columns three spaces apart: two will do.
    if (total(floors(widths, headers, noteCols), gap) > o.width) gap = NARROW_GAP;
    widths = shrink(widths, headers, o.width, gap, o.shrinkFirst, noteCols);
    for (const i of noteCols) if (widths[i]! >= (o.notesBelow ?? Infinity)) noteCols.delete(i);
    // Notes: a cell that would be cut is replaced by its note's number.
    body = body.map((r) =>
      r.map((cell, i) => {
        if (!noteCols.has(i) || stringWidth(cell) <= widths[i]!) return cell;
        const same = notes.indexOf(cell);
        if (same >= 0) return `[${same + 1}]`;
        notes.push(cell);
        return `[${notes.length}]`;
      }),
    );
    // Columns that lost their long cells to notes give their room back to the others.
    if (noteCols.size) {
      const needed = natural([headers, ...body]);
      widths = shrink(needed, headers, o.width, gap, o.shrinkFirst, noteCols);
    }
  }
  const lines = [headers, ...body].map((r, row) =>
    r
      .map((cell, i) => {
        const w = widths[i]!;
        // A body cell that must be cut keeps its start and continues, whole, in a numbered note.
        const fitted = stringWidth(cell) <= w ? cell : row > 0 ? continued(cell, w, notes) : cut(cell, w);
        return i === n - 1 ? fitted : fitted + ' '.repeat(Math.max(0, w - stringWidth(fitted)));
      })
      .join(' '.repeat(gap))
      .trimEnd(),
  );
  notes.forEach((text, k) => {
    const indent = ' '.repeat(`[${k + 1}] `.length);
    lines.push(...wrap(`[${k + 1}] ${breakWords(text, o.width! - indent.length)}`, o.width!, indent));
  });
  return `${lines.join('\n')}\n`;
}

/** `start…[n]` within `w` cells, the whole text as note n (one note per distinct text). */
function continued(cell: string, w: number, notes: string[]): string {
  let n = notes.indexOf(cell) + 1;
  if (n === 0) n = notes.push(cell);
  const marker = `[${n}]`;
  if (w < marker.length + 2) return w >= marker.length ? marker : cut(cell, w);
  return `${cut(cell, w - marker.length)}${marker}`;
}

/** Cuts to at most `w` cells with an ellipsis (cli-truncate can go one over when a wide character straddles). */
function cut(text: string, w: number): string {
  for (let target = w; target > 0; target--) {
    const t = cliTruncate(text, target, { position: 'end' });
    if (stringWidth(t) <= w) return t;
  }
  return '';
}

/** Splits words wider than `max` cells into pieces, so a note wraps whole instead of being cut. */
function breakWords(text: string, max: number): string {
  if (max < 1) return text;
  return text
    .split(' ')
    .map((word) => {
      if (stringWidth(word) <= max) return word;
      const pieces: string[] = [];
      let piece = '';
      for (const ch of word) {
        if (piece && stringWidth(piece + ch) > max) {
          pieces.push(piece);
          piece = '';
        }
        piece += ch;
      }
      pieces.push(piece);
      return pieces.join(' ');
    })
    .join(' ');
}

/** The former entry point: a table that is never shortened. */
export function table(headers: string[], rows: string[][]): string {
  return renderTable(rows, { headers });
}

function total(widths: number[], gap: number): number {
  return widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
}

/** The narrowest a column gets: its header (or MIN_COLUMN); a notes column only needs room for "[n]". */
function floors(natural: number[], headers: string[], noteCols: Set<number>): number[] {
  return natural.map((w, i) => Math.min(w, noteCols.has(i) ? Math.max(4, stringWidth(headers[i]!)) : Math.max(MIN_COLUMN, stringWidth(headers[i]!))));
}

/** Takes one cell at a time from the widest column that may still give way, until the row fits. */
function shrink(natural: number[], headers: string[], width: number, gap: number, first: number[] = [], noteCols = new Set<number>()): number[] {
  const widths = [...natural];
  let floor = floors(natural, headers, noteCols);
  // A terminal too narrow even for the floors: let headers be cut too, but a notes column keeps room for "[n]".
  if (total(floor, gap) > width) floor = natural.map((w, i) => Math.min(w, noteCols.has(i) ? 4 : 2));
  for (const i of first) {
    const excess = total(widths, gap) - width;
    if (i >= widths.length || excess <= 0) continue;
    widths[i] = Math.max(floor[i]!, widths[i]! - excess);
  }
  while (total(widths, gap) > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest]!--;
  }
  return widths;
}

/** Word-wraps one line to `width` columns; continuation lines start with `indent`; overlong words are cut. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  // The line's width is kept as words are added: measuring the whole line again for each word made a long
  // message cost the square of its length (the live tree redraws every frame).
  let lineWidth = 0;
  const indentWidth = stringWidth(indent);
  for (const word of text.split(' ')) {
    const wordWidth = stringWidth(word);
    const candidateWidth = line ? lineWidth + 1 + wordWidth : wordWidth;
    if (candidateWidth <= width || !line.trim()) {
      line = line ? `${line} ${word}` : word;
      lineWidth = candidateWidth;
      continue;
    }
    out.push(line);
    line = `${indent}${word}`;
    lineWidth = indentWidth + wordWidth;
  }
  out.push(line);
  return out.map((l) => (stringWidth(l) > width ? cut(l, width) : l));
}

/** Shortens one line to the width (if any) with an ellipsis. */
export function fitLine(line: string, width: number | undefined): string {
  return width !== undefined && stringWidth(line) > width ? cut(line, width) : line;
}

/**
 * "Next: COMMAND" within the width: on one line if it fits, else the command alone on the next line, else
 * broken at spaces with shell continuations (` \`) so it still pastes as one command.
 */
export function nextCommand(label: string, command: string, width: number | undefined): string {
  const one = `${label} ${command}`;
  if (width === undefined || stringWidth(one) <= width) return one;
  if (stringWidth(command) + 2 <= width) return `${label}\n  ${command}`;
  // A flag stays with its value: "--storage existing" is one unit.
  const units: string[] = [];
  for (const word of command.split(' ')) {
    const last = units[units.length - 1];
    if (last && /^--?[\w-]+$/.test(last) && !word.startsWith('-')) units[units.length - 1] = `${last} ${word}`;
    else units.push(word);
  }
  const lines: string[] = [];
  let line = ' ';
  for (const word of units) {
    if (line.trim() && stringWidth(`${line} ${word} \\`) > width) {
      lines.push(`${line} \\`);
      line = '   ';
    }
    line = `${line} ${word}`;
  }
  lines.push(line);
  return `${label}\n${lines.join('\n')}`;
}
