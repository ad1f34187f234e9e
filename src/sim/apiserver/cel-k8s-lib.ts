// The Kubernetes CEL libraries (k8s.io/apiserver/pkg/cel/library) that CRD rules use and @bufbuild/cel lacks:
// regex find/findAll, URLs, IPs, CIDRs and the named formats (quantities and lists: cel-k8s-quantity.ts). URL, IP and CIDR values are CEL maps carrying a
// marker key ('@url', '@ip', '@cidr') so that their methods can be dispatched; rules only see them through
// those methods and equality, as in kube.
import { isIPv4, isIPv6 } from 'node:net';
import { CelScalar, celFunc, celMethod, isCelMap, listType, mapType, type CelFunc, type CelMap } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { QUANTITY_AND_LIST_FUNCS } from './cel-k8s-quantity.js';

const { STRING, INT, BOOL, DYN } = CelScalar;
const OBJ = mapType(STRING, DYN);

function fail(message: string): never {
  throw new Error(message);
}

// ------------------------------------------------------------------ regex (library.Regex)

const regexCache = new Map<string, RegExp>();
/** RE2 patterns as JavaScript RegExp; a leading (?flags) group becomes RegExp flags. */
function regexOf(pattern: string, global: boolean): RegExp {
  const key = `${global ? 'g' : ''}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    const m = /^\(\?([imsU]+)\)/.exec(pattern);
    const flags = `${global ? 'g' : ''}${m?.[1]?.includes('i') ? 'i' : ''}${m?.[1]?.includes('s') ? 's' : ''}${m?.[1]?.includes('m') ? 'm' : ''}`;
    const source = m ? pattern.slice(m[0].length) : pattern;
    try {
      re = new RegExp(source, `u${flags}`);
    } catch {
      re = new RegExp(source, flags); // RE2 accepts escapes such as \- that unicode-mode RegExp rejects
    }
    regexCache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

// ------------------------------------------------------------------ IP and CIDR (library.IP, library.CIDR)

interface Addr {
  family: 4 | 6;
  bits: bigint;
}

/** netip.ParseAddr as kube uses it: no zones, no IPv4-mapped IPv6, no leading zeros in IPv4 octets. */
function parseAddr(s: string): Addr | undefined {
  if (isIPv4(s)) return { family: 4, bits: s.split('.').reduce((a, o) => (a << 8n) | BigInt(Number(o)), 0n) };
  if (!isIPv6(s) || s.includes('%')) return undefined;
  let text = s;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    if (/^::ffff:/i.test(text)) return undefined; // IPv4-mapped addresses are rejected by kube's isIP
    const b = parseAddr(v4[1]!)!.bits;
    text = `${text.slice(0, -v4[1]!.length)}${(b >> 16n).toString(16)}:${(b & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) return undefined;
  return { family: 6, bits: groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function formatAddr(a: Addr): string {
  if (a.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((a.bits >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((a.bits >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best[1]! && j - i >= 2) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best[0]! < 0) return hex.join(':');
  return `${hex.slice(0, best[0]).join(':')}::${hex.slice(best[0]! + best[1]!).join(':')}`;
}

function width(a: Addr): bigint {
  return a.family === 4 ? 32n : 128n;
}

interface Prefix {
  addr: Addr;
  length: number;
}

function parsePrefix(s: string): Prefix | undefined {
  const m = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(s);
  const addr = m && parseAddr(m[1]!);
  if (!addr || Number(m![2]) > Number(width(addr))) return undefined;
  return { addr, length: Number(m![2]) };
}

function ipValue(a: Addr): Record<string, string> {
  return { '@ip': formatAddr(a) };
}

function cidrValue(p: Prefix): Record<string, string> {
  return { '@cidr': `${formatAddr(p.addr)}/${p.length}` };
}

function addrOf(v: unknown): Addr {
  const s = isCelMap(v) ? v.get('@ip') : v;
  return (typeof s === 'string' && parseAddr(s)) || fail(`IP Address '${String(s)}' parse error during conversion from string`);
}

function prefixOf(v: unknown): Prefix {
  const s = isCelMap(v) ? v.get('@cidr') : v;
  return (typeof s === 'string' && parsePrefix(s)) || fail(`network address parse error during conversion from string: ${String(s)}`);
}

function masked(p: Prefix): Addr {
  const host = width(p.addr) - BigInt(p.length);
  return { family: p.addr.family, bits: (p.addr.bits >> host) << host };
}

function contains(p: Prefix, a: Addr): boolean {
  const host = width(p.addr) - BigInt(p.length);
  return a.family === p.addr.family && a.bits >> host === p.addr.bits >> host;
}

function ipMethod(name: string, impl: (a: Addr) => unknown, result: typeof BOOL | typeof INT | typeof STRING = BOOL): CelFunc {
  return celMethod(name, OBJ, [], result, function (this: CelMap) {
    if (!this.has('@ip')) fail(`no such overload: ${name}`);
    return impl(addrOf(this)) as never;
  });
}

const ipFuncs: CelFunc[] = [
  celFunc('isIP', [STRING], BOOL, (s) => parseAddr(s) !== undefined),
  celFunc('ip', [STRING], OBJ, (s) => ipValue(addrOf(s))),
  celFunc('ip.isCanonical', [STRING], BOOL, (s) => formatAddr(addrOf(s)) === s),
  ipMethod('family', (a) => BigInt(a.family), INT),
  ipMethod('isUnspecified', (a) => a.bits === 0n),
  ipMethod('isLoopback', (a) => (a.family === 4 ? a.bits >> 24n === 127n : a.bits === 1n)),
  ipMethod('isLinkLocalUnicast', (a) => (a.family === 4 ? a.bits >> 16n === 0xa9fen : a.bits >> 118n === 0x3fan)),
  ipMethod('isLinkLocalMulticast', (a) => (a.family === 4 ? a.bits >> 8n === 0xe00000n : a.bits >> 112n === 0xff02n)),
  ipMethod('isGlobalUnicast', (a) =>
    a.family === 4 ? a.bits !== 0xffffffffn && a.bits >> 28n !== 0xen && a.bits >> 24n !== 127n && a.bits >> 16n !== 0xa9fen && a.bits !== 0n : a.bits >> 120n !== 0xffn && a.bits > 1n && a.bits >> 118n !== 0x3fan,
  ),
  celFunc('isCIDR', [STRING], BOOL, (s) => parsePrefix(s) !== undefined),
  celFunc('cidr', [STRING], OBJ, (s) => cidrValue(prefixOf(s))),
  celMethod('ip', OBJ, [], OBJ, function (this: CelMap) {
    return ipValue(prefixOf(this).addr);
  }),
  celMethod('prefixLength', OBJ, [], INT, function (this: CelMap) {
    return BigInt(prefixOf(this).length);
  }),
  celMethod('masked', OBJ, [], OBJ, function (this: CelMap) {
    const p = prefixOf(this);
    return cidrValue({ addr: masked(p), length: p.length });
  }),
  celMethod('containsIP', OBJ, [DYN], BOOL, function (this: CelMap, other: unknown) {
    return contains(prefixOf(this), addrOf(other));
  }),
  celMethod('containsCIDR', OBJ, [DYN], BOOL, function (this: CelMap, other: unknown) {
    const p = prefixOf(this);
    const o = prefixOf(other);
    return o.length >= p.length && contains(p, o.addr);
  }),
];

// ------------------------------------------------------------------ URL (library.URLs)

interface ParsedUrl {
  scheme: string;
  host: string;
  path: string;
  query: string;
}

/** url.ParseRequestURI: an absolute URI or an absolute path, valid escapes, no spaces or controls in the host. */
function parseUrl(s: string): ParsedUrl | undefined {
  if (!s || /[\x00-\x1f\x7f]/.test(s) || /%(?![0-9a-fA-F]{2})/.test(s)) return undefined;
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?]*))?([^?]*)(?:\?(.*))?$/s.exec(s);
  if (!m) return undefined;
  const [, scheme, host = '', path = '', query = ''] = m;
  if (!scheme && !path.startsWith('/')) return undefined;
  if (host && (/[\s"<>\\^`{|}]/.test(host) || !/^(?:[^@]*@)?(?:\[[0-9a-fA-F:.]+\]|[^:[\]]*)(?::\d*)?$/.test(host))) return undefined;
  return { scheme: (scheme ?? '').toLowerCase(), host: host.replace(/^[^@]*@/, ''), path, query };
}

function urlOf(v: CelMap): ParsedUrl {
  const s = v.get('@url');
  return (typeof s === 'string' && parseUrl(s)) || fail('no such overload: url method on a non-URL value');
}

function urlMethod(name: string, impl: (u: ParsedUrl) => unknown, result: ReturnType<typeof mapType> | typeof STRING = STRING): CelFunc {
  return celMethod(name, OBJ, [], result, function (this: CelMap) {
    return impl(urlOf(this)) as never;
  });
}

const urlFuncs: CelFunc[] = [
  celFunc('isURL', [STRING], BOOL, (s) => parseUrl(s) !== undefined),
  celFunc('url', [STRING], OBJ, (s) => (parseUrl(s) ? { '@url': s } : fail(`URL parse error during conversion from string: ${s}`))),
  urlMethod('getScheme', (u) => u.scheme),
  urlMethod('getHost', (u) => u.host),
  urlMethod('getHostname', (u) => u.host.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1')),
  urlMethod('getPort', (u) => /:(\d*)$/.exec(u.host.replace(/^\[.*\]/, ''))?.[1] ?? ''),
  urlMethod('getEscapedPath', (u) => u.path),
  urlMethod(
    'getQuery',
    (u) => {
      const out = new Map<string, string[]>();
      for (const [k, v] of new URLSearchParams(u.query)) out.set(k, [...(out.get(k) ?? []), v]);
      return out;
    },
    mapType(STRING, listType(STRING)),
  ),
];

// ------------------------------------------------------------------ named formats (library.Format)

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function limit(s: string, max: number, re: RegExp, what: string): string[] {
  const errs: string[] = [];
  if (s.length > max) errs.push(`must be no more than ${max} characters`);
  if (!re.test(s)) errs.push(`a ${what} must consist of lower case alphanumeric characters or '-'${what.includes('subdomain') ? " or '.'" : ''}, and must start and end with an alphanumeric character`);
  return errs;
}

/** Error strings of format.<name>().validate(value); an empty list means the value is valid. */
export const FORMATS: Record<string, (s: string) => string[]> = {
  dns1123Label: (s) => limit(s, 63, DNS1123_LABEL, 'lowercase RFC 1123 label'),
  dns1123Subdomain: (s) => limit(s, 253, DNS1123_SUBDOMAIN, 'lowercase RFC 1123 subdomain'),
  dns1035Label: (s) => limit(s, 63, DNS1035_LABEL, 'DNS-1035 label'),
  dns1123LabelPrefix: (s) => limit(s.replace(/-$/, 'a'), 63, DNS1123_LABEL, 'lowercase RFC 1123 label'),
  dns1123SubdomainPrefix: (s) => limit(s.replace(/-$/, 'a'), 253, DNS1123_SUBDOMAIN, 'lowercase RFC 1123 subdomain'),
  dns1035LabelPrefix: (s) => limit(s.replace(/-$/, 'a'), 63, DNS1035_LABEL, 'DNS-1035 label'),
  qualifiedName: (s) => (s.length <= 63 && QUALIFIED_NAME.test(s) ? [] : ['must be a valid qualified name']),
  labelValue: (s) => (s.length <= 63 && LABEL_VALUE.test(s) ? [] : ['must be a valid label value']),
  uri: (s) => (parseUrl(s) ? [] : ['must be a valid URI']),
  uuid: (s) => (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s) ? [] : ['does not match the UUID format']),
  byte: (s) => (/^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 ? [] : ['invalid base64']),
  date: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? [] : ['must be a valid date']),
  datetime: (s) => (!Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s) ? [] : ['must be a valid RFC3339 date-time']),
};

const formatFuncs: CelFunc[] = [
  // Target of the rewritten `format.<name>().validate(value)` (see cel-rewrite.ts).
  celFunc('k8sFormatErrors', [STRING, STRING], listType(STRING), (name, s) => (FORMATS[name] ?? fail(`unknown format ${name}`))(s)),
];

const regexFuncs: CelFunc[] = [
  celMethod('find', STRING, [STRING], STRING, function (this: string, p: string) {
    return regexOf(p, false).exec(this)?.[0] ?? '';
  }),
  celMethod('findAll', STRING, [STRING], listType(STRING), function (this: string, p: string) {
    return [...this.matchAll(regexOf(p, true))].map((m) => m[0]);
  }),
  celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (this: string, p: string, n: bigint) {
    const all = [...this.matchAll(regexOf(p, true))].map((m) => m[0]);
    return n < 0n ? all : all.slice(0, Number(n));
  }),
];

/** Functions available to CRD rules besides the CEL standard library. */
export const K8S_FUNCS: CelFunc[] = [...strings, ...regexFuncs, ...ipFuncs, ...urlFuncs, ...formatFuncs, ...QUANTITY_AND_LIST_FUNCS];
