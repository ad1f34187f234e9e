import type { KubeObject } from '../kube/types.js';

const NS = 'metallb-system';

export function metalLB(): KubeObject {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'MetalLB', metadata: { name: 'metallb', namespace: NS } };
}

export function ipAddressPool(name: string, addresses: string[]): KubeObject {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: NS }, spec: { addresses, autoAssign: true } };
}

export function l2Advertisement(name: string, pools: string[]): KubeObject {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name, namespace: NS }, spec: { ipAddressPools: pools } };
}
