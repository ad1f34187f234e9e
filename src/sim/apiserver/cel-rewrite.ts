// Source rewrites for the CEL syntax the @bufbuild/cel 0.6 parser does not accept but CRD rules use:
//   a.b.?c.d.orValue(D)           -> (has(a.b.c) && has(a.b.c.d) ? a.b.c.d : (D))
//   a.?c.hasValue()               -> (has(a.c))
//   a.?c.value()                  -> a.c
//   format.<name>().validate(X)   -> k8sFormatErrors('<name>', X), with .hasValue() -> size(...) > 0
//   oldSelf.hasValue() / .value() / .orValue(D)  (optionalOldSelf rules) -> k8sHasOldSelf / oldSelf / conditional
// These are exactly the optional-chaining semantics of cel-go (a missing field anywhere after `.?` gives none).
// Any other optional syntax is left alone: the parser then rejects it and the rule is skipped with that reason.

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Index just past the string literal starting at i (single, double, triple-quoted, raw). */
function skipString(src: string, i: number): number {
  let j = i;
  if (src[j] === 'r' || src[j] === 'R') j++;
  const q = src[j]!;
  const triple = src.startsWith(q.repeat(3), j);
  const end = triple ? q.repeat(3) : q;
  j += end.length;
  while (j < src.length && !src.startsWith(end, j)) j += src[j] === '\\' ? 2 : 1;
  return j + end.length;
}

/** Index just past the parenthesised group whose '(' is at i. */
function skipParens(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; ) {
    const c = src[j]!;
    if (c === '"' || c === "'") {
      j = skipString(src, j);
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return j + 1;
    j++;
  }
  return -1;
}

function identAt(src: string, i: number): string | undefined {
  IDENT.lastIndex = i;
  return IDENT.exec(src)?.[0];
}

/** Start of the plain identifier chain (a.b.c) that ends just before index `end`. */
function chainStart(src: string, end: number): number {
  let i = end;
  for (;;) {
    let j = i;
    while (j > 0 && /[A-Za-z0-9_]/.test(src[j - 1]!)) j--;
    if (j === i) return i;
    if (j > 0 && src[j - 1] === '.' && j - 1 > 0 && /[A-Za-z0-9_]/.test(src[j - 2]!)) i = j - 1;
    else return j;
  }
}

interface Rewrite {
  text: string;
  /** True when the rule had syntax this module turned into something else. */
  changed: boolean;
}

function rewriteFormat(src: string): Rewrite {
  const re = /\bformat\.([A-Za-z0-9]+)\(\)\.validate\(/g;
  let out = '';
  let last = 0;
  let changed = false;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const argOpen = m.index + m[0].length - 1;
    const argEnd = skipParens(src, argOpen);
    if (argEnd < 0) break;
    let call = `k8sFormatErrors('${m[1]}', ${src.slice(argOpen + 1, argEnd - 1)})`;
    let end = argEnd;
    if (src.startsWith('.hasValue()', end)) {
      call = `(size(${call}) > 0)`;
      end += '.hasValue()'.length;
    } else if (src.startsWith('.value()', end)) end += '.value()'.length;
    out += src.slice(last, m.index) + call;
    last = end;
    re.lastIndex = end;
    changed = true;
  }
  return { text: out + src.slice(last), changed };
}

function rewriteOptionalChains(src: string, optionalOldSelf: boolean): Rewrite {
  let changed = false;
  for (let guard = 0; guard < 50; guard++) {
    const at = findOutsideStrings(src, '.?');
    if (at < 0) break;
    const start = chainStart(src, at);
    const base = src.slice(start, at);
    if (!base) break;
    const fields: string[] = [];
    let i = at;
    while (src.startsWith('.?', i) || (src[i] === '.' && identAt(src, i + 1) && !/^(orValue|hasValue|value)\(/.test(src.slice(i + 1)))) {
      const skip = src.startsWith('.?', i) ? 2 : 1;
      const id = identAt(src, i + skip);
      if (!id) break;
      fields.push(id);
      i += skip + id.length;
    }
    const paths = fields.map((_, k) => `${base}.${fields.slice(0, k + 1).join('.')}`);
    const presence = [...(base === 'oldSelf' && optionalOldSelf ? ['k8sHasOldSelf'] : []), ...paths.map((p) => `has(${p})`)].join(' && ');
    const full = paths[paths.length - 1]!;
    let replacement: string;
    let end: number;
    if (src.startsWith('.orValue(', i)) {
      end = skipParens(src, i + '.orValue'.length);
      if (end < 0) break;
      replacement = `(${presence} ? ${full} : (${src.slice(i + '.orValue('.length, end - 1)}))`;
    } else if (src.startsWith('.hasValue()', i)) {
      end = i + '.hasValue()'.length;
      replacement = `(${presence})`;
    } else if (src.startsWith('.value()', i)) {
      end = i + '.value()'.length;
      replacement = full;
    } else break; // an optional passed on as a value: not supported here
    src = src.slice(0, start) + replacement + src.slice(end);
    changed = true;
  }
  if (optionalOldSelf) {
    const before = src;
    src = src.replace(/\boldSelf\.hasValue\(\)/g, 'k8sHasOldSelf').replace(/\boldSelf\.value\(\)/g, 'oldSelf');
    for (let at = src.indexOf('oldSelf.orValue('); at >= 0; at = src.indexOf('oldSelf.orValue(')) {
      const end = skipParens(src, at + 'oldSelf.orValue'.length);
      if (end < 0) break;
      src = `${src.slice(0, at)}(k8sHasOldSelf ? oldSelf : (${src.slice(at + 'oldSelf.orValue('.length, end - 1)}))${src.slice(end)}`;
    }
    changed ||= src !== before;
  }
  return { text: src, changed };
}

function findOutsideStrings(src: string, needle: string): number {
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '"' || c === "'") {
      i = skipString(src, i);
      continue;
    }
    if (src.startsWith(needle, i)) return i;
    i++;
  }
  return -1;
}

/** Rewrites a rule's source so that @bufbuild/cel can parse it; see the header for what is rewritten. */
export function rewriteRule(src: string, optionalOldSelf = false): Rewrite {
  const f = rewriteFormat(src);
  const o = rewriteOptionalChains(f.text, optionalOldSelf);
  return { text: o.text, changed: f.changed || o.changed };
}
