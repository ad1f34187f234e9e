// Label and field selectors as kube-apiserver parses them (equality- and set-based).

export type Matcher = (labels: Record<string, string> | undefined) => boolean;

export function parseLabelSelector(sel: string | null | undefined): Matcher {
  if (!sel) return () => true;
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const tests = parts.map((raw) => {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const key = m[1]!;
      const values = m[3]!.split(',').map((v) => v.trim());
      const notin = m[2] === 'notin';
      return (l: Record<string, string>) => (notin ? !(key in l) || !values.includes(l[key]!) : key in l && values.includes(l[key]!));
    }
    if ((m = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(p))) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return (l: Record<string, string>) => (op === '!=' ? l[key] !== value : l[key] === value);
    }
    if ((m = /^!([^\s!=]+)$/.exec(p))) {
      const key = m[1]!;
      return (l: Record<string, string>) => !(key in l);
    }
    if (/^[^\s!=()]+$/.test(p)) return (l: Record<string, string>) => p in l;
    throw new Error(`unable to parse requirement: ${JSON.stringify(p)}`);
  });
  return (labels) => tests.every((t) => t(labels ?? {}));
}

export type FieldMatcher = (obj: { metadata?: { name?: string; namespace?: string } }) => boolean;

export function parseFieldSelector(sel: string | null | undefined): FieldMatcher {
  if (!sel) return () => true;
  const tests = sel.split(',').map((raw) => {
    const m = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (!m) throw new Error(`invalid selector: ${JSON.stringify(raw)}`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (field !== 'metadata.name' && field !== 'metadata.namespace') throw new Error(`field label not supported: ${field}`);
    const get = (o: { metadata?: { name?: string; namespace?: string } }) => (field === 'metadata.name' ? o.metadata?.name : o.metadata?.namespace) ?? '';
    return (o: { metadata?: { name?: string; namespace?: string } }) => (op === '!=' ? get(o) !== value : get(o) === value);
  });
  return (o) => tests.every((t) => t(o));
}
