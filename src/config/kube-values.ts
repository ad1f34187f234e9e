// Kubernetes and Go value grammars the upstream CLI accepts, rendered the way upstream renders them:
// resource.Quantity in its canonical form (8192Mi → 8Gi, 1024Gi → 1Ti) and metav1.Duration as Go prints it
// (5m → 5m0s). Pure functions; undefined means "not valid", the caller names the flag.

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX = Object.fromEntries(Object.entries(DECIMAL).map(([s, e]) => [e, s])) as Record<number, string>;
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** A quantity as nano-units (exact, rounded up like resource.ParseQuantity) and the format it was written in. */
export function parseQuantity(text: string): { nanos: bigint; format: Format } | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, num = '', binary, exp] = m;
  const neg = num.startsWith('-');
  const [int = '', frac = ''] = num.replace(/^[+-]/, '').split('.');
  let format: Format = 'DecimalSI';
  let e10 = 0;
  let mult = 1n;
  if (exp !== undefined) {
    format = 'DecimalExponent';
    e10 = Number(exp);
  } else if (binary !== undefined && binary in BINARY) {
    format = 'BinarySI';
    mult = 1024n ** BigInt(BINARY[binary]!);
  } else if (binary !== undefined) {
    e10 = DECIMAL[binary]!;
  }
  // value = digits × 10^(e10 − frac.length) × mult, in nano-units: × 10^9.
  const digits = BigInt(`${int || '0'}${frac}`) * mult;
  const shift = e10 - frac.length + 9;
  let nanos: bigint;
  if (shift >= 0) nanos = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    nanos = digits / d + (digits % d === 0n ? 0n : 1n);
  }
  return { nanos: neg ? -nanos : nanos, format };
}

function decimal(nanos: bigint, format: Format): string {
  if (nanos === 0n) return '0';
  const neg = nanos < 0n;
  let mantissa = neg ? -nanos : nanos;
  let exp = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp += 1;
  }
  while (((exp % 3) + 3) % 3 !== 0 || exp > 18) {
    mantissa *= 10n;
    exp -= 1;
  }
  const suffix = format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : DECIMAL_SUFFIX[exp]!;
  return `${neg ? '-' : ''}${mantissa}${suffix}`;
}

/** resource.Quantity.String(): the canonical form upstream serializes. */
export function canonicalQuantity(text: string): string | undefined {
  const q = parseQuantity(text);
  if (!q) return undefined;
  const { nanos, format } = q;
  const NANO = 1_000_000_000n;
  if (format === 'BinarySI' && (nanos >= 1024n * NANO || nanos <= -1024n * NANO) && nanos % NANO === 0n) {
    let v = nanos / NANO;
    let e = 0;
    while (v % 1024n === 0n && e < 6) {
      v /= 1024n;
      e += 1;
    }
    return `${v}${BINARY_SUFFIX[e]}`;
  }
  return decimal(nanos, format === 'BinarySI' ? 'DecimalSI' : format);
}

const DURATION_UNITS: Record<string, bigint> = { ns: 1n, us: 1_000n, µs: 1_000n, μs: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** time.ParseDuration: "300ms", "1.5h", "2h45m"; "0" alone is allowed. Nanoseconds, or undefined. */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text.trim();
  if (s === '0' || s === '+0' || s === '-0') return 0n;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s.startsWith('-');
    s = s.slice(1);
  }
  if (!s) return undefined;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0n;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return undefined;
    const [int = '', frac = ''] = m[1]!.split('.');
    const unit = DURATION_UNITS[m[2]!]!;
    const scale = 10n ** BigInt(frac.length);
    total += BigInt(int || '0') * unit + (BigInt(frac || '0') * unit) / scale;
    at = re.lastIndex;
  }
  return neg ? -total : total;
}

function fixed(v: bigint, unit: bigint): string {
  const int = v / unit;
  const rest = v % unit;
  if (rest === 0n) return String(int);
  const width = String(unit).length - 1;
  return `${int}.${String(rest).padStart(width, '0').replace(/0+$/, '')}`;
}

/** time.Duration.String(): 0s, 500ms, 1m30s, 1h0m0s. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000n) out = `${u}ns`;
  else if (u < 1_000_000n) out = `${fixed(u, 1_000n)}µs`;
  else if (u < 1_000_000_000n) out = `${fixed(u, 1_000_000n)}ms`;
  else {
    const h = u / 3_600_000_000_000n;
    const m = (u / 60_000_000_000n) % 60n;
    const s = u % 60_000_000_000n;
    out = `${h > 0n ? `${h}h` : ''}${h > 0n || m > 0n ? `${m}m` : ''}${fixed(s, 1_000_000_000n)}s`;
  }
  return neg ? `-${out}` : out;
}

/** strconv.ParseBool, which pflag uses for boolean flags. */
export function parseGoBool(v: string | boolean | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A label or annotation key: optional DNS prefix and a name of up to 63 characters. */
export const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const IMAGE_REF = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?\/[a-z0-9._/-]+(:[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/;
