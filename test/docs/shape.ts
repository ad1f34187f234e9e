// "The same shape as real output": the lines, columns, headers and statuses of a sample equal the real output's
// once what changes from run to run is normalised — clock times, durations, generated name suffixes, ports, the
// temporary folder — and column widths (they follow the widest cell) are ignored. A line `…` (or `...`) in a sample
// stands for lines left out.

/** Kubernetes' generateName alphabet (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go@b547a95d14430b903f638946ca291778632f8726, `alphanums`: no vowels, no 0 1 3). */
const SUFFIX = /(?<=[a-z0-9]-)[bcdfghjklmnpqrstvwxz2456789]{5}\b/g;
const DURATION = /(?<![\w.])\d+(?:\.\d+)?(?:ms|s|m|h)(?:\d+(?:\.\d+)?(?:ms|s|m))*(?![\w])/g;

export interface Normalise {
  /** The embedded cluster's folder (the CLI's working folder): shown as `.`. */
  dir?: string;
}

export function normaliseLine(line: string, o: Normalise = {}): string {
  let s = line.trimEnd();
  if (o.dir) s = s.split(`${o.dir}/`).join('').split(o.dir).join('.');
  return s
    .replace(/\b\d{4}-\d\d-\d\dT/g, 'YYYY-MM-DDT')
    .replace(/\b\d\d:\d\d:\d\d\b/g, 'HH:MM:SS')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(DURATION, 'DUR')
    .replace(SUFFIX, 'XXXXX')
    .replace(/\balready-done\b/g, 'done')
    .replace(/\b\d+ already done\b/g, 'N already done') // done or already done: which one can depend on timing (the addon may be first)
    .replace(/ {2,}/g, '  ');
}

/** Lines of a terminal screen whose continuation (indented, after a line that is not blank) is joined back. */
export function unwrap(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (/^ {2,}\S/.test(l) && out.length && out.at(-1)!.trim() !== '') out[out.length - 1] = `${out.at(-1)!.trimEnd()} ${l.trim()}`;
    else out.push(l);
  }
  return out;
}

export const isElision = (line: string) => /^\s*(…|\.\.\.)\s*$/.test(line);

/** Non-blank normalised lines. */
export function shape(lines: string[], o: Normalise & { terminal?: boolean } = {}): string[] {
  return (o.terminal ? unwrap(lines) : lines).map((l) => normaliseLine(l, o)).filter((l) => l.trim() !== '');
}

/** Whether the sample's lines (with `…` wildcards) cover the real lines, first to last. */
export function matches(sample: string[], real: string[]): boolean {
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    if (i === sample.length) return j === real.length;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const r = isElision(sample[i]!) ? go(i + 1, j) || (j < real.length && go(i, j + 1)) : j < real.length && sample[i] === real[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** The first sample line that has no counterpart, for the failure message (greedy: good enough to point at). */
export function firstMismatch(sample: string[], real: string[]): string {
  let j = 0;
  for (const [i, s] of sample.entries()) {
    if (isElision(s)) {
      const next = sample.slice(i + 1).find((x) => !isElision(x));
      if (next === undefined) return 'the lines match';
      const at = real.indexOf(next, j);
      if (at < 0) return `sample line not in the real output after "…": ${next}`;
      j = at;
      continue;
    }
    if (real[j] !== s) return `sample line ${i + 1}:\n  sample: ${s}\n  real:   ${real[j] ?? '(end of output)'}`;
    j++;
  }
  return j < real.length ? `the real output goes on: ${real[j]}` : 'the lines match';
}

/**
 * What a terminal shows after `text` is written to it: the cursor movements and erasures a live display uses
 * (CSI A B C D G K J, carriage return), colours dropped. Enough for listr2's log-update redraws.
 */
export function screen(text: string, columns: number): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => (rows[row] ??= []);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\x1b') {
      const m = /^\x1b\[([?\d;]*)([A-Za-z])/.exec(text.slice(i, i + 16));
      if (!m) continue;
      i += m[0].length - 1;
      const n = Number(m[1]!.replace('?', '').split(';')[0] || 0);
      const cmd = m[2]!;
      if (cmd === 'A') row = Math.max(0, row - (n || 1));
      else if (cmd === 'B') row += n || 1;
      else if (cmd === 'C') col += n || 1;
      else if (cmd === 'D') col = Math.max(0, col - (n || 1));
      else if (cmd === 'G') col = Math.max(0, (n || 1) - 1);
      else if (cmd === 'K') rows[row] = n === 2 ? [] : n === 1 ? line().map((c, k) => (k <= col ? ' ' : c)) : line().slice(0, col);
      else if (cmd === 'J' && n !== 1) rows.splice(row + 1), (rows[row] = line().slice(0, col));
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') row++, (col = 0);
    else {
      if (col >= columns) row++, (col = 0);
      const l = line();
      while (l.length < col) l.push(' ');
      l[col++] = ch;
    }
  }
  const out = Array.from({ length: rows.length }, (_, k) => (rows[k] ?? []).join('').trimEnd());
  while (out.length && out.at(-1) === '') out.pop();
  return out;
}
