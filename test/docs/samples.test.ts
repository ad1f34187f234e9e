// The reference pages' samples have the shape of real output (not its timings): the fresh-cluster doctor sample in
// docs/commands/doctor.md has the groups, verdict and next command a fresh embedded cluster gets, and the plain
// summary in docs/commands/bootstrap.md lists the steps, in order, with the statuses a real bootstrap reports
// (done and already-done are one shape: which one depends on timing).
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const page = (name: string) => readFileSync(new URL(`../../docs/commands/${name}.md`, import.meta.url), 'utf8');

/** The block of a page that starts with `first` (a prompt or a header line), up to its closing fence. */
function sample(text: string, first: string): string[] {
  const at = text.indexOf(`\`\`\`\n${first}\n`);
  expect(at, `a sample starting with ${first}`).toBeGreaterThanOrEqual(0);
  return text.slice(at + 4, text.indexOf('```', at + 4)).trimEnd().split('\n');
}

/** Doctor's shape: the verdict, the group headers (their first word) and the last line. */
const doctorShape = (lines: string[]) => ({ verdict: lines[0], groups: lines.filter((l) => /^[A-Z]{3,}(\s|$)/.test(l)).map((l) => l.split(/\s/)[0]), last: lines.at(-1) });

/** A plain summary's shape: each step with its status (done and already-done alike). */
const summaryShape = (lines: string[]) =>
  lines
    .slice(lines.findIndex((l) => /^STEP\s+STATUS/.test(l)) + 1)
    .filter((l) => /^[a-z][\w-]+\s{2,}[a-z-]+\s/.test(l))
    .map((l) => l.split(/\s+/).slice(0, 2).join(' ').replace(/ already-done$/, ' done'));

describe('reference samples match real output by shape', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    if (env) rmSync(env.dir, { recursive: true, force: true });
  });

  it('doctor on a fresh cluster', async () => {
    const r = await env.cli(['doctor']);
    expect(r.code).toBe(1);
    const doc = sample(page('doctor'), '$ hcp-kv doctor').slice(1);
    expect(doctorShape(doc)).toEqual(doctorShape(r.stdout.trimEnd().split('\n')));
  });

  it('the plain bootstrap summary', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
    expect(r.code, r.stderr).toBe(0);
    const doc = sample(page('bootstrap'), 'STEP                    STATUS         DURATION   DETAIL');
    const real = summaryShape(r.stderr.split('\n'));
    expect(real.length).toBeGreaterThan(15);
    expect(summaryShape(doc)).toEqual(real);
    expect(doc.at(-1)).toMatch(/^Done in \S+$/);
  });
});
