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
  it.each([40, 60, 80, 100, 120, 200])('fits %i columns, cutting with an ellipsis', (width) => {
    const out = renderTable(rows, { headers, width });
    expect(widest(out)).toBeLessThanOrEqual(width);
    expect(lines(out)).toHaveLength(rows.length + 1);
    if (width < 150) expect(out).toContain('…');
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
    const note = ls.slice(ls.findIndex((l) => l.startsWith('[1] '))).map((l) => l.trim()).join(' ');
    expect(note).toBe(`[1] ${HINT}`);
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
    const out = renderTable([['\u001b[32mok\u001b[39m', 'x'], ['y', 'z']], { headers: ['s', 'v'] });
    expect(lines(out)[1]).toBe('\\u001b[32mok\\u001b[39m   x');
    expect(lines(out)[2]).toBe(`y${' '.repeat(21 + 3)}z`);
  });

  it('puts columns two spaces apart when three do not fit, and keeps the headers whole', () => {
    const wide = [['clusters', 'kv-00', '4.12.3', 'kv-00-admin-kubeconfig', 'Completed', 'True', 'False', 'The hosted control plane is available']];
    const h = ['namespace', 'name', 'version', 'kubeconfig', 'progress', 'available', 'progressing', 'message'];
    const out = renderTable(wide, { headers: h, width: 80, notes: [7], notesBelow: 20 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(lines(out)).toEqual(['NAMESPACE  NAME   VERSION  KUBECONFIG  PROGRESS  AVAILABLE  PROGRESSING  MESSAGE', 'clusters   kv-00  4.12.3   kv-00-adm…  Complet…  True       False        [1]', '[1] The hosted control plane is available']);
    expect(out).toContain('[1] The hosted control plane is available');
    // With room enough, the same column is cut instead of becoming a note.
    const at120 = renderTable(wide, { headers: h, width: 120, notes: [7], notesBelow: 20 });
    expect(at120).not.toContain('[1]');
    expect(widest(at120)).toBeLessThanOrEqual(120);
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
