// Isolated control planes on the embedded cluster through the real CLI: bootstrap --control-plane-nodes labels
// and taints them and records the choice; create-cluster kv-00 then places every control-plane pod on a
// control-plane node and every VM on a VM node (read back through the API); status shows the nodes; a wrong
// setting leaves a pod Pending with the scheduler's reason.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { get, mergePatch, pathOf, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

describe('isolated control planes', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    // worker-0 becomes the control-plane node; VMs go to worker-1 and worker-2.
    await mergePatch(env.sim.api, 'v1', 'nodes', 'worker-0', undefined, { metadata: { labels: { 'example.com/role': 'hcp' } } });
    for (const n of ['worker-1', 'worker-2']) await mergePatch(env.sim.api, 'v1', 'nodes', n, undefined, { metadata: { labels: { 'example.com/role': 'vms' } } });
  }, 30_000);
  afterAll(() => env.stop());

  it('bootstrap labels and taints the control-plane nodes and records the choice; a second run changes nothing', async () => {
    const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--control-plane-nodes', 'example.com/role=hcp', '--vm-nodes', 'example.com/role=vms', '-o', 'json']);
    expect(boot.code, boot.stderr).toBe(0);
    const steps = Object.fromEntries(JSON.parse(boot.stdout).steps.map((s: any) => [s.id, s.status]));
    expect(steps['control-plane-nodes']).toBe('done');
    expect(steps['record-settings']).toBe('done');
    const node = await get(env.sim.api, 'v1', 'nodes', 'worker-0');
    expect(node.metadata.labels['hypershift.openshift.io/control-plane']).toBe('true');
    expect(node.spec.taints).toContainEqual({ key: 'hypershift.openshift.io/control-plane', value: 'true', effect: 'NoSchedule' });
    const cm = await get(env.sim.api, 'v1', 'configmaps', 'hcp-kv-settings', 'hcp-kv');
    expect(JSON.parse(cm.data.controlPlaneNodeSelector)).toEqual({ 'hypershift.openshift.io/control-plane': 'true' });
    expect(JSON.parse(cm.data.vmNodeSelector)).toEqual({ 'example.com/role': 'vms' });
    const again = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--control-plane-nodes', 'example.com/role=hcp', '--vm-nodes', 'example.com/role=vms', '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    const second = Object.fromEntries(JSON.parse(again.stdout).steps.map((s: any) => [s.id, s.status]));
    expect(second['control-plane-nodes']).toBe('already-done');
    expect(second['record-settings']).toBe('already-done');
  }, 90_000);

  it('create-cluster kv-00 puts every control-plane pod on a control-plane node and every VM on a VM node', async () => {
    const r = await env.cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/from hcp-kv\/hcp-kv-settings: node selector, tolerations, VM node selector/);
    const hc = await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-00', 'clusters');
    expect(hc.spec.nodeSelector).toEqual({ 'hypershift.openshift.io/control-plane': 'true' });
    expect(hc.spec.tolerations).toEqual([{ key: 'hypershift.openshift.io/control-plane', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    const np = await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'nodepools', 'kv-00', 'clusters');
    expect(np.spec.platform.kubevirt.nodeSelector).toEqual({ 'example.com/role': 'vms' });
    const pods = (await call(env.sim.api, 'GET', pathOf('v1', 'pods', 'clusters-kv-00'))).body.items;
    const cpPods = pods.filter((p: any) => !p.metadata.name.startsWith('virt-launcher-'));
    expect(cpPods.map((p: any) => p.metadata.name).sort()).toEqual(['etcd-0', 'kube-apiserver-6b9c5d7f8-sim01']);
    for (const p of cpPods) expect(p.spec.nodeName).toBe('worker-0');
    const vmis = (await call(env.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachineinstances', 'clusters-kv-00'))).body.items;
    expect(vmis).toHaveLength(2);
    for (const v of vmis) expect(['worker-1', 'worker-2']).toContain(v.status.nodeName);
    for (const p of pods.filter((x: any) => x.metadata.name.startsWith('virt-launcher-'))) expect(['worker-1', 'worker-2']).toContain(p.spec.nodeName);

    const status = await env.cli(['status', 'kv-00', '-o', 'json']);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s.controlPlanePods.map((p: any) => p.node)).toEqual(['worker-0', 'worker-0']);
    expect(s.virtualMachines.every((v: any) => ['worker-1', 'worker-2'].includes(v.node))).toBe(true);
    const text = await env.cli(['status', 'kv-00']);
    expect(text.stdout).toMatch(/etcd-0\s+Running\s+worker-0/);
  }, 120_000);

  it("a control plane whose nodes it does not tolerate stays Pending with the scheduler's reason", async () => {
    // The node selector asks for the control-plane node, but a second taint there is not tolerated.
    await mergePatch(env.sim.api, 'v1', 'nodes', 'worker-0', undefined, {
      spec: {
        taints: [
          { key: 'hypershift.openshift.io/control-plane', value: 'true', effect: 'NoSchedule' },
          { key: 'example.com/maintenance', value: 'true', effect: 'NoSchedule' },
        ],
      },
    });
    try {
      const r = await env.cli(['create-cluster', 'kv-01', '--replicas', '0', '--release', '4.12.3', '--pull-secret', ps, '--no-wait', '--kubeconfig-out', join(env.dir, 'kv-01.kc')]);
      // Preflight refuses it (no node admits the control plane) and nothing is created.
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/recorded node selector .* matches no Ready node the control-plane pods tolerate/);
      expect(await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-01', 'clusters')).toBeUndefined();
      // Applied anyway (another client): the simulated operator leaves etcd Pending with the scheduler's message.
      await call(env.sim.api, 'POST', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters'), {
        ...(await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-00', 'clusters')),
        metadata: { name: 'kv-02', namespace: 'clusters' },
        status: undefined,
      });
      const etcd = await waitUntil(env.sim.api, 'v1', 'pods', 'etcd-0', 'clusters-kv-02', (p) => p.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.status === 'False'));
      expect(etcd.status.phase).toBe('Pending');
      expect(etcd.status.conditions[0].message).toMatch(
        /^0\/6 nodes are available: 3 node\(s\) had untolerated taint \{node-role.kubernetes.io\/master: \}, 1 node\(s\) had untolerated taint \{example.com\/maintenance: true\}, 2 node\(s\) didn't match Pod's node affinity\/selector/,
      );
      const hc = await waitUntil(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-02', 'clusters', (h) => /Pending/.test(h.status?.conditions?.find((c: any) => c.type === 'EtcdAvailable')?.message ?? ''));
      expect(hc.status.conditions.find((c: any) => c.type === 'EtcdAvailable').status).toBe('False');
    } finally {
      await mergePatch(env.sim.api, 'v1', 'nodes', 'worker-0', undefined, { spec: { taints: [{ key: 'hypershift.openshift.io/control-plane', value: 'true', effect: 'NoSchedule' }] } });
    }
    // The taint removed, the pending etcd is scheduled onto the control-plane node.
    const etcd = await waitUntil(env.sim.api, 'v1', 'pods', 'etcd-0', 'clusters-kv-02', (p) => p.spec.nodeName === 'worker-0');
    expect(etcd.spec.nodeName).toBe('worker-0');
  }, 90_000);
});
