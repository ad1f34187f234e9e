// Pure pieces of the day-2 commands, as tables: release rules, wait checks, redaction, injection specs.
import { describe, expect, it } from 'vitest';
import { checkNodePoolRelease, checkUpgradeTarget, compareVersions } from '../../src/config/upgrade-rules.js';
import { redact, REDACTED } from '../../src/dump/collect.js';
import { replicasReady } from '../../src/steps/nodepool/context.js';
import { controlPlaneAt, nodePoolAt } from '../../src/steps/upgrade/context.js';
import { parseInject } from '../../src/sim/controllers/inject.js';
import { bytes } from '../../src/sim/controllers/scheduler.js';

const S = ['4.12', '4.11', '4.10'];

describe('checkUpgradeTarget', () => {
  it.each([
    ['4.12.3', '4.12.5', false, undefined],
    ['4.12.3', '4.12.3', false, undefined],
    ['4.11.9', '4.12.0', false, undefined],
    ['4.12.3', '4.12.1', false, /downgrades are not supported/],
    ['4.12.3', '4.11.9', true, /downgrades are not supported/],
    ['4.10.3', '4.12.3', false, /more than one minor version ahead/],
    ['4.10.3', '4.12.3', true, undefined],
    ['4.12.3', '4.13.0', false, /not supported by this HyperShift operator/],
    ['4.12.3', '4.13.0', true, /not supported/],
  ])('%s → %s (force %s)', (current, target, force, error) => {
    const run = () => checkUpgradeTarget({ current, target, supported: S, force });
    if (error) expect(run).toThrow(error);
    else expect(run).not.toThrow();
  });

  it('compares versions numerically', () => {
    expect([compareVersions('4.12.10', '4.12.9') > 0, compareVersions('4.9.0', '4.10.0') < 0, compareVersions('4.12.3', '4.12.3')]).toEqual([true, true, 0]);
  });

  it.each([
    ['4.12.3', '4.12.3', undefined],
    ['4.12.3', '4.10.1', undefined],
    ['4.12.3', '4.9.1', /more than two minor versions older/],
    ['4.12.3', '4.12.4', /newer than the control plane/],
  ])('node pool release vs control plane %s / %s', (controlPlane, nodePool, error) => {
    const run = () => checkNodePoolRelease({ controlPlane, nodePool });
    if (error) expect(run).toThrow(error);
    else expect(run).not.toThrow();
  });
});

const np = (spec: number, status: number, ready: string, o: { gen?: number; observed?: number; version?: string; image?: string; updating?: string } = {}) => ({
  apiVersion: 'hypershift.openshift.io/v1beta1',
  kind: 'NodePool',
  metadata: { name: 'np', generation: o.gen ?? 1 },
  spec: { replicas: spec, release: { image: o.image ?? 'img:4.12.5' } },
  status: { replicas: status, version: o.version ?? '4.12.3', conditions: [{ type: 'Ready', status: ready, observedGeneration: o.observed ?? 1 }, ...(o.updating ? [{ type: 'UpdatingVersion', status: 'True', message: o.updating }] : [])] },
});

describe('wait checks', () => {
  it.each([
    ['3 of 3, Ready', np(3, 3, 'True'), { done: true }],
    ['1 of 3', np(3, 1, 'False'), { done: false, reason: '1/3 nodes ready' }],
    ['stale generation', np(3, 3, 'True', { gen: 2, observed: 1 }), { done: false, reason: '3/3 nodes ready' }],
    ['scaled to 0', np(0, 0, 'True'), { done: true }],
    ['gone', undefined, { failed: 'the NodePool was deleted while waiting' }],
  ])('replicasReady: %s', (_n, obj, want) => expect(replicasReady(obj as never)).toEqual(want));

  it.each([
    ['replacing', np(2, 2, 'True', { updating: 'Updating version in progress. Target version: 4.12.5; 1 of 2 nodes replaced' }), { done: false, reason: 'NodePool np: nodes replaced 1/2' }],
    ['done', np(2, 2, 'True', { version: '4.12.5' }), { done: true }],
    ['old version', np(2, 2, 'True'), { done: false, reason: 'NodePool np: version 4.12.3, Ready=True' }],
  ])('nodePoolAt: %s', (_n, obj, want) => expect(nodePoolAt('4.12.5', 'img:4.12.5')(obj as never)).toEqual(want));

  it('controlPlaneAt waits for the image to be Completed on top of the history', () => {
    const hc = (state: string, image = 'img:4.12.5') => ({ apiVersion: 'x', kind: 'HostedCluster', metadata: { name: 'kv' }, status: { version: { history: [{ state, version: '4.12.5', image }] } } });
    expect(controlPlaneAt('img:4.12.5')(hc('Completed') as never)).toEqual({ done: true });
    expect(controlPlaneAt('img:4.12.5')(hc('Partial') as never)).toMatchObject({ done: false, reason: 'control plane: 4.12.5 Partial' });
    expect(controlPlaneAt('img:4.12.5')(hc('Completed', 'img:4.12.3') as never)).toMatchObject({ done: false, reason: 'control plane: rollout not started' });
  });
});

describe('redact', () => {
  it('keeps the keys of a Secret and drops every value and the last-applied copy', () => {
    const s = redact({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"c2VjcmV0"}}', keep: 'me' } },
      data: { k: 'c2VjcmV0', '.dockerconfigjson': 'e30=' },
      stringData: { p: 'secret' },
    });
    expect(s).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { keep: 'me' } }, data: { k: REDACTED, '.dockerconfigjson': REDACTED }, stringData: { p: REDACTED } });
    expect(JSON.stringify(s)).not.toMatch(/c2VjcmV0|secret"/);
  });
  it('leaves other kinds alone', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    expect(redact(cm)).toBe(cm);
  });
});

describe('sim pieces', () => {
  it.each([
    ['hang-finalizer=kv-00', { 'hang-finalizer': ['kv-00'] }],
    ['hang-finalizer,reject-pull-secret=a', { 'hang-finalizer': ['*'], 'reject-pull-secret': ['a'] }],
    ['', {}],
  ])('parseInject(%j)', (spec, want) => expect(parseInject(spec)).toEqual(want));
  it('rejects unknown knobs and bad targets', () => {
    expect(() => parseInject('explode')).toThrow(/unknown injection/);
    expect(() => parseInject('hang-finalizer=Bad_Name')).toThrow(/not a hosted cluster name/);
  });
  it.each([
    ['8Gi', 8 * 2 ** 30],
    ['128000Mi', 128000 * 2 ** 20],
    ['1G', 1e9],
    ['512', 512],
  ])('bytes(%s)', (q, n) => expect(bytes(q)).toBe(n));
});
