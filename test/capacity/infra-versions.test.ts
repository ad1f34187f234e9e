// An external infrastructure cluster must run KubeVirt ≥ 1.0 and Kubernetes ≥ 1.27 (what the HyperShift operator
// requires once the HostedCluster exists: openshift/hypershift kubevirtexternalinfra/externalinfra.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// ValidateClusterVersions). create-cluster reads both from the infrastructure cluster — /version, and the KubeVirt
// resource's status.observedKubeVirtVersion — and refuses below, before anything is written. Three embedded clusters:
// the management cluster, an OpenShift 4.14 infrastructure cluster (KubeVirt v1.0.0, Kubernetes 1.27) and a bare API
// server that reports Kubernetes 1.26.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { pathOf, waitUntil } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, POOL, removeSimEnv, simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const KV = pathOf('kubevirt.io/v1', 'kubevirts', 'openshift-cnv', 'kubevirt-kubevirt-hyperconverged');

describe('external infrastructure versions', () => {
  let mgmt: SimEnv;
  let infra: SimEnv;
  let old: SimEnv;
  const create = (name: string, infraKubeconfig: string) =>
    mgmt.cli(['create-cluster', name, '--replicas', '0', '--no-wait', '--release', '4.12.3', '--pull-secret', `${mgmt.dir}/ps.json`, '--infra-kubeconfig-file', infraKubeconfig, '--infra-namespace', 'kv-infra']);
  const hostedClusters = async () => (await call(mgmt.sim.api, 'GET', pathOf(HS, 'hostedclusters', 'clusters'))).body.items.map((h: any) => h.metadata.name).sort();

  beforeAll(async () => {
    [mgmt, infra, old] = await Promise.all([
      bootstrappedSimEnv({ profile: 'instant' }),
      simEnv({ profile: 'instant', ocpVersion: '4.14.0', kubeVersion: '1.27.16' }),
      simEnv({ profile: 'instant', controllers: false, kubeVersion: '1.26.15' }),
    ]);
    const b = await infra.cli(['bootstrap', '--metallb-addresses', POOL, '--infra-only']);
    expect(b.code, b.stderr).toBe(0);
    await waitUntil(infra.sim.api, 'kubevirt.io/v1', 'kubevirts', 'kubevirt-kubevirt-hyperconverged', 'openshift-cnv', (k) => Boolean(k.status?.observedKubeVirtVersion), 60_000);
  }, 240_000);
  afterAll(async () => {
    await removeSimEnv(mgmt);
    await removeSimEnv(infra);
    await removeSimEnv(old);
  });

  it('takes OpenShift Virtualization 4.14 (KubeVirt v1.0.0) on Kubernetes 1.27', async () => {
    expect((await call(infra.sim.api, 'GET', KV)).body.status.observedKubeVirtVersion).toBe('v1.0.0');
    expect((await call(infra.sim.api, 'GET', '/version')).body.gitVersion).toBe('v1.27.16+hcp-kv-sim');
    const r = await create('kv-ok', infra.kubeconfig);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it('refuses KubeVirt below 1.0, naming the server and the version; nothing written', async () => {
    const setVersion = (v: string) => call(infra.sim.api, 'PATCH', `${KV}/status`, { status: { observedKubeVirtVersion: v } }, { contentType: 'application/merge-patch+json' });
    expect((await setVersion('v0.59.2')).status).toBe(200);
    try {
      const r = await create('kv-oldkv', infra.kubeconfig);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the infrastructure cluster https:\/\/127\.0\.0\.1:\d+ runs KubeVirt v0\.59\.2: an external infrastructure cluster needs KubeVirt 1\.0 or later \(HyperShift requires it of the cluster that runs the VMs\)/);
      expect(r.stderr).toMatch(/OpenShift Virtualization 4\.14 or later ships KubeVirt 1\.0 or later/);
      expect(await hostedClusters()).toEqual(['kv-ok']);
    } finally {
      await setVersion('v1.0.0');
    }
  }, 60_000);

  it('refuses Kubernetes below 1.27, read from /version; nothing written', async () => {
    const r = await create('kv-oldkube', old.kubeconfig);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the infrastructure cluster https:\/\/127\.0\.0\.1:\d+ runs Kubernetes v1\.26\.15\+hcp-kv-sim: an external infrastructure cluster needs Kubernetes 1\.27 or later/);
    expect(await hostedClusters()).toEqual(['kv-ok']);
    expect((await call(mgmt.sim.api, 'GET', pathOf('v1', 'secrets', 'clusters'))).body.items.filter((s: any) => s.metadata.name.startsWith('kv-oldkube'))).toEqual([]);
  }, 60_000);
});
