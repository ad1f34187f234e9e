import type { PciHostDevice } from '../config/bootstrap.js';
import type { KubeObject } from '../kube/types.js';

/**
 * HyperConverged `kubevirt-hyperconverged` (v1beta1: served by every released OpenShift Virtualization), with
 * the PCI host devices (GPUs) VMs may request (docs: kubevirt/gpu-devices.md).
 */
export function hyperConverged(o: { permittedHostDevices?: PciHostDevice[] } = {}): KubeObject {
  const pci = o.permittedHostDevices ?? [];
  return { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: pci.length ? { permittedHostDevices: { pciHostDevices: pci } } : {} };
}

/** True when HyperConverged already permits every requested device (same selector and resource name). */
export function permitsAll(hco: { spec?: { permittedHostDevices?: { pciHostDevices?: PciHostDevice[] } } } | undefined, wanted: PciHostDevice[] = []): boolean {
  const have = hco?.spec?.permittedHostDevices?.pciHostDevices ?? [];
  return wanted.every((w) => have.some((h) => h.resourceName === w.resourceName && h.pciDeviceSelector.toUpperCase() === w.pciDeviceSelector && Boolean(h.externalResourceProvider) === Boolean(w.externalResourceProvider)));
}
