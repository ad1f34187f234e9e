// External infrastructure on the embedded cluster run as two clusters (management and infrastructure, two
// kubeconfigs): create-cluster --infra-kubeconfig-file/--infra-namespace puts the VMs on the infrastructure cluster
// and none on the management cluster; status shows where they are. Under-privileged credentials applied anyway
// surface as upstream's ValidKubeVirtInfraNetworkPolicyRBAC condition with its message.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { SimClient } from '../../src/sim/controllers/client.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { create, get, pathOf, waitUntil } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';

describe('external infrastructure', () => {
  let mgmt: SimEnv;
  let infra: SimEnv;
  let ps: string;
  let infraKc: string;
  beforeAll(async () => {
    [mgmt, infra] = await Promise.all([simEnv({ timeScale: 0.5 }), simEnv({ timeScale: 0.5 })]);
    ps = join(mgmt.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    infraKc = join(mgmt.dir, 'infra.kubeconfig');
    const [a, b] = await Promise.all([mgmt.cli(['bootstrap', '--metallb-addresses', POOL]), infra.cli(['bootstrap', '--metallb-addresses', POOL, '--infra-only', '-o', 'json'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // The infrastructure cluster: storage, virtualization, MetalLB; no multicluster engine.
    const steps = Object.fromEntries(JSON.parse(b.stdout).steps.map((s: any) => [s.id, s.status]));
    expect(steps).toMatchObject({
      storage: 'done',
      hyperconverged: 'done',
      metallb: 'done',
      'install-mce': 'disabled',
      'multicluster-engine': 'disabled',
      'local-cluster': 'disabled',
      'hypershift-addon': 'disabled',
      'hypershift-operator': 'disabled',
    });
    expect((await call(infra.sim.api, 'GET', '/apis/operators.coreos.com/v1alpha1/subscriptions')).body.items.map((s: any) => s.metadata.name).sort()).toEqual([
      'kubevirt-hyperconverged',
      'local-storage-operator',
      'metallb-operator',
      'odf-operator',
    ]);
  }, 90_000);
  afterAll(async () => {
    await mgmt.stop();
    await infra.stop();
  });

  it("infra-credentials creates the docs' least-privilege ServiceAccount, Role and kubeconfig on the infrastructure cluster", async () => {
    const r = await infra.cli(['infra-credentials', '--namespace', 'kv-infra', '--out', infraKc, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: any) => [s.id, s.status])).toEqual([
      ['check-infra-credentials', 'done'],
      ['apply-infra-credentials', 'done'],
      ['write-infra-kubeconfig', 'done'],
    ]);
    expect(statSync(infraKc).mode & 0o777).toBe(0o600);
    const role = await get(infra.sim.api, 'rbac.authorization.k8s.io/v1', 'roles', 'kv-external-infra-role', 'kv-infra');
    expect(role.rules[0]).toEqual({ apiGroups: ['kubevirt.io'], resources: ['virtualmachines', 'virtualmachines/finalizers', 'virtualmachineinstances'], verbs: ['*'] });
    // The token is the ServiceAccount's: allowed in its namespace, nothing elsewhere.
    const sa = SimClient.fromKubeconfig(readFileSync(infraKc, 'utf8'));
    try {
      expect((await sa.list('kubevirt.io/v1', 'VirtualMachine', { namespace: 'kv-infra' })).items).toEqual([]);
      await expect(sa.list('v1', 'Secret', { namespace: 'default' })).rejects.toThrow(/forbidden: User "system:serviceaccount:kv-infra:hcp-infra-sa" cannot list resource "secrets"/);
    } finally {
      sa.close();
    }
    expect(r.stdout).not.toMatch(/sa-[0-9a-f]{20}/); // the token is never printed
  });

  it('puts the VMs of kv-00 on the infrastructure cluster and none on the management cluster', async () => {
    const r = await mgmt.cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps, '--infra-kubeconfig-file', infraKc, '--infra-namespace', 'kv-infra']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/infrastructure cluster https:\/\/127\.0\.0\.1:\d+: reachable, permitted in namespace kv-infra/);
    const onInfra = (await call(infra.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'kv-infra'))).body.items;
    expect(onInfra).toHaveLength(2);
    expect(onInfra.every((vm: any) => vm.status.ready === true)).toBe(true);
    const vmis = (await call(infra.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachineinstances', 'kv-infra'))).body.items;
    expect(vmis.every((v: any) => /^worker-\d$/.test(v.status.nodeName))).toBe(true);
    const onMgmt = await call(mgmt.sim.api, 'GET', '/apis/kubevirt.io/v1/virtualmachines');
    expect(onMgmt.body.items).toEqual([]);
    expect((await get(infra.sim.api, 'networking.k8s.io/v1', 'networkpolicies', 'virt-launcher', 'kv-infra')).spec.podSelector.matchLabels['kubevirt.io']).toBe('virt-launcher');
    const hc = await get(mgmt.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
    expect(hc.status.conditions.find((c: any) => c.type === 'ValidKubeVirtInfraNetworkPolicyRBAC').status).toBe('True');

    const status = JSON.parse((await mgmt.cli(['status', 'kv-00', '-o', 'json'])).stdout);
    expect(status.infrastructure).toMatchObject({ server: infra.sim.api.url, namespace: 'kv-infra' });
    // The docs' Role grants no pods: status says so rather than failing.
    expect(status.infrastructure.virtLauncherPods).toMatch(/not readable with the infrastructure credentials: .*cannot list resource "pods"/);
    expect(status.virtualMachines.map((v: any) => v.name).sort()).toEqual(onInfra.map((v: any) => v.metadata.name).sort());
    expect(status.virtLauncherPods).toEqual([]);
  }, 120_000);

  it('under-privileged credentials applied anyway: the upstream condition with its message, no VM', async () => {
    const hc = await get(mgmt.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
    await create(mgmt.sim.api, 'v1', 'secrets', { kind: 'Secret', metadata: { name: 'kv-ro-infra-credentials', namespace: 'clusters' }, data: { kubeconfig: Buffer.from(infra.sim.api.kubeconfig({ readOnly: true })).toString('base64') } });
    await create(infra.sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'kv-ro' } });
    const spec = structuredClone(hc.spec);
    spec.platform.kubevirt.credentials = { infraKubeConfigSecret: { name: 'kv-ro-infra-credentials', key: 'kubeconfig' }, infraNamespace: 'kv-ro' };
    delete spec.infraID;
    await create(mgmt.sim.api, HS, 'hostedclusters', { kind: 'HostedCluster', metadata: { name: 'kv-ro', namespace: 'clusters' }, spec: { ...spec, infraID: 'kv-ro-x1' } });
    const np = await get(mgmt.sim.api, HS, 'nodepools', 'kv-00', 'clusters');
    await create(mgmt.sim.api, HS, 'nodepools', { kind: 'NodePool', metadata: { name: 'kv-ro', namespace: 'clusters' }, spec: { ...np.spec, clusterName: 'kv-ro', replicas: 1 } });
    const bad = await waitUntil(mgmt.sim.api, HS, 'hostedclusters', 'kv-ro', 'clusters', (h) => h.status?.conditions?.some((c: any) => c.type === 'ValidKubeVirtInfraNetworkPolicyRBAC' && c.status === 'False'), 30_000);
    const cond = bad.status.conditions.find((c: any) => c.type === 'ValidKubeVirtInfraNetworkPolicyRBAC');
    expect(cond.reason).toBe('InfraClusterNetworkPolicyCreateFailed');
    expect(cond.message).toMatch(/^Unable to create\/update virt-launcher NetworkPolicy on the infrastructure cluster: the external infra kubeconfig lacks networking.k8s.io\/networkpolicies permissions\. .*Error: .*forbidden/);
    expect((await call(infra.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'kv-ro'))).body.items).toEqual([]);
  }, 60_000);
});
