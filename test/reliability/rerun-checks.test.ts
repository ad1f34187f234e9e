// Issue 17 item 2: every "done" check of create-cluster compares what it waited for, not only the newest state.
// The version wait needs the newest history entry to be the requested release AND Completed (before, a newer
// release reported "version Completed" at once from the previous entry); the node-pool wait needs Ready at the
// pool's generation, all its replicas, and status.version at the release its spec asks for.
import { describe, expect, it } from 'vitest';
import { nodePoolDone } from '../../src/steps/cluster/wait-nodepool.js';
import { versionReached } from '../../src/steps/cluster/wait-version.js';

const IMG = (v: string) => `quay.io/openshift-release-dev/ocp-release:${v}-x86_64`;
const hc = (history: Array<[string, string]>, o: { generation?: number; observedGeneration?: number } = {}) => ({
  apiVersion: 'hypershift.openshift.io/v1beta1',
  kind: 'HostedCluster',
  metadata: { name: 'c', namespace: 'clusters', generation: o.generation ?? 2 },
  status: { version: { observedGeneration: o.observedGeneration ?? o.generation ?? 2, history: history.map(([version, state]) => ({ version, state, image: IMG(version) })) } },
});
const np = (o: { replicas: number; ready: number; version?: string; image: string; generation?: number; observed?: number }) => ({
  apiVersion: 'hypershift.openshift.io/v1beta1',
  kind: 'NodePool',
  metadata: { name: 'c', namespace: 'clusters', generation: o.generation ?? 1 },
  spec: { replicas: o.replicas, release: { image: o.image } },
  status: { replicas: o.ready, version: o.version, conditions: [{ type: 'Ready', status: o.ready === o.replicas ? 'True' : 'False', observedGeneration: o.observed ?? o.generation ?? 1 }] },
});

describe('versionReached', () => {
  const want = versionReached({ version: '4.12.12', image: IMG('4.12.12') });
  it('is not done while the newest entry is an older release, even Completed', () => {
    expect(want(hc([['4.12.5', 'Completed']]))).toEqual({ done: false, reason: 'version 4.12.12 not started (newest: 4.12.5 Completed)' });
  });
  it('is not done while the requested release is Partial', () => {
    expect(
      want(
        hc([
          ['4.12.12', 'Partial'],
          ['4.12.5', 'Completed'],
        ]),
      ),
    ).toEqual({ done: false, reason: 'version 4.12.12 Partial' });
  });
  it('is not done when the Completed entry was observed at an older generation', () => {
    expect(want(hc([['4.12.12', 'Completed']], { generation: 3, observedGeneration: 2 }))).toEqual({ done: false, reason: 'version 4.12.12 Completed for generation 2, the HostedCluster is at 3' });
  });
  it('is done when the requested release is the newest entry and Completed', () => {
    expect(
      want(
        hc([
          ['4.12.12', 'Completed'],
          ['4.12.5', 'Completed'],
        ]),
      ),
    ).toEqual({ done: true });
  });
});

describe('nodePoolDone', () => {
  it('is not done while Ready nodes still run the previous release', () => {
    expect(nodePoolDone(np({ replicas: 2, ready: 2, version: '4.12.5', image: IMG('4.12.12') }))).toMatchObject({ done: false, reason: expect.stringMatching(/run 4\.12\.5, not 4\.12\.12/) });
  });
  it('is not done when Ready was observed at an older generation', () => {
    expect(nodePoolDone(np({ replicas: 2, ready: 2, version: '4.12.12', image: IMG('4.12.12'), generation: 3, observed: 2 }))).toMatchObject({ done: false });
  });
  it('is done at the requested release, generation and replicas', () => {
    expect(nodePoolDone(np({ replicas: 2, ready: 2, version: '4.12.12', image: IMG('4.12.12') }))).toEqual({ done: true });
  });
});
