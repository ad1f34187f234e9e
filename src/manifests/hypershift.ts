// What `hypershift create cluster kubevirt` renders, as pure functions: no clock, no randomness, no I/O —
// infraID and the etcd encryption key come in from outside.
import type { KubeObject } from '../kube/types.js';
import { namespace } from './core.js';

export const HS_API = 'hypershift.openshift.io/v1beta1';
export const INFRA_LABEL = 'hypershift.openshift.io/auto-created-for-infra';
export const SAFE_TO_DELETE = 'hypershift.openshift.io/safe-to-delete-with-cluster';

export interface ClusterSpec {
  name: string;
  namespace: string;
  infraID: string;
  releaseImage: string;
  replicas: number;
  memory: string;
  cores: number;
  rootVolumeSize: number; // Gi
  rootVolumeStorageClass?: string;
  rootVolumeAccessModes?: string[];
  rootVolumeVolumeMode?: 'Block' | 'Filesystem';
  etcdStorageClass?: string;
  storageClassMapping?: Array<{ infra: string; guest: string }>;
  vmNodeSelector?: Record<string, string>;
  availabilityPolicy: 'SingleReplica' | 'HighlyAvailable';
  baseDomain: string; // '' → the management cluster's apps domain (passthrough)
}

export interface ClusterSecrets {
  pullSecret: string; // the .dockerconfigjson content
  sshPublicKey?: string;
  etcdEncryptionKey: string; // base64 of 32 random bytes
}

export const secretNames = (name: string) => ({ pullSecret: `${name}-pull-secret`, sshKey: `${name}-ssh-key`, etcdKey: `${name}-etcd-encryption-key` });

function labels(s: ClusterSpec, secret = false): Record<string, string> {
  return { [INFRA_LABEL]: s.infraID, ...(secret ? { [SAFE_TO_DELETE]: 'true' } : {}) };
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function clusterSecrets(s: ClusterSpec, k: ClusterSecrets): KubeObject[] {
  const n = secretNames(s.name);
  const out: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: n.pullSecret, namespace: s.namespace, labels: labels(s, true) }, type: 'Opaque', data: { '.dockerconfigjson': b64(k.pullSecret) } },
  ];
  if (k.sshPublicKey) out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: n.sshKey, namespace: s.namespace, labels: labels(s, true) }, type: 'Opaque', data: { 'id_rsa.pub': b64(k.sshPublicKey) } });
  out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: n.etcdKey, namespace: s.namespace, labels: labels(s, true) }, type: 'Opaque', data: { key: k.etcdEncryptionKey } });
  return out;
}

const route = (service: string) => ({ service, servicePublishingStrategy: { type: 'Route' } });

export function hostedCluster(s: ClusterSpec, hasSshKey: boolean): KubeObject {
  const n = secretNames(s.name);
  return {
    apiVersion: HS_API,
    kind: 'HostedCluster',
    metadata: { name: s.name, namespace: s.namespace, labels: labels(s) },
    spec: {
      release: { image: s.releaseImage },
      pullSecret: { name: n.pullSecret },
      sshKey: hasSshKey ? { name: n.sshKey } : {},
      infraID: s.infraID,
      dns: { baseDomain: s.baseDomain },
      controllerAvailabilityPolicy: s.availabilityPolicy,
      infrastructureAvailabilityPolicy: s.availabilityPolicy,
      etcd: {
        managementType: 'Managed',
        managed: { storage: { type: 'PersistentVolume', persistentVolume: { size: '8Gi', ...(s.etcdStorageClass ? { storageClassName: s.etcdStorageClass } : {}) } } },
      },
      networking: { networkType: 'OVNKubernetes', clusterNetwork: [{ cidr: '10.132.0.0/14' }], serviceNetwork: [{ cidr: '172.31.0.0/16' }] },
      platform: {
        type: 'KubeVirt',
        kubevirt: {
          ...(s.baseDomain ? {} : { baseDomainPassthrough: true }),
          ...(s.storageClassMapping?.length ? { storageDriver: { type: 'Manual', manual: { storageClassMapping: s.storageClassMapping.map((m) => ({ infraStorageClassName: m.infra, guestStorageClassName: m.guest })) } } } : {}),
        },
      },
      services: [{ service: 'APIServer', servicePublishingStrategy: { type: 'LoadBalancer' } }, route('OAuthServer'), route('Konnectivity'), route('Ignition')],
      secretEncryption: { type: 'aescbc', aescbc: { activeKey: { name: n.etcdKey } } },
      olmCatalogPlacement: 'management',
      fips: false,
    },
  };
}

export function nodePool(s: ClusterSpec): KubeObject {
  return {
    apiVersion: HS_API,
    kind: 'NodePool',
    metadata: { name: s.name, namespace: s.namespace, labels: labels(s) },
    spec: {
      clusterName: s.name,
      replicas: s.replicas,
      arch: 'amd64',
      release: { image: s.releaseImage },
      management: { autoRepair: false, upgradeType: 'Replace' },
      nodeDrainTimeout: '0s',
      nodeVolumeDetachTimeout: '0s',
      platform: {
        type: 'KubeVirt',
        kubevirt: {
          attachDefaultNetwork: true,
          networkInterfaceMultiqueue: 'Enable',
          compute: { cores: s.cores, memory: s.memory },
          rootVolume: {
            type: 'Persistent',
            persistent: {
              size: `${s.rootVolumeSize}Gi`,
              ...(s.rootVolumeStorageClass ? { storageClass: s.rootVolumeStorageClass } : {}),
              ...(s.rootVolumeAccessModes ? { accessModes: s.rootVolumeAccessModes } : {}),
              ...(s.rootVolumeVolumeMode ? { volumeMode: s.rootVolumeVolumeMode } : {}),
            },
          },
          ...(s.vmNodeSelector ? { nodeSelector: s.vmNodeSelector } : {}),
        },
      },
    },
  };
}

export function controlPlaneNamespace(ns: string, name: string): string {
  return `${ns}-${name}`.replace(/\./g, '-');
}

/** Releases before 4.12.2 have no default ingress passthrough: a Service for the VMs' ports 80/443 and a wildcard passthrough Route. */
export function ingressPassthrough(s: ClusterSpec, appsDomain: string): KubeObject[] {
  const ns = controlPlaneNamespace(s.namespace, s.name);
  const base = s.baseDomain || appsDomain;
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${s.name}-apps-ingress`, namespace: ns, labels: labels(s) },
      spec: { type: 'ClusterIP', selector: { 'kubevirt.io': 'virt-launcher', [`hypershift.openshift.io/infra-id`]: s.infraID }, ports: [{ name: 'https-443', port: 443, targetPort: 443, protocol: 'TCP' }, { name: 'http-80', port: 80, targetPort: 80, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: `${s.name}-apps-ingress`, namespace: ns, labels: labels(s) },
      spec: { host: `data.apps.${s.name}.${base}`, wildcardPolicy: 'Subdomain', tls: { termination: 'passthrough' }, to: { kind: 'Service', name: `${s.name}-apps-ingress`, weight: 100 }, port: { targetPort: 'https-443' } },
    },
  ];
}

export function clusterManifests(s: ClusterSpec, k: ClusterSecrets): KubeObject[] {
  return [namespace(s.namespace), ...clusterSecrets(s, k), hostedCluster(s, Boolean(k.sshPublicKey)), nodePool(s)];
}
