// The simulated operators against an API server as strict as kube-apiserver v1.32: new Nodes come tainted
// node.kubernetes.io/not-ready:NoSchedule (TaintNodesByCondition), pods can only be bound through pods/binding.
// The node-lifecycle controller (kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go
// doNoScheduleTaintingPass @a7264f95ffc8b56377da16e83461aa59467ebb3e) takes the taint off once Ready is True, and a
// hosted cluster still comes up with its control-plane pods bound.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { startControllers, type RunningControllers } from '../../../src/sim/controllers/index.js';
import { desiredTaints } from '../../../src/sim/controllers/node-lifecycle.js';
import { runCli } from '../../helpers/cli.js';
import { call, watch } from '../../helpers/https.js';

const NOT_READY = 'node.kubernetes.io/not-ready';
const hasNotReady = (n: any) => (n?.spec?.taints ?? []).some((t: any) => t.key === NOT_READY && t.effect === 'NoSchedule');

describe('node-lifecycle and binding against a strict API server', () => {
  let api: ApiServer;
  let controllers: RunningControllers;
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-nodes-'));
  const kubeconfig = join(dir, 'kubeconfig');
  beforeAll(async () => {
    api = await startApiServer({ establishDelayMs: 20 });
    await api.writeKubeconfig(kubeconfig);
    controllers = await startControllers({ kubeconfig: api.kubeconfig({ token: api.systemToken }), profile: 'fast', timeScale: 0.3 });
  });
  afterAll(async () => {
    await controllers.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes the tainting pass like kube: Ready False → not-ready, Unknown → unreachable, True → none', () => {
    const node = (status: string, taints: unknown[] = []) => ({ metadata: { name: 'n' }, spec: { taints }, status: { conditions: [{ type: 'Ready', status }] } });
    expect(
      desiredTaints(
        node('True', [
          { key: NOT_READY, effect: 'NoSchedule' },
          { key: 'x', effect: 'NoSchedule' },
        ]),
      ),
    ).toEqual([{ key: 'x', effect: 'NoSchedule' }]);
    expect(desiredTaints(node('False', [{ key: NOT_READY, effect: 'NoSchedule' }]))).toBeUndefined();
    expect(desiredTaints(node('Unknown', [{ key: NOT_READY, effect: 'NoSchedule' }]))).toEqual([expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' })]);
  });

  it('taints a NotReady node not-ready and removes the taint once the node is Ready', async () => {
    const created = await call(api, 'POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'late-node' } });
    expect(hasNotReady(created.body)).toBe(true);
    const w = watch(api, `/api/v1/nodes?watch=true&fieldSelector=metadata.name%3Dlate-node&resourceVersion=${created.body.metadata.resourceVersion}`);
    const ready = (e: any) => e.object.status?.conditions?.find((c: any) => c.type === 'Ready')?.status;
    try {
      await call(api, 'PATCH', '/api/v1/nodes/late-node/status', { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }] } }, { contentType: 'application/merge-patch+json' });
      await w.waitFor((ev) => ev.some((e) => ready(e) === 'False' && hasNotReady(e.object)), 30_000);
      await call(api, 'PATCH', '/api/v1/nodes/late-node/status', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] } }, { contentType: 'application/merge-patch+json' });
      await w.waitFor((ev) => ev.some((e) => ready(e) === 'True' && !hasNotReady(e.object)), 30_000);
      expect((await call(api, 'GET', '/api/v1/nodes/late-node')).body.spec.taints ?? []).toEqual([]);
    } finally {
      w.close();
    }
  });

  it('brings a hosted cluster up: its nodes untainted, control-plane pods bound through pods/binding', async () => {
    const cli = (args: string[]) => runCli(['--kubeconfig', kubeconfig, '--progress', 'plain', ...args], { cwd: dir, timeout: 60_000 });
    const boot = await cli(['bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.40']);
    expect(boot.code, boot.stderr.slice(-2000)).toBe(0);
    const ps = join(dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    const create = await cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps]);
    expect(create.code, create.stderr.slice(-2000)).toBe(0);
    const nodes = (await call(api, 'GET', '/api/v1/nodes')).body.items.filter((n: any) => n.metadata.name !== 'late-node');
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.filter(hasNotReady).map((n: any) => n.metadata.name)).toEqual([]);
    const etcd = (await call(api, 'GET', '/api/v1/namespaces/clusters-kv-00/pods/etcd-0')).body;
    expect(etcd.spec.nodeName).toMatch(/^(master|worker)-/);
    expect(etcd.status.phase).toBe('Running');
    const launchers = (await call(api, 'GET', '/api/v1/namespaces/clusters-kv-00/pods?labelSelector=kubevirt.io%3Dvirt-launcher')).body.items;
    expect(launchers.length).toBe(2);
    for (const l of launchers) expect(l.spec.nodeName).toMatch(/^worker-/);
  }, 180_000);
});
