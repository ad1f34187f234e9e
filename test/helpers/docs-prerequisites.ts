// What the upstream docs' command lines assume exists on the management cluster, created on the embedded
// cluster so that create-cluster's preflight (node selectors match, StorageClasses, NetworkAttachmentDefinitions,
// permitted and allocatable host devices) passes: the docs' own prerequisites, not a way around the checks.
import type { ApiServer } from '../../src/sim/apiserver/index.js';
import { call } from './https.js';
import { create, mergePatch, pathOf } from './sim-api.js';

export const DOCS_STORAGE_CLASSES = ['infra-sc1', 'infra-sc2', 'infra-sca', 'infra-scb', 'infra-scc', 'local', 'lvms-vg1', 'other', 'a'];

export async function createDocsPrerequisites(api: ApiServer, o: { namespaces?: string[] } = {}): Promise<void> {
  // create-kubevirt-cluster.md: --vm-node-selector labelKey1=labelVal1,labeKey2=labelVal2
  await mergePatch(api, 'v1', 'nodes', 'worker-1', undefined, { metadata: { labels: { labelKey1: 'labelVal1', labeKey2: 'labelVal2' } } });
  // configuring-storage.md: the infra and etcd classes the examples name.
  for (const name of DOCS_STORAGE_CLASSES) await create(api, 'storage.k8s.io/v1', 'storageclasses', { kind: 'StorageClass', metadata: { name }, provisioner: 'kubernetes.io/no-provisioner' });
  // configuring-network.md: the NetworkAttachmentDefinitions.
  for (const [ns, nads] of [['my-namespace', ['network1', 'network2']], ...(o.namespaces ?? []).map((n) => [n, ['nad1']] as const)] as const) {
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: ns } });
    for (const name of nads)
      await create(api, 'k8s.cni.cncf.io/v1', 'network-attachment-definitions', { kind: 'NetworkAttachmentDefinition', metadata: { name, namespace: ns }, spec: { config: `{"cniVersion":"0.3.1","name":"${name}","type":"bridge"}` } });
  }
  // gpu-devices.md: nvidia-a100 exposed on a worker (device plugin) and permitted in HyperConverged.
  const r = await call(api, 'PATCH', pathOf('v1', 'nodes', undefined, 'worker-1', 'status'), { status: { allocatable: { 'nvidia-a100': '2' } } }, { contentType: 'application/merge-patch+json' });
  if (r.status !== 200) throw new Error(`patch worker-1 status: ${r.status} ${r.text}`);
  await mergePatch(api, 'hco.kubevirt.io/v1beta1', 'hyperconvergeds', 'kubevirt-hyperconverged', 'openshift-cnv', { spec: { permittedHostDevices: { pciHostDevices: [{ pciDeviceSelector: '10DE:20B5', resourceName: 'nvidia-a100' }] } } });
}
