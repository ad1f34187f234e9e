// The state of a freshly installed bare-metal OpenShift cluster: version, infrastructure, ingress, nodes, the
// OLM APIs (the catalog: marketplace.ts). No default StorageClass.
import type { Obj } from './client.js';
import { condition, now, type Controller, type SimContext } from './runtime.js';

const APPS_DOMAIN = 'apps.mgmt.example.com';

async function ensureApi(ctx: SimContext, apiVersion: string, kind: string, crd: string): Promise<void> {
  if (!(await ctx.client.hasResource(apiVersion, kind))) await ctx.registerCrds([crd]);
}

export const base: Controller = {
  name: 'base',
  async start(ctx) {
    const c = ctx.client;
    // On a real kube-apiserver these OpenShift APIs are missing: provide stand-in CRDs.
    await ensureApi(ctx, 'config.openshift.io/v1', 'ClusterVersion', 'clusterversions.config.openshift.io');
    await ensureApi(ctx, 'config.openshift.io/v1', 'Infrastructure', 'infrastructures.config.openshift.io');
    await ensureApi(ctx, 'config.openshift.io/v1', 'Ingress', 'ingresses.config.openshift.io');
    await ensureApi(ctx, 'route.openshift.io/v1', 'Route', 'routes.route.openshift.io');
    await ctx.registerCrds([
      'subscriptions.operators.coreos.com',
      'operatorgroups.operators.coreos.com',
      'clusterserviceversions.operators.coreos.com',
      'installplans.operators.coreos.com',
      'catalogsources.operators.coreos.com',
      'ingresscontrollers.operator.openshift.io',
    ]);

    const version = ctx.versions.ocp;
    const image = `quay.io/openshift-release-dev/ocp-release:${version}-x86_64`;
    const cv = await c.ensure({
      apiVersion: 'config.openshift.io/v1',
      kind: 'ClusterVersion',
      metadata: { name: 'version' },
      spec: { clusterID: '00000000-0000-4000-8000-000000000001', channel: `stable-${version.split('.').slice(0, 2).join('.')}` },
    });
    if (cv) {
      await c.patchStatus(cv as Obj, {
        desired: { version, image },
        history: [{ state: 'Completed', version, image, startedTime: now(), completionTime: now(), verified: false }],
        observedGeneration: 1,
        versionHash: 'sim',
        availableUpdates: [],
        conditions: [condition('Available', true, 'Done', `Done applying ${version}`), condition('Progressing', false, 'Done', `Cluster version is ${version}`), condition('Failing', false, 'AsExpected', '')],
      });
    }
    const infra = await c.ensure({ apiVersion: 'config.openshift.io/v1', kind: 'Infrastructure', metadata: { name: 'cluster' }, spec: { platformSpec: { type: 'BareMetal' } } });
    if (infra)
      await c.patchStatus(infra as Obj, {
        platform: 'BareMetal',
        platformStatus: { type: 'BareMetal' },
        infrastructureName: 'mgmt-sim',
        apiServerURL: c.server,
        apiServerInternalURI: c.server,
        controlPlaneTopology: 'HighlyAvailable',
        infrastructureTopology: 'HighlyAvailable',
        etcdDiscoveryDomain: '',
      });
    await c.ensure({ apiVersion: 'config.openshift.io/v1', kind: 'Ingress', metadata: { name: 'cluster' }, spec: { domain: APPS_DOMAIN } });

    for (const ns of ['openshift-marketplace', 'openshift-ingress-operator', 'openshift-ingress', 'openshift-operators', 'openshift-config-managed']) {
      await c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    const ic = await c.ensure({ apiVersion: 'operator.openshift.io/v1', kind: 'IngressController', metadata: { name: 'default', namespace: 'openshift-ingress-operator' }, spec: { replicas: 2 } });
    if (ic)
      await c.patchStatus(ic as Obj, {
        domain: APPS_DOMAIN,
        availableReplicas: 2,
        selector: 'ingresscontroller.operator.openshift.io/deployment-ingresscontroller=default',
        conditions: [condition('Available', true, 'AsExpected', 'The deployment has Available status condition set to True')],
      });

    for (let i = 0; i < 3 + ctx.workers; i++) {
      const master = i < 3;
      const name = master ? `master-${i}` : `worker-${i - 3}`;
      const node = await c.ensure({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'kubernetes.io/hostname': name, [`node-role.kubernetes.io/${master ? 'master' : 'worker'}`]: '', ...(master ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
        spec: master ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] } : {},
      });
      // maxPods 500: the KubeletConfig the hosted control plane sizing guidance recommends for management clusters.
      if (node)
        await c.patchStatus(node as Obj, {
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now(), lastTransitionTime: now() }],
          nodeInfo: {
            kubeletVersion: 'v1.25.4+a34b9e9',
            osImage: 'Red Hat Enterprise Linux CoreOS',
            architecture: 'amd64',
            operatingSystem: 'linux',
            containerRuntimeVersion: 'cri-o://1.25.1',
            kernelVersion: '4.18.0',
            kubeProxyVersion: 'v1.25.4',
            machineID: name,
            systemUUID: name,
            bootID: name,
          },
          capacity: { cpu: '32', memory: '131072Mi', pods: '500' },
          allocatable: { cpu: '31500m', memory: '128000Mi', pods: '500' },
        });
    }

    // The redhat-operators CatalogSource and its PackageManifests: marketplace.ts.
    // Multus comes with OpenShift's cluster network operator: secondary networks are always defined.
    await ensureApi(ctx, 'k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition', 'network-attachment-definitions.k8s.cni.cncf.io');
  },
};
