// The simulated kube-scheduler's cost per placement does not grow with the pods already placed (it used to list
// every pod and VMI of the cluster at each placement: a density run was quadratic in its clusters), and two
// placements in a row never count the same free memory twice (assumed placements, as kube-scheduler's cache).
// Counted in operations and requests, never in wall-clock time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { SimClient } from '../../../src/sim/controllers/client.js';
import { reconcileNode } from '../../../src/sim/controllers/node-lifecycle.js';
import { placementStats } from '../../../src/sim/controllers/placement.js';
import { bind, schedule } from '../../../src/sim/controllers/scheduler.js';

const GiB = 2 ** 30;
let api: ApiServer;
let c: SimClient;

const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'node-role.kubernetes.io/worker': '' } }, spec: {} });
const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'p' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '10m', memory: '1Mi' } } }] } });

async function placeAndBind(name: string): Promise<string> {
  await c.create(pod(name));
  const r = await schedule(c, { self: { namespace: 'p', name }, request: { memory: 2 ** 20, cpu: 10 } });
  if (!r.node) throw new Error(`pod ${name} not placed: ${r.message}`);
  await bind(c, 'p', name, r.node);
  return r.node;
}

beforeAll(async () => {
  api = await startApiServer({ openshiftApis: false });
  c = SimClient.fromKubeconfig(api.kubeconfig({ token: api.systemToken }));
  for (const n of ['w0', 'w1']) {
    const created = await c.create(node(n));
    const ready = await c.patchStatus(created, { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '32', memory: '10Gi', pods: '500' } });
    if (ready) await reconcileNode(c, ready); // the not-ready taint goes, as the node lifecycle controller takes it off
  }
  await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'p' } });
});

afterAll(async () => {
  c?.close();
  await api?.close();
});

describe('the simulated scheduler', () => {
  it('examines the nodes, not the pods: the 200th placement costs what the 10th did, with no list request', async () => {
    for (let i = 0; i < 10; i++) await placeAndBind(`early-${i}`);
    const lists = () => api.stats().systemRequests;
    const before = { nodes: placementStats.nodesExamined, requests: lists() };
    await schedule(c, { self: { namespace: 'p', name: 'probe-a' }, request: { memory: 2 ** 20, cpu: 10 } });
    const early = { nodes: placementStats.nodesExamined - before.nodes, requests: lists() - before.requests };
    for (let i = 0; i < 190; i++) await placeAndBind(`late-${i}`);
    const mid = { nodes: placementStats.nodesExamined, requests: lists() };
    await schedule(c, { self: { namespace: 'p', name: 'probe-b' }, request: { memory: 2 ** 20, cpu: 10 } });
    expect(placementStats.nodesExamined - mid.nodes).toBe(early.nodes);
    expect(early.nodes).toBe(2);
    // A placement reads the cache: no request at all reaches the API server.
    expect(early.requests).toBe(0);
    expect(lists() - mid.requests).toBe(0);
  });

  it('counts a placement it just decided before the watch shows it bound (assumed)', async () => {
    // Two 6 GiB asks on two 10 GiB nodes (now holding ~0.1 GiB each): one per node, the third fits nowhere.
    const first = await schedule(c, { self: { namespace: 'p', name: 'big-0' }, request: { memory: 6 * GiB, cpu: 10 } });
    const second = await schedule(c, { self: { namespace: 'p', name: 'big-1' }, request: { memory: 6 * GiB, cpu: 10 } });
    const third = await schedule(c, { self: { namespace: 'p', name: 'big-2' }, request: { memory: 6 * GiB, cpu: 10 } });
    expect(first.node).toBeDefined();
    expect(second.node).toBeDefined();
    expect(second.node).not.toBe(first.node);
    expect(third.node).toBeUndefined();
    expect(third.message).toMatch(/^0\/2 nodes are available: 2 Insufficient memory/);
  });
});
