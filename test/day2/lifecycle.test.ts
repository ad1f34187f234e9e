// Day 2 on the embedded cluster, through the real CLI: kv-00 with 1 worker → nodepool create np2 (other
// memory) → scale np2 to 3 (4 Ready nodes) → scale to 0 → upgrade to a newer supported patch → dump → a
// destroy whose finalizer hangs fails naming it, and finishes with --force.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { call } from '../helpers/https.js';
import { create, get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const MARKER = 'MARKER-d2-5ec7e7';
const pullSecretJson = JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from(`u:${MARKER}`).toString('base64') } } });
const HS = 'hypershift.openshift.io/v1beta1';

describe('day 2 lifecycle of kv-00', () => {
  let env: SimEnv;
  let ps: string;
  const outputs: string[] = [];
  const cli = async (args: string[]) => {
    const r = await env.cli(args);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const guestNodes = async () => {
    const guest = SimClient.fromKubeconfig(readFileSync(join(env.dir, 'kv-00-kubeconfig'), 'utf8'));
    try {
      return (await guest.list('v1', 'Node')).items;
    } finally {
      guest.close();
    }
  };
  const vms = async (pool?: string) => (await call(env.sim.api, 'GET', `${pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kv-00')}${pool ? `?labelSelector=hypershift.openshift.io%2Fnodepool-name%3D${pool}` : ''}`)).body.items;

  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, pullSecretJson);
    expect((await cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    const r = await cli(['create-cluster', 'kv-00', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps]);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const o of outputs) expect(o).not.toContain(MARKER);
    await env.stop();
  });

  it('adds node pool np2 with other VMs, scales it to 3 and to 0, VMs and Nodes following', async () => {
    const created = await cli(['nodepool', 'create', 'np2', '--cluster-name', 'kv-00', '--replicas', '1', '--memory', '6Gi', '--cores', '4', '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).steps.map((s: any) => s.id)).toEqual(['check-new-nodepool', 'apply-nodepool', 'wait-nodepool-replicas', 'check-nodes']);
    const np2 = await get(env.sim.api, HS, 'nodepools', 'np2', 'clusters');
    // qosClass: the real NodePool CRD's default (the embedded cluster registers the real CRDs).
    expect(np2.spec.platform.kubevirt.compute).toEqual({ cores: 4, memory: '6Gi', qosClass: 'Burstable' });
    expect((await vms('np2'))[0].spec.template.spec.domain.memory.guest).toBe('6Gi');

    const up = await cli(['nodepool', 'scale', 'np2', '--replicas', '3']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/wait-nodepool-replicas: [0-2]\/3 nodes ready/);
    expect(up.stderr).toMatch(/3\/3 VMs running, 3\/3 Nodes Ready/);
    const nodes = await guestNodes();
    expect(nodes.filter((n: any) => n.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(4);
    expect(await vms()).toHaveLength(4);
    const launchers = (await call(env.sim.api, 'GET', `${pathOf('v1', 'pods', 'clusters-kv-00')}?labelSelector=kubevirt.io%3Dvirt-launcher`)).body.items;
    expect(launchers).toHaveLength(4);

    const list = await cli(['nodepool', 'list', '--cluster-name', 'kv-00', '-o', 'json']);
    expect(JSON.parse(list.stdout).items.map((r: any) => [r.name, r.desired, r.current])).toEqual([
      ['kv-00', 1, 1],
      ['np2', 3, 3],
    ]);

    const down = await cli(['nodepool', 'scale', 'np2', '--replicas', '0']);
    expect(down.code, down.stderr).toBe(0);
    expect(await vms('np2')).toHaveLength(0);
    expect((await guestNodes()).map((n: any) => n.metadata.name)).toEqual([expect.stringMatching(/^kv-00-/)]);
    expect((await call(env.sim.api, 'GET', `${pathOf('v1', 'pods', 'clusters-kv-00')}?labelSelector=kubevirt.io%3Dvirt-launcher`)).body.items).toHaveLength(1);
    const again = await cli(['nodepool', 'scale', 'np2', '--replicas', '0', '-o', 'json']);
    const noop = Object.fromEntries(JSON.parse(again.stdout).steps.map((s: any) => [s.id, [s.status, s.message]]));
    expect(noop['scale-nodepool']).toEqual(['already-done', 'replicas 0, 0 of 0 nodes ready']);
    expect(noop['wait-nodepool-replicas']).toEqual(['already-done', '0 of 0 nodes ready']);
  }, 60_000);

  it('upgrades to a newer supported patch: control plane first, then the nodes replaced (or rebooted in place)', async () => {
    await cli(['nodepool', 'scale', 'np2', '--replicas', '2']);
    expect((await cli(['nodepool', 'create', 'ip', '--cluster-name', 'kv-00', '--replicas', '1', '--node-upgrade-type', 'InPlace'])).code).toBe(0);
    const inPlaceVm = (await vms('ip'))[0].metadata.name;
    const before = new Set((await vms()).filter((v: any) => v.metadata.name !== inPlaceVm).map((v: any) => v.metadata.name));
    const r = await cli(['upgrade', 'kv-00', '--release', '4.12.5', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/control plane: 4\.12\.5 Partial/);
    expect(r.stderr).toMatch(/nodes replaced \d\/2/);
    const hc = await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
    expect(hc.status.version.history.map((h: any) => [h.version, h.state])).toEqual([
      ['4.12.5', 'Completed'],
      ['4.12.3', 'Completed'],
    ]);
    for (const np of ['kv-00', 'np2', 'ip']) expect((await get(env.sim.api, HS, 'nodepools', np, 'clusters')).status.version).toBe('4.12.5');
    const after = await vms();
    expect(after).toHaveLength(4);
    expect(after.some((v: any) => before.has(v.metadata.name))).toBe(false); // every Replace VM replaced
    expect((await vms('ip')).map((v: any) => v.metadata.name)).toEqual([inPlaceVm]); // the InPlace one kept
    expect((await guestNodes()).map((n: any) => n.status.nodeInfo.kubeletVersion)).toEqual(['v1.25.5', 'v1.25.5', 'v1.25.5', 'v1.25.5']);
    // The same upgrade again, control plane only: what is done says so, the node-pool steps say why they do not apply.
    const again = await cli(['upgrade', 'kv-00', '--release', '4.12.5', '--node-pools', 'none', '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    const steps = Object.fromEntries(JSON.parse(again.stdout).steps.map((s: any) => [s.id, [s.status, s.message]]));
    expect(steps).toMatchObject({
      'upgrade-control-plane': ['already-done', 'spec.release.image is 4.12.5'],
      'wait-control-plane': ['already-done', 'control plane 4.12.5 Completed'],
      'upgrade-nodepools': ['disabled', 'not needed: --node-pools none'],
      'wait-nodepools': ['disabled', 'not needed: --node-pools none'],
      'check-upgraded-nodes': ['disabled', 'not needed: --node-pools none'],
    });
    await cli(['nodepool', 'delete', 'ip']);
    const list = JSON.parse((await cli(['list', '-o', 'json'])).stdout).items;
    expect(list[0].version).toBe('4.12.5');
  }, 60_000);

  it('dumps the cluster with its VMs and no secret value', async () => {
    const r = await cli(['dump', 'kv-00', '--dump-guest-cluster', '--archive', 'kv-00.tar.gz']);
    expect(r.code, r.stderr).toBe(0);
    const archive = join(env.dir, 'kv-00.tar.gz');
    const files = execFileSync('tar', ['tzf', archive], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['kv-00-dump/hostedcluster.yaml', 'kv-00-dump/kubevirt/virtualmachines.yaml', 'kv-00-dump/kubevirt/virt-launcher-pods.yaml', 'kv-00-dump/guest/nodes.yaml', 'kv-00-dump/namespaces/clusters/secrets.yaml']),
    );
    const all = execFileSync('tar', ['xzf', archive, '-O'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    for (const vm of await vms()) expect(all).toContain(`name: ${vm.metadata.name}`);
    expect(all).toContain('.dockerconfigjson: <redacted>');
    expect(all).not.toContain(Buffer.from(pullSecretJson).toString('base64'));
    expect(all).not.toContain(MARKER);
    const kubeconfigSecret = (await get(env.sim.api, 'v1', 'secrets', 'kv-00-admin-kubeconfig', 'clusters')).data.kubeconfig;
    expect(all).not.toContain(kubeconfigSecret);
  }, 30_000);

  it('destroy: a hanging finalizer fails at the grace period naming it; --force finishes and says what it forced', async () => {
    await create(env.sim.api, 'v1', 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hcp-kv-sim-inject', namespace: 'default' }, data: { inject: 'hang-finalizer=kv-00' } });
    const stuck = await cli(['destroy-cluster', 'kv-00', '--yes', '--grace-period', '3s']);
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toMatch(/Error: HostedCluster clusters\/kv-00 is still being deleted after 3s; it is held by .*NodePool clusters\/kv-00 \(finalizer hypershift\.openshift\.io\/finalizer\)/);
    expect(stuck.stderr).toMatch(/Hint: .*--force/);
    expect((await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters')).metadata.annotations['hypershift.openshift.io/cleanup-cloud-resources']).toBe('true');
    const diag = await cli(['diagnose', 'kv-00', '-o', 'json']);
    expect(JSON.parse(diag.stdout).findings[0].id).toBe('deletion-stuck');

    const forced = await cli(['destroy-cluster', 'kv-00', '--yes', '--grace-period', '1s', '--force', '-o', 'json']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/forced: removed finalizer hypershift\.openshift\.io\/finalizer from NodePool clusters\/kv-00/);
    expect(JSON.parse(forced.stdout).steps.find((s: any) => s.id === 'wait-deleted').message).toMatch(/^HostedCluster gone after forcing: .*NodePool clusters\/kv-00/);
    expect((await call(env.sim.api, 'GET', pathOf(HS, 'hostedclusters', 'clusters', 'kv-00'))).status).toBe(404);
    expect((await call(env.sim.api, 'GET', pathOf(HS, 'nodepools', 'clusters'))).body.items).toEqual([]);
    expect((await call(env.sim.api, 'GET', pathOf('v1', 'namespaces', undefined, 'clusters-kv-00'))).status).toBe(404);
  }, 60_000);
});
