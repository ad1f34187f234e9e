// --preinstalled starts as a prepared cluster: bootstrap then finds every step already done, and the
// simulated operators refuse what they would refuse on a real cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/https.js';
import { condTrue, create, pathOf, waitUntil } from '../../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../../helpers/sim-env.js';

// What the real HostedCluster CRD requires: the four published services and the managed etcd's storage.
const SERVICES = ['APIServer', 'OAuthServer', 'Konnectivity', 'Ignition'].map((service) => ({ service, servicePublishingStrategy: { type: service === 'APIServer' ? 'LoadBalancer' : 'Route' } }));
const ETCD = { managementType: 'Managed', managed: { storage: { type: 'PersistentVolume', persistentVolume: { size: '8Gi' } } } };

describe('sim --preinstalled', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', preinstalled: true });
  }, 60_000);
  afterAll(() => env.stop());

  it('is already bootstrapped', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    // Steps for options not given (isolated control planes, recorded defaults) are disabled.
    const steps = JSON.parse(r.stdout).steps.filter((s: any) => s.id !== 'preflight' && s.status !== 'disabled');
    expect(steps.map((s: any) => [s.id, s.status])).toEqual(steps.map((s: any) => [s.id, 'already-done']));
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('reports an unsupported release and keeps VMs pending without a default StorageClass', async () => {
    const api = env.sim.api;
    const secret = Buffer.from('{"auths":{}}').toString('base64');
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'clusters' } });
    await create(api, 'v1', 'secrets', { kind: 'Secret', metadata: { name: 'ps', namespace: 'clusters' }, data: { '.dockerconfigjson': secret } });
    const hc = (name: string, image: string) => ({
      kind: 'HostedCluster',
      metadata: { name, namespace: 'clusters' },
      spec: { release: { image }, pullSecret: { name: 'ps' }, platform: { type: 'KubeVirt' }, networking: {}, services: SERVICES, dns: { baseDomain: '' }, etcd: ETCD },
    });
    await create(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', hc('too-new', 'quay.io/openshift-release-dev/ocp-release:4.18.1-x86_64'));
    const bad = await waitUntil(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'too-new', 'clusters', (o) => (o.status?.conditions ?? []).some((c: any) => c.type === 'ValidReleaseImage' && c.status === 'False'));
    expect(bad.status.conditions.find((c: any) => c.type === 'ValidReleaseImage').message).toMatch(/4\.18\.1 is not supported .* supported versions: 4\.12, 4\.11, 4\.10/);

    await call(
      api,
      'PATCH',
      pathOf('storage.k8s.io/v1', 'storageclasses', undefined, 'ocs-storagecluster-ceph-rbd'),
      { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': null } } },
      { contentType: 'application/merge-patch+json' },
    );
    await create(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', hc('no-sc', 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64'));
    await create(api, 'hypershift.openshift.io/v1beta1', 'nodepools', {
      kind: 'NodePool',
      metadata: { name: 'no-sc', namespace: 'clusters' },
      spec: { clusterName: 'no-sc', replicas: 1, release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' }, platform: { type: 'KubeVirt', kubevirt: {} }, management: { upgradeType: 'Replace' } },
    });
    const np = await waitUntil(api, 'hypershift.openshift.io/v1beta1', 'nodepools', 'no-sc', 'clusters', (o) => /no default StorageClass/.test((o.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.message ?? ''));
    expect(np.status.replicas).toBe(0);
    const vms = (await call(api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-no-sc'))).body.items;
    expect(vms.map((v: any) => v.status.printableStatus)).toEqual(['WaitingForVolumeBinding']);
    // Restoring the default class lets them run.
    await call(
      api,
      'PATCH',
      pathOf('storage.k8s.io/v1', 'storageclasses', undefined, 'ocs-storagecluster-ceph-rbd'),
      { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } },
      { contentType: 'application/merge-patch+json' },
    );
    await waitUntil(api, 'hypershift.openshift.io/v1beta1', 'nodepools', 'no-sc', 'clusters', condTrue('Ready'));
  }, 60_000);
});
