import { describe, expect, it } from 'vitest';
import { runSteps, planSteps } from '../../src/run/runner.js';
import type { Step } from '../../src/run/step.js';
import type { Kube } from '../../src/kube/types.js';
import { junitXml } from '../../src/output/summary.js';

const kube = {} as Kube;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

function timed(id: string, ms: number, needs: string[] = [], log: string[] = []): Step {
  return {
    id,
    title: `Run ${id}`,
    needs,
    async run(ctx) {
      log.push(`start ${id}`);
      await sleep(ms, ctx.signal);
      log.push(`end ${id}`);
    },
  };
}

describe('runner', () => {
  it('runs independent chains at the same time and respects needs', async () => {
    const log: string[] = [];
    const steps = [timed('a', 150, [], log), timed('b', 150, [], log), timed('c', 150, ['a'], log), timed('d', 10, ['c', 'b'], log)];
    const s = await runSteps(steps, { opts: {}, kube, dryRun: false }, { progress: 'none' });
    expect(s.ok).toBe(true);
    expect(s.steps.map((x) => x.status)).toEqual(['done', 'done', 'done', 'done']);
    // a and b overlap; c starts only after a; d after both c and b.
    expect(log.indexOf('start b')).toBeLessThan(log.indexOf('end a'));
    expect(log.indexOf('start c')).toBeGreaterThan(log.indexOf('end a'));
    expect(log.indexOf('start d')).toBeGreaterThan(log.indexOf('end c'));
  });

  it('reports already-done steps from skip() without running them', async () => {
    let ran = false;
    const steps: Step[] = [{ id: 'x', title: 'Do x', skip: async () => 'already installed (v1)', run: async () => void (ran = true) }];
    const s = await runSteps(steps, { opts: {}, kube, dryRun: false }, { progress: 'none' });
    expect(ran).toBe(false);
    expect(s.steps[0]).toMatchObject({ status: 'already-done', message: 'already installed (v1)' });
  });

  it('aborts running siblings on the first failure and does not start dependents', async () => {
    const log: string[] = [];
    const failing: Step = {
      id: 'bad',
      title: 'Fail',
      run: async () => {
        await sleep(20);
        throw new Error('boom');
      },
    };
    const steps = [failing, timed('slow', 5000, [], log), timed('after', 10, ['bad'], log)];
    const s = await runSteps(steps, { opts: {}, kube, dryRun: false }, { progress: 'none' });
    expect(s.ok).toBe(false);
    expect(s.error?.message).toMatch(/bad: boom/);
    expect(s.steps.find((x) => x.id === 'bad')?.status).toBe('failed');
    expect(s.steps.find((x) => x.id === 'slow')?.status).toBe('not-run');
    expect(s.steps.find((x) => x.id === 'after')?.status).toBe('not-run');
    expect(log).not.toContain('start after');
    expect(s.durationMs).toBeLessThan(4500); // 'slow' alone would take 5 s
  });

  it('honours --only and --skip by id and rejects unknown ids with exit 2', async () => {
    const steps = [timed('a', 1), timed('b', 1), timed('c', 1)];
    const s = await runSteps(steps, { opts: {}, kube, dryRun: false }, { progress: 'none', skip: ['b'] });
    expect(s.steps.map((x) => x.status)).toEqual(['done', 'skipped', 'done']);
    const only = await runSteps(steps, { opts: {}, kube, dryRun: false }, { progress: 'none', only: ['c'] });
    expect(only.steps.map((x) => x.status)).toEqual(['skipped', 'skipped', 'done']);
    expect(() => planSteps(steps, { only: ['nope'] })).toThrow(expect.objectContaining({ exitCode: 2, hint: expect.stringContaining('a, b, c') }));
  });

  it('rejects a cycle in needs', () => {
    expect(() => planSteps([timed('a', 1, ['b']), timed('b', 1, ['a'])], {})).toThrow(/cycle/);
  });

  it('stops at the run deadline with a timeout error', async () => {
    const s = await runSteps([timed('long', 10_000)], { opts: {}, kube, dryRun: false }, { progress: 'none', timeoutMs: 100, title: 'bootstrap' });
    expect(s.ok).toBe(false);
    expect(s.error?.message).toMatch(/bootstrap did not finish within 100ms/);
  });

  it('writes one JUnit test case per step with failures', async () => {
    const s = await runSteps(
      [
        timed('ok', 1),
        {
          id: 'bad',
          title: 'Fail',
          run: async () => {
            throw new Error('no <luck>');
          },
        },
      ],
      { opts: {}, kube, dryRun: false },
      { progress: 'none' },
    );
    const xml = junitXml('bootstrap', s);
    expect(xml).toContain('<testcase classname="bootstrap" name="ok"');
    expect(xml).toMatch(/<testcase classname="bootstrap" name="bad"[^>]*>\s*<failure message="bad: no &lt;luck&gt;"/);
    expect(xml).toContain('tests="2" failures="1"');
  });
});
