// Object names as upstream makes them: openshift/hypershift cmd/oadp/common.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// (generateName, GenerateResourcePolicyName) over support/netutil/route.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// ShortenName (fnv32a hash), and Go's time.Duration.String for the TTL.
import { createHash } from 'node:crypto';

const DNS1123_LABEL_MAX = 63;

function fnv32a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** support/netutil ShortenName: base-suffix, or a truncated base with a hash when longer than maxLength. */
export function shortenName(base: string, suffix: string, maxLength = DNS1123_LABEL_MAX): string {
  const name = `${base}-${suffix}`;
  if (name.length <= maxLength) return name;
  const baseLength = maxLength - 10 - suffix.length;
  if (baseLength < 0) {
    const prefix = base.slice(0, Math.max(0, maxLength - 9));
    return `${prefix}-${fnv32a(name)}`.slice(0, maxLength);
  }
  return `${base.slice(0, baseLength)}-${fnv32a(base)}-${suffix}`;
}

/** generateName: {hcName}-{hcNamespace}-{6 random characters} (the suffix is passed in: builders stay pure). */
export function generatedName(hcName: string, hcNamespace: string, randomSuffix: string): string {
  return shortenName(`${hcName}-${hcNamespace}`, randomSuffix);
}

/** GenerateResourcePolicyName: deterministic, the first 6 hex digits of sha256("{hcName}-{hcNamespace}"). */
export function resourcePolicyName(hcName: string, hcNamespace: string): string {
  const base = `${hcName}-${hcNamespace}`;
  return shortenName(base, createHash('sha256').update(base).digest('hex').slice(0, 6));
}

/** utilrand.String's alphabet (k8s.io/apimachinery/pkg/util/rand: "bcdfghjklmnpqrstvwxz2456789"). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export function randomSuffix(random: (n: number) => Buffer): string {
  return [...random(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration (what pflag's DurationVar accepts) in milliseconds; undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  const t = s.trim();
  if (t === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let ms = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(t))) {
    ms += Number(m[1]) * UNITS[m[2]!]!;
    end = re.lastIndex;
  }
  return end === t.length && end > 0 ? ms : undefined;
}

/** Go's time.Duration.String for whole milliseconds: 7200000 → "2h0m0s", 90000 → "1m30s", 1500 → "1.5s". */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toString();
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}
