// The scalar flag values every command parses: Go booleans (strconv.ParseBool, as pflag), whole numbers within
// bounds, one of a fixed set, Go durations (time.ParseDuration, as hcp's flags: openshift/hypershift@3ee9615567
// cmd/nodepool/core/create.go binds --node-drain-timeout with DurationVar) and Kubernetes quantities
// (resource.Quantity). Each returns the typed value or a problem naming the flag.
import { DNS1123_SUBDOMAIN, canonicalQuantity, formatGoDuration, parseGoBool, parseGoDuration, parseQuantity } from '../kube-values.js';
import { bad, ok, type Parsed } from './problem.js';

/** A boolean flag (`--x`, `--x=false`, or no flag: `def`). */
export function goBool(flag: string, v: string | boolean | undefined, def = false, hint = `write --${flag} or --${flag}=false`): Parsed<boolean> {
  if (v === undefined) return ok(def);
  const b = parseGoBool(v);
  return b === undefined ? bad(`--${flag} takes true or false, got "${String(v)}"`, hint) : ok(b);
}

const UINT32_MAX = 4294967295;

/** A whole number from `min` to `max` (no sign unless `min` is negative). Without `max`: an unsigned 32-bit
 * number of at least `min`. */
export function int(flag: string, v: string, o: { min: number; max?: number }): Parsed<number> {
  const n = Number(v);
  const shape = o.min < 0 ? /^-?\d+$/ : /^\d+$/;
  if (shape.test(v.trim()) && n >= o.min && n <= (o.max ?? UINT32_MAX)) return ok(n);
  return bad(o.max === undefined ? `--${flag} must be a whole number of at least ${o.min}, got "${v}"` : `--${flag} must be a whole number from ${o.min} to ${o.max}, got "${v}"`);
}

/** One of a fixed set (optionally compared after `normalize`, e.g. case-insensitively); returns the set's spelling. */
export function oneOf<const T extends string>(flag: string, v: string, allowed: readonly T[], normalize: (x: string) => string = (x) => x): Parsed<T> {
  const hit = allowed.find((a) => normalize(a) === normalize(v));
  return hit === undefined ? bad(`--${flag} must be one of ${allowed.join(', ')}, got "${v}"`) : ok(hit);
}

/** The longest a Node timer holds (ms): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_TIMER_DAYS = Math.floor(MAX_TIMER_MS / 86_400_000);

/** Whether a timer of `ms` (plus `reserveMs` the run adds on top) can be set. */
export const fitsTimer = (ms: number, reserveMs = 0): boolean => ms + reserveMs <= MAX_TIMER_MS;

/** A Go duration (time.ParseDuration), zero or more, in nanoseconds. */
export function goDuration(flag: string, v: string): Parsed<bigint> {
  const ns = parseGoDuration(v);
  return ns === undefined || ns < 0n ? bad(`--${flag} "${v}" is not a duration`, 'write it like 30s, 10m or 1h30m') : ok(ns);
}

/** A Go duration as metav1.Duration renders it (5m → 5m0s). */
export function goDurationText(flag: string, v: string): Parsed<string> {
  const r = goDuration(flag, v);
  return r.ok ? ok(formatGoDuration(r.value)) : r;
}

/**
 * A positive Go duration in milliseconds that a timer can hold ('45m', '90s', '1h30m', '500ms'), as `oc
 * --request-timeout` takes. A bare number has no unit (Go's "missing unit"); the flag name is not in the message
 * because the same grammar serves the config file.
 */
export function timerDuration(v: string, flagForHint = 'duration'): Parsed<number> {
  const text = v.trim();
  if (/^\d+$/.test(text)) return bad(`duration "${v}" has no unit`, 'write it like 90s, 45m or 1h30m');
  const ns = parseGoDuration(text);
  if (ns === undefined || ns <= 0n) return bad(`invalid duration "${v}"`, 'write it like 90s, 45m or 1h30m');
  return timerMs(v, ns, 0, flagForHint);
}

/** Nanoseconds → milliseconds (at least 1 for a positive duration), refused when a timer cannot hold it. */
export function timerMs(text: string, ns: bigint, reserveMs = 0, flagForHint = 'duration'): Parsed<number> {
  const ms = ns === 0n ? 0 : Math.max(1, Math.round(Number(ns) / 1_000_000));
  if (!fitsTimer(ms, reserveMs)) return bad(`duration "${text}" is too long (at most ${MAX_TIMER_DAYS} days)`, `write a shorter ${flagForHint}, e.g. 2h`);
  return ok(ms);
}

export interface Quantity {
  /** resource.Quantity.String(): 8192Mi → 8Gi. */
  canonical: string;
  nanos: bigint;
}

/** A Kubernetes quantity; `positive` refuses zero and below with the same message. */
export function quantity(flag: string, v: string, o: { hint: string; positive?: boolean }): Parsed<Quantity> {
  const canonical = canonicalQuantity(v);
  const nanos = parseQuantity(v)?.nanos ?? 0n;
  if (!canonical || (o.positive && nanos <= 0n)) return bad(`--${flag} "${v}" is not a Kubernetes quantity${o.positive ? ' greater than zero' : ''}`, o.hint);
  return ok({ canonical, nanos });
}

/** A StorageClass name (a DNS-1123 subdomain, as the API validates metadata.name); '' means none. */
export function storageClassName(flag: string, v: string | undefined, hint?: string): Parsed<string | undefined> {
  if (!v) return ok(undefined);
  return DNS1123_SUBDOMAIN.test(v) ? ok(v) : bad(`--${flag} "${v}" is not a valid StorageClass name`, hint);
}

/** The same rule for the config file's schema. */
export const STORAGE_CLASS_NAME = DNS1123_SUBDOMAIN;
