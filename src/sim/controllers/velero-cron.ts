// Velero's schedule semantics (vmware-tanzu/velero pkg/controller/schedule_controller.go@d30d389b56068eebd675d9953492183cb7b58a78):
// a standard 5-field cron (robfig/cron ParseStandard, descriptors such as @daily), the next run computed from
// status.lastBackup, else the Schedule's creationTimestamp (so a new Schedule does NOT back up at once), moved
// on by status.lastSkipped (spec.skipImmediately); due when now is after it; the Backup is named
// `<schedule>-<YYYYMMDDhhmmss>` (schedule_types.go TimestampedName). Times are UTC.

type Field = Set<number>;
export interface Cron {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
  domStar: boolean;
  dowStar: boolean;
}

const DESCRIPTORS: Record<string, string> = { '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *' };
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function field(text: string, [min, max]: [number, number]): Field {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range.includes('-')) [lo, hi] = range.split('-').map(Number) as [number, number];
    else [lo, hi] = [Number(range), stepText === undefined ? Number(range) : max];
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) throw new Error(`invalid schedule: failed to parse "${part}": beyond range or malformed`);
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 6 ? 0 : v);
  }
  return out;
}

/** robfig/cron ParseStandard; throws with Velero's "invalid schedule: ..." text. */
export function parseCron(spec: string): Cron {
  const text = DESCRIPTORS[spec.trim()] ?? spec.trim();
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new Error(`invalid schedule: expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const [mi, h, dom, mo, dow] = parts.map((p, i) => field(p, RANGES[i]!)) as [Field, Field, Field, Field, Field];
  return { minute: mi, hour: h, dom, month: mo, dow, domStar: parts[2] === '*' || parts[2] === '?', dowStar: parts[4] === '*' || parts[4] === '?' };
}

function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.dom.has(d.getUTCDate());
  const dow = c.dow.has(d.getUTCDay());
  // robfig/cron: when both day fields are restricted, either may match.
  return c.domStar || c.dowStar ? dom && dow : dom || dow;
}

/** The first run strictly after `t` (whole minutes). */
export function nextRun(c: Cron, t: Date): Date {
  const d = new Date(Math.floor(t.getTime() / 60_000) * 60_000 + 60_000);
  for (let guard = 0; guard < 600_000; guard++) {
    if (!c.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(c, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!c.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    } else if (!c.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    } else return d;
  }
  throw new Error('invalid schedule: no time matches');
}

export interface ScheduleTimes {
  creationTimestamp: string;
  lastBackup?: string;
  lastSkipped?: string;
}

/** getNextRunTime: [due, next run]. */
export function scheduleDue(c: Cron, s: ScheduleTimes, now: Date): { due: boolean; next: Date } {
  let last = new Date(s.lastBackup ?? s.creationTimestamp);
  if (s.lastSkipped && new Date(s.lastSkipped) > last) last = new Date(s.lastSkipped);
  const next = nextRun(c, last);
  return { due: now > next, next };
}

/** Schedule.TimestampedName. */
export function timestampedName(schedule: string, t: Date): string {
  return `${schedule}-${t.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
}
