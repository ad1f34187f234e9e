import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allConditions, conditionCheck, csvSucceeded, deploymentAvailable, formatConditions, gone } from '../../src/kube/conditions.js';
import { describeKubeError, KubeApiError, parseRetryAfter, parseStatus } from '../../src/kube/errors.js';
import { backoffDelay, withRetry } from '../../src/kube/retry.js';
import { kubeconfigFiles, loadKubeconfig } from '../../src/kube/config.js';
import type { KubeObject } from '../../src/kube/types.js';

const obj = (status: Record<string, unknown> = {}, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'X', metadata: { name: 'x', generation: 1 }, status, ...extra });
const cond = (type: string, status: string, reason = '', message = '') => ({ type, status, reason, message });

describe('conditions', () => {
  it.each([
    ['missing object', undefined, { done: false, reason: 'does not exist yet' }],
    ['no condition', obj(), { done: false, reason: 'no Available condition yet' }],
    ['false', obj({ conditions: [cond('Available', 'False', 'Waiting', 'etcd starting')] }), { done: false, reason: 'Available=False Waiting: etcd starting' }],
    ['true', obj({ conditions: [cond('Available', 'True')] }), { done: true }],
    ['stale generation', { ...obj({ conditions: [{ ...cond('Available', 'True'), observedGeneration: 1 }] }), metadata: { name: 'x', generation: 2 } }, { done: false, reason: 'Available=True' }],
    ['degraded', obj({ conditions: [cond('Available', 'False'), cond('Degraded', 'True', 'Broken', 'disk full')] }), { failed: 'Degraded=True Broken: disk full' }],
  ])('conditionCheck: %s', (_n, o, want) => {
    expect(conditionCheck('Available', 'True', { failWhen: [{ type: 'Degraded', status: 'True' }] })(o as KubeObject | undefined)).toEqual(want);
  });

  it.each([
    [{ phase: 'Succeeded' }, { done: true }],
    [
      { phase: 'Installing', message: 'waiting for deployment' },
      { done: false, reason: 'phase Installing (waiting for deployment)' },
    ],
    [{ phase: 'Failed', message: 'install strategy failed' }, { failed: 'phase Failed: install strategy failed' }],
    [{}, { done: false, reason: 'no phase yet' }],
  ])('csvSucceeded %j', (status, want) => expect(csvSucceeded(obj(status))).toEqual(want));

  it('checks several conditions, deployments and deletion', () => {
    const ready = allConditions([{ type: 'HubAcceptedManagedCluster' }, { type: 'ManagedClusterJoined' }]);
    expect(ready(obj({ conditions: [cond('HubAcceptedManagedCluster', 'True')] }))).toEqual({ done: false, reason: 'no ManagedClusterJoined condition yet' });
    expect(ready(obj({ conditions: [cond('HubAcceptedManagedCluster', 'True'), cond('ManagedClusterJoined', 'True')] }))).toEqual({ done: true });
    expect(deploymentAvailable(obj({ availableReplicas: 0 }, { spec: { replicas: 2 } } as never))).toEqual({ done: false, reason: '0 of 2 replicas available' });
    expect(gone(undefined)).toEqual({ done: true });
    expect(gone({ ...obj(), metadata: { name: 'x', deletionTimestamp: 't', finalizers: ['a'] } })).toEqual({ done: false, reason: 'being deleted (finalizers: a)' });
    expect(formatConditions(obj({ conditions: [cond('A', 'True'), cond('B', 'False', 'R', 'm')] }))).toBe('A=True, B=False (R: m)');
  });
});

describe('errors', () => {
  it('parses the Status body that ApiException carries as a string', () => {
    expect(parseStatus('{"kind":"Status","reason":"NotFound","message":"x not found","code":404}')).toMatchObject({ reason: 'NotFound', code: 404 });
    expect(parseStatus('<html>bad gateway</html>')).toEqual({ message: '<html>bad gateway</html>' });
    expect(parseRetryAfter('3')).toBe(3000);
  });

  it('makes readable messages with hints and exit codes', () => {
    const invalid = describeKubeError(new KubeApiError(422, { reason: 'Invalid', message: 'x is invalid', details: { causes: [{ field: 'spec.replicas', message: 'must be >= 0' }] } }), 'apply NodePool clusters/a');
    expect(invalid.message).toBe('apply NodePool clusters/a: invalid: spec.replicas: must be >= 0');
    expect(invalid.message).not.toMatch(/HTTP-Code/);
    const forbidden = describeKubeError(new KubeApiError(403, { reason: 'Forbidden', message: 'nope' }), 'create Namespace a');
    expect(forbidden.hint).toMatch(/RBAC/);
    expect(describeKubeError(new KubeApiError(401, {}), 'list').exitCode).toBe(3);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const e = describeKubeError(refused, 'get', 'https://127.0.0.1:1');
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/cannot reach the cluster at https:\/\/127.0.0.1:1/);
  });
});

describe('retry', () => {
  it('retries 5xx/429 with backoff and honours Retry-After', async () => {
    const delays: number[] = [];
    let n = 0;
    const out = await withRetry(
      async () => {
        n++;
        if (n === 1) throw new KubeApiError(429, {}, 2000);
        if (n === 2) throw new KubeApiError(503, {});
        return 'ok';
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
    );
    expect(out).toBe('ok');
    expect(delays).toEqual([2000, 200]);
  });

  it('never retries validation errors or refused connections', async () => {
    for (const err of [new KubeApiError(422, {}), new KubeApiError(404, {}), new KubeApiError(409, {}), Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]) {
      let n = 0;
      await expect(
        withRetry(
          async () => {
            n++;
            throw err;
          },
          { sleep: async () => {} },
        ),
      ).rejects.toBe(err);
      expect(n).toBe(1);
    }
  });

  it('bounds attempts and uses full jitter below the cap', async () => {
    let n = 0;
    await expect(
      withRetry(
        async () => {
          n++;
          throw new KubeApiError(500, {});
        },
        { sleep: async () => {}, maxAttempts: 3 },
      ),
    ).rejects.toBeInstanceOf(KubeApiError);
    expect(n).toBe(3);
    expect(backoffDelay(10, new Error('x'), { random: () => 0.999, capMs: 5000 })).toBeLessThanOrEqual(5000);
  });
});

describe('kubeconfig resolution', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-kc-'));
  it('fails with exit 3 and a hint when no kubeconfig exists anywhere (never localhost:8080)', () => {
    expect(() => kubeconfigFiles(undefined, {}, dir)).toThrow(expect.objectContaining({ exitCode: 3, hint: expect.stringContaining('oc login') }));
    expect(() => kubeconfigFiles(join(dir, 'missing'), {}, dir)).toThrow(expect.objectContaining({ exitCode: 3 }));
  });

  it('uses KUBECONFIG, rejects an unknown context (exit 2) and a malformed file (exit 2)', () => {
    const good = join(dir, 'good');
    writeFileSync(
      good,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: one, context: {cluster: c, user: u}}]\ncurrent-context: one\n',
    );
    expect(loadKubeconfig({}, { KUBECONFIG: good }).server).toBe('https://127.0.0.1:6443');
    expect(() => loadKubeconfig({ kubeconfig: good, context: 'two' })).toThrow(expect.objectContaining({ exitCode: 2, hint: 'available contexts: one' }));
    const bad = join(dir, 'bad');
    writeFileSync(bad, 'clusters: [unterminated');
    expect(() => loadKubeconfig({ kubeconfig: bad })).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
