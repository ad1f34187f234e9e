// kubectl-like tables: upper-case headers, columns padded with three spaces, no borders.
export function table(headers: string[], rows: string[][]): string {
  const all = [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : (cell ?? '').padEnd(widths[i]!))).join('   ').trimEnd())
    .join('\n')
    .concat('\n');
}
