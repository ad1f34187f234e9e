// Drives the simulated cluster through raw API calls only (not hcp-kv's steps): every operator, then one
// hosted cluster, checked through the API and through the hosted cluster's own admin kubeconfig.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { SimClient } from '../../../src/sim/controllers/client.js';
import { call } from '../../helpers/https.js';
import { condTrue, create, get, mergePatch, pathOf, waitUntil } from '../../helpers/sim-api.js';

// What the real HostedCluster CRD requires: the four published services and the managed etcd's storage.
const SERVICES = ['APIServer', 'OAuthServer', 'Konnectivity', 'Ignition'].map((service) => ({ service, servicePublishingStrategy: { type: service === 'APIServer' ? 'LoadBalancer' : 'Route' } }));
const ETCD = { managementType: 'Managed', managed: { storage: { type: 'PersistentVolume', persistentVolume: { size: '8Gi' } } } };

const OLM = 'operators.coreos.com/v1alpha1';
const pullSecret = Buffer.from(JSON.stringify({ auths: { 'quay.io': { auth: 'eDp5' } } })).toString('base64');

async function subscribe(sim: Sim, ns: string, pkg: string, targetNamespaces = true): Promise<any> {
  await create(sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: ns } });
  await create(sim.api, 'operators.coreos.com/v1', 'operatorgroups', { kind: 'OperatorGroup', metadata: { name: ns, namespace: ns }, spec: targetNamespaces ? { targetNamespaces: [ns] } : {} });
  await create(sim.api, OLM, 'subscriptions', { kind: 'Subscription', metadata: { name: pkg, namespace: ns }, spec: { name: pkg, source: 'redhat-operators', sourceNamespace: 'openshift-marketplace', installPlanApproval: 'Automatic' } });
  const sub = await waitUntil(sim.api, OLM, 'subscriptions', pkg, ns, (s) => Boolean(s.status?.installedCSV));
  return waitUntil(sim.api, OLM, 'clusterserviceversions', sub.status.installedCSV, ns, (c) => c.status?.phase === 'Succeeded');
}

describe('simulated operators, full chain', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ profile: 'fast', timeScale: 0.5, mceVersion: '2.2.4' });
  });
  afterAll(() => sim.stop());

  it('installs every operator, prepares the cluster and runs a hosted cluster of 2 nodes', async () => {
    const t0 = Date.now();
    const api = sim.api;
    // Operators through OLM, in parallel as a person with several terminals would.
    const [lso, , cnvCsv, mlb, mceCsv] = await Promise.all([
      subscribe(sim, 'openshift-local-storage', 'local-storage-operator'),
      subscribe(sim, 'openshift-storage', 'odf-operator'),
      subscribe(sim, 'openshift-cnv', 'kubevirt-hyperconverged'),
      subscribe(sim, 'metallb-system', 'metallb-operator', false),
      subscribe(sim, 'multicluster-engine', 'multicluster-engine'),
    ]);
    expect(lso.status.phase).toBe('Succeeded');
    expect(mceCsv.metadata.name).toBe('multicluster-engine.v2.2.4');
    expect((await get(api, 'apps/v1', 'deployments', 'hco-operator', 'openshift-cnv')).status.conditions[0]).toMatchObject({ type: 'Available', status: 'True' });
    expect(cnvCsv.status.phase).toBe('Succeeded');
    expect(mlb.status.phase).toBe('Succeeded');

    // HyperConverged: refused while the webhook is not serving, then accepted.
    const hco = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: {} };
    let refusals = 0;
    for (;;) {
      const r = await call(api, 'POST', pathOf('hco.kubevirt.io/v1beta1', 'hyperconvergeds', 'openshift-cnv'), hco);
      if (r.status === 201) break;
      expect(r.status).toBe(500);
      expect(r.body.message).toMatch(/failed calling webhook/);
      refusals++;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(refusals).toBeGreaterThan(0);

    await create(api, 'local.storage.openshift.io/v1alpha1', 'localvolumesets', { kind: 'LocalVolumeSet', metadata: { name: 'lvset', namespace: 'openshift-local-storage' }, spec: { storageClassName: 'lvset', volumeMode: 'Block' } });
    await create(api, 'ocs.openshift.io/v1', 'storageclusters', { kind: 'StorageCluster', metadata: { name: 'ocs-storagecluster', namespace: 'openshift-storage' }, spec: {} });
    await waitUntil(api, 'ocs.openshift.io/v1', 'storageclusters', 'ocs-storagecluster', 'openshift-storage', (s) => s.status?.phase === 'Ready');
    expect(await get(api, 'storage.k8s.io/v1', 'storageclasses', 'lvset')).toBeTruthy();
    await mergePatch(api, 'storage.k8s.io/v1', 'storageclasses', 'ocs-storagecluster-ceph-rbd', undefined, { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });

    await create(api, 'metallb.io/v1beta1', 'metallbs', { kind: 'MetalLB', metadata: { name: 'metallb', namespace: 'metallb-system' } });
    await create(api, 'metallb.io/v1beta1', 'ipaddresspools', { kind: 'IPAddressPool', metadata: { name: 'pool', namespace: 'metallb-system' }, spec: { addresses: ['192.0.2.10-192.0.2.20'] } });
    await create(api, 'metallb.io/v1beta1', 'l2advertisements', { kind: 'L2Advertisement', metadata: { name: 'adv', namespace: 'metallb-system' }, spec: { ipAddressPools: ['pool'] } });

    // MCE 2.2: HyperShift is a preview component, off until the override enables it.
    await create(api, 'multicluster.openshift.io/v1', 'multiclusterengines', { kind: 'MultiClusterEngine', metadata: { name: 'multiclusterengine' }, spec: {} });
    await waitUntil(api, 'multicluster.openshift.io/v1', 'multiclusterengines', 'multiclusterengine', undefined, (m) => m.status?.phase === 'Available');
    const addonOff = await waitUntil(api, 'addon.open-cluster-management.io/v1alpha1', 'managedclusteraddons', 'hypershift-addon', 'local-cluster', () => true, 1000).catch(() => undefined);
    expect(addonOff).toBeUndefined();
    await mergePatch(api, 'multicluster.openshift.io/v1', 'multiclusterengines', 'multiclusterengine', undefined, { spec: { overrides: { components: [{ name: 'hypershift-preview', enabled: true }] } } });
    await waitUntil(api, 'cluster.open-cluster-management.io/v1', 'managedclusters', 'local-cluster', undefined, condTrue('ManagedClusterJoined'));
    await waitUntil(api, 'addon.open-cluster-management.io/v1alpha1', 'managedclusteraddons', 'hypershift-addon', 'local-cluster', condTrue('Available'));
    await waitUntil(api, 'apps/v1', 'deployments', 'operator', 'hypershift', condTrue('Available'));
    const versions = JSON.parse((await get(api, 'v1', 'configmaps', 'supported-versions', 'hypershift')).data['supported-versions']).versions;
    expect(versions).toContain('4.12');
    await waitUntil(api, 'hco.kubevirt.io/v1beta1', 'hyperconvergeds', 'kubevirt-hyperconverged', 'openshift-cnv', condTrue('Available'));
    await mergePatch(api, 'operator.openshift.io/v1', 'ingresscontrollers', 'default', 'openshift-ingress-operator', { spec: { routeAdmission: { wildcardPolicy: 'WildcardsAllowed' } } });
    const bootstrapMs = Date.now() - t0;

    // A hosted cluster of two KubeVirt workers.
    const t1 = Date.now();
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'clusters' } });
    await create(api, 'v1', 'secrets', { kind: 'Secret', metadata: { name: 'kv-00-pull-secret', namespace: 'clusters' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': pullSecret } });
    const image = 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64';
    await create(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', {
      kind: 'HostedCluster',
      metadata: { name: 'kv-00', namespace: 'clusters' },
      spec: {
        release: { image },
        pullSecret: { name: 'kv-00-pull-secret' },
        infraID: 'kv-00-abcde',
        platform: { type: 'KubeVirt', kubevirt: {} },
        networking: { networkType: 'OVNKubernetes' },
        services: SERVICES,
        dns: { baseDomain: '' },
        etcd: ETCD,
      },
    });
    await create(api, 'hypershift.openshift.io/v1beta1', 'nodepools', {
      kind: 'NodePool',
      metadata: { name: 'kv-00', namespace: 'clusters' },
      spec: { clusterName: 'kv-00', replicas: 2, release: { image }, platform: { type: 'KubeVirt', kubevirt: { compute: { cores: 2, memory: '8Gi' } } }, management: { upgradeType: 'Replace' } },
    });
    const hc = await waitUntil(api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-00', 'clusters', (h) => h.status?.version?.history?.[0]?.state === 'Completed', 30_000);
    const hostedMs = Date.now() - t1;
    expect(hc.status.conditions.find((c: any) => c.type === 'Available')).toMatchObject({ status: 'True', message: 'The hosted control plane is available' });
    await waitUntil(api, 'hypershift.openshift.io/v1beta1', 'nodepools', 'kv-00', 'clusters', condTrue('Ready'));
    const vms = (await call(api, 'GET', `${pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kv-00')}?labelSelector=hypershift.openshift.io%2Fnodepool-name%3Dkv-00`)).body.items;
    expect(vms).toHaveLength(2);
    expect(vms.every((vm: any) => vm.status.ready === true && vm.metadata.labels['hypershift.openshift.io/infra-id'] === 'kv-00-abcde')).toBe(true);
    const pods = (await call(api, 'GET', pathOf('v1', 'pods', 'clusters-kv-00'))).body.items.map((p: any) => p.metadata.name);
    expect(pods).toEqual(expect.arrayContaining(['etcd-0', expect.stringMatching(/^kube-apiserver-/), expect.stringMatching(/^virt-launcher-kv-00-/)]));

    // The hosted cluster's own API, through its admin kubeconfig.
    const secret = await get(api, 'v1', 'secrets', hc.status.kubeconfig.name, 'clusters');
    const guest = SimClient.fromKubeconfig(Buffer.from(secret.data.kubeconfig, 'base64').toString('utf8'));
    const nodes = (await guest.list('v1', 'Node')).items;
    expect(nodes).toHaveLength(2);
    expect(nodes.every((n: any) => n.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True') && n.status.nodeInfo.kubeletVersion === 'v1.25.3')).toBe(true);
    const cos = (await guest.list('config.openshift.io/v1', 'ClusterOperator')).items;
    expect(cos.length).toBeGreaterThan(10);
    expect(cos.every((c: any) => c.status.conditions.some((x: any) => x.type === 'Available' && x.status === 'True'))).toBe(true);
    guest.close();

    // Delete: the control-plane namespace and the secrets hypershift made go with it.
    await call(api, 'DELETE', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', 'kv-00'));
    const deadline = Date.now() + 15_000;
    while ((await call(api, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', 'kv-00'))).status !== 404) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await call(api, 'GET', pathOf('v1', 'namespaces', undefined, 'clusters-kv-00'))).status).toBe(404);
    expect((await call(api, 'GET', pathOf('v1', 'secrets', 'clusters', 'kv-00-admin-kubeconfig'))).status).toBe(404);
    console.log(`fast profile ×0.5: operators + bootstrap objects ${bootstrapMs} ms, hosted cluster to Completed ${hostedMs} ms`);
  }, 120_000);
});
