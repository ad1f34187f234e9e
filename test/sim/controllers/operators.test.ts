// Failure modes of the simulated operators, driven through raw API calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { call } from '../../helpers/https.js';
import { create, pathOf, waitUntil } from '../../helpers/sim-api.js';

describe('simulated operators: failure modes', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ profile: 'instant' });
  });
  afterAll(() => sim.stop());

  it('reports an unknown package on the Subscription and never makes a CSV', async () => {
    const api = sim.api;
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'nope' } });
    await create(api, 'operators.coreos.com/v1alpha1', 'subscriptions', {
      kind: 'Subscription',
      metadata: { name: 'no-such-operator', namespace: 'nope' },
      spec: { name: 'no-such-operator', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    const sub = await waitUntil(api, 'operators.coreos.com/v1alpha1', 'subscriptions', 'no-such-operator', 'nope', (s) => (s.status?.conditions ?? []).some((c: any) => c.type === 'ResolutionFailed'));
    expect(sub.status.conditions[0].message).toMatch(/no operators found in package no-such-operator/);
    expect((await call(api, 'GET', pathOf('operators.coreos.com/v1alpha1', 'clusterserviceversions', 'nope'))).body.items).toEqual([]);
  });

  it('reports an unknown channel on the Subscription and never makes a CSV', async () => {
    const api = sim.api;
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'badchan' } });
    await create(api, 'operators.coreos.com/v1alpha1', 'subscriptions', {
      kind: 'Subscription',
      metadata: { name: 'multicluster-engine', namespace: 'badchan' },
      spec: { name: 'multicluster-engine', channel: 'stable-9.9', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    const sub = await waitUntil(api, 'operators.coreos.com/v1alpha1', 'subscriptions', 'multicluster-engine', 'badchan', (s) => (s.status?.conditions ?? []).some((c: any) => c.type === 'ResolutionFailed'));
    expect(sub.status.conditions[0].message).toMatch(/no operators found in channel stable-9.9 of package multicluster-engine/);
    expect((await call(api, 'GET', pathOf('operators.coreos.com/v1alpha1', 'clusterserviceversions', 'badchan'))).body.items).toEqual([]);
  });

  it('leaves a LoadBalancer Service pending with an event when the pool is exhausted', async () => {
    const api = sim.api;
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'metallb-system' } });
    await create(api, 'operators.coreos.com/v1alpha1', 'subscriptions', {
      kind: 'Subscription',
      metadata: { name: 'metallb-operator', namespace: 'metallb-system' },
      spec: { name: 'metallb-operator', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    });
    await waitUntil(api, 'operators.coreos.com/v1alpha1', 'subscriptions', 'metallb-operator', 'metallb-system', (s) => Boolean(s.status?.installedCSV));
    await create(api, 'metallb.io/v1beta1', 'ipaddresspools', { kind: 'IPAddressPool', metadata: { name: 'tiny', namespace: 'metallb-system' }, spec: { addresses: ['192.0.2.99/32'] } });
    await create(api, 'metallb.io/v1beta1', 'l2advertisements', { kind: 'L2Advertisement', metadata: { name: 'tiny', namespace: 'metallb-system' }, spec: { ipAddressPools: ['tiny'] } });
    const svc = (name: string) => ({ kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type: 'LoadBalancer', ports: [{ port: 6443 }] } });
    await create(api, 'v1', 'services', svc('first'));
    const first = await waitUntil(api, 'v1', 'services', 'first', 'default', (s) => Boolean(s.status?.loadBalancer?.ingress?.length));
    expect(first.status.loadBalancer.ingress[0].ip).toBe('192.0.2.99');
    await create(api, 'v1', 'services', svc('second'));
    const deadline = Date.now() + 5000;
    let events: any[] = [];
    while (Date.now() < deadline && !events.length) {
      events = (await call(api, 'GET', pathOf('v1', 'events', 'default'))).body.items.filter((e: any) => e.involvedObject.name === 'second');
      if (!events.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(events[0]).toMatchObject({ reason: 'AllocationFailed', message: expect.stringMatching(/no available IPs/) });
    expect((await call(api, 'GET', pathOf('v1', 'services', 'default', 'second'))).body.status?.loadBalancer?.ingress).toBeUndefined();
    // Releasing the first address lets the second Service have it.
    await call(api, 'DELETE', pathOf('v1', 'services', 'default', 'first'));
    const second = await waitUntil(api, 'v1', 'services', 'second', 'default', (s) => Boolean(s.status?.loadBalancer?.ingress?.length));
    expect(second.status.loadBalancer.ingress[0].ip).toBe('192.0.2.99');
  });
});

describe('simulated cluster size', () => {
  it('has 3 masters and as many workers as asked (density sizes it for its VMs)', async () => {
    const sim = await startSim({ profile: 'instant', workers: 5 });
    try {
      const nodes = await listNodes(sim, 8);
      expect(
        nodes
          .filter((n: any) => 'node-role.kubernetes.io/worker' in n.metadata.labels)
          .map((n: any) => n.metadata.name)
          .sort(),
      ).toEqual(['worker-0', 'worker-1', 'worker-2', 'worker-3', 'worker-4']);
    } finally {
      await sim.stop();
    }
  });
});

async function listNodes(sim: Sim, count: number): Promise<any[]> {
  // startSim returns once the base controller has made its nodes.
  const nodes = (await call(sim.api, 'GET', '/api/v1/nodes')).body.items;
  expect(nodes).toHaveLength(count);
  return nodes;
}
