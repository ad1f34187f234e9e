// How finished steps are told: done, already done, not needed (with the reason in the user's terms), left out
// by --only/--skip, failed with its hint — in the run summary, the plain progress lines, and the live tree's
// skipped lines (never a warning glyph).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Kube } from '../../src/kube/types.js';
import { closingLine } from '../../src/output/summary.js';
import { failedText, plainProgress, skippedLine } from '../../src/run/progress.js';
import { runSteps, type RunSummary } from '../../src/run/runner.js';
import type { Step, StepResult } from '../../src/run/step.js';
import { ingressPassthroughStep } from '../../src/steps/cluster/ingress-passthrough.js';
import { waitVms } from '../../src/steps/cluster/wait-vms.js';
import { installOperatorStep } from '../../src/steps/bootstrap/install-operator.js';
import { storage } from '../../src/steps/bootstrap/storage.js';
import { HcpError } from '../../src/errors.js';

const kube = {} as Kube;
const ctxOf = (opts: unknown) => ({ opts, kube, dryRun: false as const, state: {}, signal: new AbortController().signal, report: () => {} });

describe('step states', () => {
  it('a step that does not apply is "disabled" with its reason, one left out by --skip says so', async () => {
    const steps: Step<{ on: boolean }>[] = [
      { id: 'a', title: 'Do a', run: async () => 'did a' },
      { id: 'b', title: 'Do b', enabled: (c) => c.opts.on, notNeeded: () => 'b is built in', run: async () => undefined },
      { id: 'c', title: 'Do c', enabled: () => false, run: async () => undefined },
      { id: 'd', title: 'Do d', run: async () => undefined },
      { id: 'e', title: 'Do e', skip: async () => 'already there', run: async () => undefined },
    ];
    const s = await runSteps(steps, { opts: { on: false }, kube, dryRun: false }, { progress: 'none', skip: ['d'] });
    expect(s.steps.map((x) => [x.id, x.status, x.message])).toEqual([
      ['a', 'done', 'did a'],
      ['b', 'disabled', 'not needed: b is built in'],
      ['c', 'disabled', 'not needed: this run does not use it'],
      ['d', 'skipped', 'skipped: --skip'],
      ['e', 'already-done', 'already there'],
    ]);
  });

  it.each([
    ['ingress-passthrough on 4.12.3', ingressPassthroughStep, { release: { version: '4.12.3' } }, "4.12.3 has the operator's ingress passthrough"],
    ['wait-vms with --no-wait', waitVms, { wait: false }, '--no-wait returns once the objects are applied'],
    ['install-odf with existing storage', installOperatorStep('odf'), { storage: 'existing', storageClass: 'lvms-vg1' }, '--storage existing uses StorageClass lvms-vg1'],
    ['storage with existing storage', storage, { storage: 'existing', storageClass: 'lvms-vg1' }, '--storage existing uses StorageClass lvms-vg1'],
  ])("%s: not needed, in the user's terms", (_what, step, opts, reason) => {
    const ctx = ctxOf(opts) as never;
    expect((step as Step).enabled!(ctx)).toBe(false);
    expect((step as Step).notNeeded!(ctx)).toBe(reason);
  });

  it('ingress-passthrough applies before 4.12.2, and runs (to learn the version from the server) when the image names none', () => {
    expect(ingressPassthroughStep.enabled!(ctxOf({ release: { version: '4.12.1' } }) as never)).toBe(true);
    expect(ingressPassthroughStep.enabled!(ctxOf({ release: { image: 'quay.io/x/y@sha256:abc' } }) as never)).toBe(true);
  });

  const r = (status: StepResult['status'], message?: string, error?: StepResult['error']): StepResult => ({ id: 'x', title: 'Do x', status, durationMs: 1200, message, error });

  it.each([
    [r('already-done', 'csv v1 Succeeded'), 'Do x — already done: csv v1 Succeeded'],
    [r('disabled', "not needed: 4.12.3 has the operator's ingress passthrough"), "Do x — not needed: 4.12.3 has the operator's ingress passthrough"],
    [r('skipped', 'skipped: --skip'), 'Do x — skipped: --skip'],
    [r('not-run', 'needs y, which did not complete'), 'Do x — not run: needs y, which did not complete'],
  ])('the tree draws %j as a dim line without a warning', (result, text) => {
    const line = skippedLine('Do x', result).replace(/\u001b\[\d+m/g, '');
    expect(line).toBe(text);
  });

  it('a failed step carries its hint on the next line', () => {
    expect(failedText(r('failed', 'NodePool not Ready', { message: 'NodePool not Ready', hint: 'check `oc get np`' }))).toBe('NodePool not Ready\nhint: check `oc get np`');
  });

  it('plain progress lines use ↓ for steps that did not need to run and never ⚠', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const p = plainProgress(out);
    p.finish('a', r('already-done', 'there'));
    p.finish('b', r('disabled', 'not needed: built in'));
    p.finish('c', r('failed', 'boom', { message: 'boom', hint: 'fix it' }));
    p.finish('d', r('failed', 'bang', { message: 'bang', hint: 'fix that' }));
    const lines = text
      .trim()
      .split('\n')
      .map((l) => l.slice(9));
    // The first failure's hint follows once, with the error, at the end of the command; a later one's is here.
    expect(lines).toEqual(['↓ a already done: there', '↓ b not needed: built in', '✖ c (1.2s) boom', '✖ d (1.2s) bang (hint: fix that)']);
  });

  const summary = (ok: boolean): RunSummary => ({ ok, durationMs: 3800, steps: ok ? [] : [r('failed', 'boom')], ...(ok ? {} : { error: new HcpError('boom') }) });
  it.each([
    [true, 200, '\n✔ The management cluster is ready (3.8s). Next: hcp-kv create-cluster kv-00\n'],
    [true, 40, '\n✔ The management cluster is ready (3.8s). Next:\n  hcp-kv create-cluster kv-00\n'],
    [true, undefined, '\n✔ The management cluster is ready (3.8s). Next: hcp-kv create-cluster kv-00\n'],
    [false, 80, '\n✖ Failed after 3.8s at x\n'],
  ])('closing line (ok %s, %s columns)', (ok, width, text) => {
    expect(closingLine(summary(ok), { result: 'The management cluster is ready', next: 'hcp-kv create-cluster kv-00' }, width)).toBe(text);
  });
});
