import { describe, expect, it } from 'vitest';
import { runSteps } from '../../src/run/runner.js';
import type { Step } from '../../src/run/step.js';
import type { Kube } from '../../src/kube/types.js';

interface State {
  version?: string;
  seen?: string[];
}

const kube = {} as Kube;

describe('typed run state', () => {
  it('hands values from a step to the steps that need it, one state object per run', async () => {
    const steps: Step<{ want: string }, State>[] = [
      { id: 'find', title: 'Find', run: async (ctx) => void (ctx.state.version = ctx.opts.want) },
      { id: 'use', title: 'Use', needs: ['find'], run: async (ctx) => `version ${ctx.state.version}` },
    ];
    const state: State = {};
    const s = await runSteps(steps, { opts: { want: '2.2.4' }, kube, dryRun: false, state }, { progress: 'none' });
    expect(s.steps.map((x) => x.message)).toEqual([undefined, 'version 2.2.4']);
    expect(state.version).toBe('2.2.4');
    // Without a state given, each run starts from a fresh empty one.
    const fresh = await runSteps(steps, { opts: { want: '4.12' }, kube, dryRun: false }, { progress: 'none', only: ['use'] });
    expect(fresh.steps[1]?.message).toBe('version undefined');
  });
});
