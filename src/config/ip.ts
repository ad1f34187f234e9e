// MetalLB address pools: ranges (a-b) and CIDRs, IPv4 and IPv6; reversed, mixed-family and overlapping
// entries are refused before anything is sent. ipaddr.js parses; the arithmetic is on BigInt.
import ipaddr from 'ipaddr.js';

export interface AddressSpan {
  text: string;
  family: 'ipv4' | 'ipv6';
  first: bigint;
  last: bigint;
}

function big(ip: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return ip.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function parseIp(text: string, entry: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (!ipaddr.isValid(text.trim())) throw new Error(`"${entry}": "${text.trim()}" is not an IPv4 or IPv6 address`);
  const ip = ipaddr.parse(text.trim());
  // "1.2.3" and friends are legal in inet_aton but not in MetalLB.
  // 192.0.2.010 is octal 8 to inet_aton and decimal 10 to a person: refuse the ambiguity.
  if (ip.kind() === 'ipv4' && /(^|\.)0\d/.test(text.trim()))
    throw new Error(
      `"${entry}": "${text.trim()}" has a leading zero in an octet; write ${text
        .trim()
        .split('.')
        .map((o) => String(Number(o)))
        .join('.')} (without zeros) if that is what you mean`,
    );
  if (ip.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.trim())) throw new Error(`"${entry}": "${text.trim()}" is not a dotted-quad IPv4 address`);
  return ip;
}

export function parseSpan(entry: string): AddressSpan {
  const text = entry.trim();
  if (!text) throw new Error('an empty address entry');
  if (text.includes('/')) {
    let cidr: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      cidr = ipaddr.parseCIDR(text);
    } catch {
      throw new Error(`"${entry}" is not a valid CIDR (like 192.168.10.0/28 or fd00::/120)`);
    }
    const family = cidr[0].kind();
    const first = family === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
    const last = family === 'ipv4' ? ipaddr.IPv4.broadcastAddressFromCIDR(text) : ipaddr.IPv6.broadcastAddressFromCIDR(text);
    if (big(first) !== big(cidr[0])) throw new Error(`"${entry}" has host bits set; did you mean ${first.toString()}/${cidr[1]}?`);
    return { text, family, first: big(first), last: big(last) };
  }
  const parts = text.split('-');
  if (parts.length !== 2) throw new Error(`"${entry}" is neither a range (first-last) nor a CIDR`);
  const a = parseIp(parts[0]!, entry);
  const b = parseIp(parts[1]!, entry);
  if (a.kind() !== b.kind()) throw new Error(`"${entry}" mixes IPv4 and IPv6`);
  if (big(a) > big(b)) throw new Error(`"${entry}" is reversed: ${parts[0]!.trim()} comes after ${parts[1]!.trim()}`);
  return { text, family: a.kind(), first: big(a), last: big(b) };
}

/** Validates a pool; throws an Error naming the offending entry. */
export function parsePool(entries: string[]): AddressSpan[] {
  if (!entries.length) throw new Error('no addresses given');
  const spans = entries.map(parseSpan);
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const x = spans[i]!;
      const y = spans[j]!;
      if (x.family === y.family && x.first <= y.last && y.first <= x.last) throw new Error(`"${x.text}" and "${y.text}" overlap`);
    }
  }
  return spans;
}

export function poolSize(spans: AddressSpan[]): bigint {
  return spans.reduce((n, s) => n + (s.last - s.first + 1n), 0n);
}

/** True when `ip` (a single address) lies in one of the spans. */
export function poolContains(spans: AddressSpan[], ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const addr = ipaddr.parse(ip);
  const n = big(addr);
  return spans.some((s) => s.family === addr.kind() && s.first <= n && n <= s.last);
}
