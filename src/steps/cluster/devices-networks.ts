// Preflight for host devices and secondary networks (docs: kubevirt/gpu-devices.md, configuring-network.md),
// shared by create-cluster and nodepool create. Read-only; usage errors (exit 2) name the flag:
// - each --host-device-name is permitted in HyperConverged (spec.permittedHostDevices) and some node the
//   VMs may run on (selector, taints) advertises at least `count` of it as allocatable;
// - each --additional-network names a NetworkAttachmentDefinition that exists.
import { usageError } from '../../errors.js';
import type { Kube, KubeObject } from '../../kube/types.js';
import { admits, matchesSelector, type NodeLike } from '../../manifests/placement.js';

export const HCO_REF = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' } as const;

type Hco = KubeObject & { spec?: { permittedHostDevices?: { pciHostDevices?: Array<{ resourceName: string; disabled?: boolean }>; mediatedDevices?: Array<{ resourceName: string; disabled?: boolean }> } } };
type Node = KubeObject & NodeLike & { status?: { allocatable?: Record<string, string>; conditions?: Array<{ type: string; status: string }> } };

export interface VmPlacement {
  nodeSelector?: Record<string, string>;
  hostDevices?: Array<{ deviceName: string; count: number }>;
  additionalNetworks?: Array<{ name: string }>;
}

/** The resource names HyperConverged permits (enabled PCI and mediated devices). */
export function permittedDevices(hco: Hco | undefined): string[] {
  const p = hco?.spec?.permittedHostDevices;
  return [...(p?.pciHostDevices ?? []), ...(p?.mediatedDevices ?? [])].filter((d) => !d.disabled).map((d) => d.resourceName);
}

export async function checkDevicesAndNetworks(kube: Kube, vm: VmPlacement): Promise<string[]> {
  const notes: string[] = [];
  if (vm.hostDevices?.length) {
    const permitted = permittedDevices(await kube.get<Hco>(HCO_REF));
    const nodes = (await kube.list<Node>('v1', 'Node')).filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && admits(n, []) && (!vm.nodeSelector || matchesSelector(n, vm.nodeSelector)));
    for (const d of vm.hostDevices) {
      if (!permitted.includes(d.deviceName)) {
        throw usageError(
          `--host-device-name ${d.deviceName} is not permitted in HyperConverged ${HCO_REF.namespace}/${HCO_REF.name} (permitted: ${permitted.join(', ') || 'none'})`,
          `permit it first: hcp-kv bootstrap --permitted-host-device pciVendorSelector=VVVV:DDDD,resourceName=${d.deviceName}`,
        );
      }
      const holders = nodes.filter((n) => Number(n.status?.allocatable?.[d.deviceName] ?? 0) >= d.count);
      if (!holders.length) {
        throw usageError(
          `--host-device-name ${d.deviceName},count:${d.count}: no node the VMs may run on has ${d.count} ${d.deviceName} allocatable`,
          'the device must be exposed as an extended resource on a worker (e.g. by the NVIDIA GPU Operator); check `oc describe node` Allocatable, and --vm-node-selector',
        );
      }
      notes.push(`${d.deviceName}×${d.count} on ${holders.map((n) => n.metadata.name).join(', ')}`);
    }
  }
  for (const net of vm.additionalNetworks ?? []) {
    const [namespace, name] = net.name.split('/') as [string, string];
    const served = await kube.hasKind('k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition');
    const nad = served ? await kube.get({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', name, namespace }) : undefined;
    if (!nad)
      throw usageError(
        `--additional-network name:${net.name}: NetworkAttachmentDefinition ${net.name} does not exist${served ? '' : ' (the cluster does not serve NetworkAttachmentDefinitions)'}`,
        `create it in namespace ${namespace} first (oc get network-attachment-definitions -A)`,
      );
    notes.push(`network ${net.name}`);
  }
  return notes;
}
