// Deterministic fault injection: the same spec and seed give the same sequence of injected faults.
export interface FaultSpec {
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  resetRate: number;
  watchCloseMs: number;
  discovery: boolean;
  scripted: Array<{ verb: string; resource: string; remaining: number; code: number | 'reset' }>;
}

export type FaultDecision = { kind: 'none' } | { kind: 'error'; code: number } | { kind: 'reset' };

export function emptyFaults(): FaultSpec {
  return { latencyMs: 0, jitterMs: 0, errorRate: 0, resetRate: 0, watchCloseMs: 0, discovery: false, scripted: [] };
}

function ms(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim());
  if (!m) throw new Error(`invalid duration in fault spec: ${v}`);
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
}

function rate(v: string): number {
  const n = Number(v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : v);
  if (!(n >= 0 && n <= 1)) throw new Error(`invalid rate in fault spec: ${v}`);
  return n;
}

/** `latency=20ms,jitter=10ms,error-rate=0.1,reset-rate=0.02,watch-close=2s,fail=create:managedclusters:3:500` */
export function parseFaults(spec: string | undefined): FaultSpec {
  const f = emptyFaults();
  if (!spec) return f;
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`invalid fault "${part}" (expected key=value)`);
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    switch (key) {
      case 'latency':
        f.latencyMs = ms(value);
        break;
      case 'jitter':
        f.jitterMs = ms(value);
        break;
      case 'error-rate':
        f.errorRate = rate(value);
        break;
      case 'reset-rate':
        f.resetRate = rate(value);
        break;
      case 'watch-close':
        f.watchCloseMs = ms(value);
        break;
      case 'faults-discovery':
        f.discovery = value === 'true';
        break;
      case 'fail': {
        const [verb, resource, count, code] = value.split(':');
        if (!verb || !resource || !count || !code) throw new Error(`invalid fault "${part}" (expected fail=verb:resource:count:code)`);
        f.scripted.push({ verb, resource, remaining: Number(count), code: code === 'reset' ? 'reset' : Number(code) });
        break;
      }
      default:
        throw new Error(`unknown fault "${key}"`);
    }
  }
  return f;
}

/** mulberry32: a tiny seeded PRNG, enough for reproducible fault sequences. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  spec: FaultSpec;
  private rng: () => number;
  injected = 0;

  constructor(spec: string | undefined, seed: number) {
    this.spec = parseFaults(spec);
    this.rng = seededRandom(seed);
  }

  set(spec: string): void {
    this.spec = parseFaults(spec);
  }

  latency(): number {
    if (!this.spec.latencyMs && !this.spec.jitterMs) return 0;
    return this.spec.latencyMs + this.spec.jitterMs * this.rng();
  }

  decide(verb: string, resource: string): FaultDecision {
    const s = this.spec.scripted.find((x) => x.remaining > 0 && (x.verb === '*' || x.verb === verb) && (x.resource === '*' || x.resource === resource));
    if (s) {
      s.remaining--;
      this.injected++;
      return s.code === 'reset' ? { kind: 'reset' } : { kind: 'error', code: s.code };
    }
    if (!this.spec.errorRate && !this.spec.resetRate) return { kind: 'none' };
    const r = this.rng();
    if (r < this.spec.errorRate) {
      this.injected++;
      const codes = [500, 503, 429];
      return { kind: 'error', code: codes[Math.floor(this.rng() * codes.length)]! };
    }
    if (r < this.spec.errorRate + this.spec.resetRate) {
      this.injected++;
      return { kind: 'reset' };
    }
    return { kind: 'none' };
  }
}
