// Failures said once and short, quiet success (issue 22.3, 22.4): the line after the live tree counts the steps
// that never started and says when nothing changed; a run with nothing to do is that one line; a usage error
// leaves the error and its hint alone. Plain progress counts the never-started steps in one line.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExitCode, HcpError } from '../../src/errors.js';
import { closingLine } from '../../src/output/summary.js';
import { converged, plainProgress } from '../../src/run/progress.js';
import type { RunSummary } from '../../src/run/runner.js';
import type { StepResult } from '../../src/run/step.js';

const step = (id: string, status: StepResult['status'], message?: string): StepResult => ({ id, title: `Do ${id}`, status, durationMs: 5, message });
const notStarted = (id: string, need: string) => step(id, 'not-run', `needs ${need}, which did not complete`);
const run = (steps: StepResult[], error?: HcpError): RunSummary => ({ ok: !error, durationMs: 200, steps, ...(error ? { error } : {}) });

describe('the closing line', () => {
  it('a failed preflight: nothing was changed, the steps that never started in one count', () => {
    const s = run([step('preflight', 'failed', 'unreachable'), notStarted('a', 'preflight'), notStarted('b', 'a')], new HcpError('unreachable', { exitCode: ExitCode.unreachable }));
    expect(closingLine(s, {}, 80)).toBe('✖ Failed after 200ms at preflight — nothing was changed; 2 steps not started\n');
  });

  it('a failure after a step changed something does not claim that nothing changed', () => {
    const s = run([step('preflight', 'done'), step('a', 'done'), step('b', 'failed', 'boom'), notStarted('c', 'b')], new HcpError('boom'));
    expect(closingLine(s, {}, 80)).toBe('\n✖ Failed after 200ms at b — 1 step not started\n');
  });

  it('a usage error from a check step: no closing line (the error and hint follow)', () => {
    const s = run([step('check-cluster', 'failed', 'x exists'), notStarted('a', 'check-cluster')], new HcpError('x exists', { exitCode: ExitCode.usage }));
    expect(closingLine(s, {}, 80)).toBe('');
  });

  it('a converged re-run is one line (and the next command)', () => {
    const steps = [step('preflight', 'done'), step('a', 'already-done', 'there'), step('b', 'already-done', 'there'), step('c', 'disabled', 'not needed: x')];
    expect(converged(steps)).toBe(true);
    expect(closingLine(run(steps), { result: 'Ready' }, 80)).toBe('✔ nothing to do — 2 steps already done, 1 not needed (200ms).\n');
    expect(closingLine(run(steps), { result: 'Ready', next: 'hcp-kv create-cluster kv-00' }, 120)).toBe('✔ nothing to do — 2 steps already done, 1 not needed (200ms). Next: hcp-kv create-cluster kv-00\n');
  });

  it('a run that did work is not "nothing to do"', () => {
    const steps = [step('preflight', 'done'), step('a', 'done'), step('b', 'already-done', 'there')];
    expect(converged(steps)).toBe(false);
    expect(closingLine(run(steps), { result: 'Ready' }, 80)).toBe('\n✔ Ready (200ms, 1 already done).\n');
  });
});

describe('plain progress', () => {
  it('counts the steps that never started in one line at the end, and still draws the others', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const p = plainProgress(out);
    p.finish('preflight', { ...step('preflight', 'failed', 'down'), error: { message: 'down' } });
    p.finish('a', notStarted('a', 'preflight'));
    p.finish('b', notStarted('b', 'a'));
    p.finish('c', step('c', 'not-run', 'stopped: down'));
    await p.close();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => l.slice(9));
    expect(lines).toEqual(['✖ preflight (0.0s) down', '↓ c not run: stopped: down', '↓ 2 steps not started: they need a step that did not complete']);
  });
});
