// renderTable: fits the width it is given (East Asian, emoji and ANSI-coloured text measured as the terminal
// draws them), moves long hints under the table as numbered notes, and shortens nothing without a width.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { nextCommand, renderTable, wrap } from '../../src/output/table.js';

const HINT = 'hcp-kv bootstrap --only hypershift-addon --metallb-addresses 192.168.10.100-192.168.10.150';
const rows = [
  ['install-cnv', 'missing', 'not installed', HINT],
  ['hypershift-addon', 'missing', 'ManagedClusterAddOn hypershift-addon in local-cluster is not Available yet', HINT],
  ['nodes', 'ok', '6/6 Ready', ''],
];
const headers = ['check', 'status', 'detail', 'hint'];
const lines = (s: string) => s.trimEnd().split('\n');
const widest = (s: string) => Math.max(...lines(s).map((l) => stringWidth(l)));

describe('renderTable', () => {
  /** Note n joined back from its wrapped lines. */
  const noteText = (out: string, n: number) => {
    const ls = lines(out);
    const start = ls.findIndex((l) => l.startsWith(`[${n}] `));
    if (start < 0) return undefined;
    const rest = ls.slice(start + 1);
    const end = rest.findIndex((l) => !l.startsWith(' '));
    return [ls[start]!.slice(`[${n}] `.length), ...(end < 0 ? rest : rest.slice(0, end)).map((l) => l.trim())].join(' ');
  };

  it.each([40, 60, 80, 100, 120, 200])('fits %i columns; every cut cell continues whole in a numbered note', (width) => {
    const out = renderTable(rows, { headers, width });
    expect(widest(out)).toBeLessThanOrEqual(width);
    const table = lines(out).slice(0, rows.length + 1);
    if (width < 150) expect(out).toContain('…[1]');
    else expect(lines(out)).toHaveLength(rows.length + 1);
    table.slice(1).forEach((line, r) => {
      for (const m of line.matchAll(/…\[(\d+)\]/g)) {
        const whole = noteText(out, Number(m[1]));
        expect(rows[r]).toContain(whole);
      }
    });
  });

  it('shortens nothing without a width (off a terminal)', () => {
    const out = renderTable(rows, { headers });
    expect(out).toContain(HINT);
    expect(out).not.toContain('…');
    expect(lines(out)[0]).toMatch(/^CHECK\s+STATUS\s+DETAIL\s+HINT$/);
  });

  it('moves hints that do not fit under the table as numbered notes, each hint once, whole', () => {
    const out = renderTable(rows, { headers, width: 80, notes: [3] });
    const ls = lines(out);
    expect(ls[1]).toMatch(/\[1\]$/);
    expect(ls[2]).toMatch(/\[1\]$/);
    expect(ls.filter((l) => l.startsWith('[1] '))).toHaveLength(1);
    // The note is wrapped at spaces, never cut: joined back it is the hint.
    expect(noteText(out, 1)).toBe(HINT);
    expect(widest(out)).toBeLessThanOrEqual(80);
  });

  it.each([
    ['East Asian wide characters', '日本語のメッセージはとても長いのでここで切られます日本語のメッセージ'],
    ['emoji', '🚀🚀🚀 launching many rockets into a very long message 🚀🚀🚀🚀🚀🚀🚀🚀'],
    ['ANSI colours', `\u001b[31m${'red text that is long enough to be cut at forty columns'}\u001b[39m`],
  ])('measures %s as the terminal draws them', (_what, cell) => {
    const out = renderTable([['a', cell]], { headers: ['name', 'message'], width: 40 });
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(widest(out)).toBeGreaterThanOrEqual(36);
  });

  it('shows control sequences in cells escaped (cells hold cluster text), measured as shown', () => {
    const out = renderTable(
      [
        ['\u001b[32mok\u001b[39m', 'x'],
        ['y', 'z'],
      ],
      { headers: ['s', 'v'] },
    );
    expect(lines(out)[1]).toBe('\\u001b[32mok\\u001b[39m   x');
    expect(lines(out)[2]).toBe(`y${' '.repeat(21 + 3)}z`);
  });

  it('puts columns two spaces apart when three do not fit, and keeps the headers whole', () => {
    const wide = [['clusters', 'kv-00', '4.12.3', 'kv-00-admin-kubeconfig', 'Completed', 'True', 'False', 'The hosted control plane is available']];
    const h = ['namespace', 'name', 'version', 'kubeconfig', 'progress', 'available', 'progressing', 'message'];
    const out = renderTable(wide, { headers: h, width: 80, notes: [7], notesBelow: 20 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(lines(out)).toEqual([
      'NAMESPACE  NAME   VERSION  KUBECONFIG  PROGRESS  AVAILABLE  PROGRESSING  MESSAGE',
      'clusters   kv-00  4.12.3   kv-00-…[2]  Comp…[3]  True       False        [1]',
      '[1] The hosted control plane is available',
      '[2] kv-00-admin-kubeconfig',
      '[3] Completed',
    ]);
    // With room enough, the notes column keeps its start and continues in a note like any other cut cell.
    const at60 = renderTable([['kv-00', 'The hosted control plane is available and all is well, really']], { headers: ['name', 'message'], width: 40, notes: [1], notesBelow: 20 });
    expect(lines(at60)[1]).toMatch(/^kv-00 {3}The hosted control plane is ?…\[1\]$/);
    expect(noteText(at60, 1)).toBe('The hosted control plane is available and all is well, really');
    expect(widest(at60)).toBeLessThanOrEqual(40);
  });

  it('keeps note numbers readable when even the headers must be cut (nodepool list at 80 columns)', () => {
    const h = ['NAME', 'CLUSTER', 'DESIRED', 'CURRENT', 'AUTOREPAIR', 'VERSION', 'UPDATINGVERSION', 'READY', 'MESSAGE'];
    const message = "0 of 1 machines are ready: 0/6 nodes are available: 3 node(s) didn't match Pod's node affinity/selector";
    const out = renderTable([['np-sel', 'kv-00', '1', '0', 'false', '4.12.3', 'False', 'False', message]], { headers: h, width: 80, shrinkFirst: [8], notes: [8], notesBelow: 20 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(lines(out)[1]).toMatch(/\s\[1\]$/);
    expect(out.replace(/\n\s+/g, ' ')).toContain(`[1] ${message}`);
  });
});

describe('wrap', () => {
  it.each([
    ['short', 20, ['short']],
    ['one two three four', 9, ['one two', '  three', '  four']],
    ['averyveryverylongword here', 10, ['averyvery…', '  here']],
  ])('%s at %i', (text, width, expected) => {
    expect(wrap(text, width, '  ')).toEqual(expected);
  });
});

describe('nextCommand', () => {
  const cmd = 'hcp-kv bootstrap --metallb-addresses 192.0.2.10-192.0.2.50 --storage existing';
  it.each([
    [undefined, `Next: ${cmd}`],
    [100, `Next: ${cmd}`],
    [80, `Next:\n  ${cmd}`],
    [50, 'Next:\n  hcp-kv bootstrap \\\n    --metallb-addresses 192.0.2.10-192.0.2.50 \\\n    --storage existing'],
  ])('at %s columns', (width, text) => {
    const out = nextCommand('Next:', cmd, width);
    expect(out).toBe(text);
    if (width) for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(width);
  });
});
