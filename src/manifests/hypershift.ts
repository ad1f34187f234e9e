// What `hcp create cluster kubevirt --render` produces (openshift/hypershift cmd/cluster/core/create.go and
// cmd/cluster/kubevirt/create.go @3ee9615567), as pure functions: no clock, no randomness, no I/O — infraID
// and the etcd encryption key come in from outside. Like upstream, the infraID label is added at apply time
// (withInfraLabel), not in the rendered objects.
import type { NodePoolSettings } from '../config/nodepool-flags.js';
import type { KubeObject } from '../kube/types.js';
import { namespace } from './core.js';
import { HS_API, nodePoolManifest } from './nodepool.js';

export { HS_API };
export const INFRA_LABEL = 'hypershift.openshift.io/auto-created-for-infra';
export const SAFE_TO_DELETE = 'hypershift.openshift.io/safe-to-delete-with-cluster';

export type AvailabilityPolicy = 'SingleReplica' | 'HighlyAvailable';
export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}
export interface ClassMapping {
  infra: string;
  guest: string;
  group?: string;
}

export interface ClusterSpec {
  name: string;
  namespace: string;
  infraID: string;
  releaseImage: string;
  /** Below 0: no NodePool (upstream --node-pool-replicas semantics). */
  replicas: number;
  arch: string;
  nodePool: NodePoolSettings;
  controllerAvailabilityPolicy: AvailabilityPolicy;
  /** Only from --infra-availability-policy; absent means the API default (SingleReplica). */
  infrastructureAvailabilityPolicy?: AvailabilityPolicy;
  etcdStorageClass?: string;
  etcdStorageSize: string;
  networkType: string;
  clusterCIDR: string[];
  serviceCIDR: string[];
  machineCIDR: string[];
  baseDomain: string; // '' → the management cluster's apps domain (passthrough)
  baseDomainPrefix?: string;
  externalDNSDomain?: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  podsLabels?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  tolerations: Toleration[];
  imageContentSources?: Array<{ source: string; mirrors?: string[] }>;
  /** PEM content of --additional-trust-bundle (ConfigMap user-ca-bundle). */
  additionalTrustBundle?: string;
  fips: boolean;
  olmCatalogPlacement: 'management' | 'guest';
  olmDisableDefaultSources: boolean;
  featureSet?: 'TechPreviewNoUpgrade' | 'DevPreviewNoUpgrade';
  enableCapabilities: string[];
  disableCapabilities: string[];
  storageClassMapping: ClassMapping[];
  volumeSnapshotClassMapping: ClassMapping[];
  /** External infrastructure: the namespace there; the kubeconfig goes in ClusterSecrets. */
  infraNamespace?: string;
  pausedUntil?: string;
  kasDnsName?: string;
  disableMultiNetwork: boolean;
  ovnKubernetesMTU?: number;
  allocateNodeCIDRs: boolean;
}

export interface ClusterSecrets {
  pullSecret: string; // the .dockerconfigjson content
  sshPublicKey?: string;
  sshPrivateKey?: string; // --generate-ssh
  etcdEncryptionKey: string; // base64 of 32 random bytes
  infraKubeconfig?: string;
}

export const secretNames = (name: string) => ({ pullSecret: `${name}-pull-secret`, sshKey: `${name}-ssh-key`, etcdKey: `${name}-etcd-encryption-key`, infraCredentials: `${name}-infra-credentials` });

const SAFE = { [SAFE_TO_DELETE]: 'true' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function secret(name: string, ns: string, data: Record<string, string>, opaque = false): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns, labels: { ...SAFE } }, data, ...(opaque ? { type: 'Opaque' } : {}) };
}

/** Upstream order: pull secret, ssh key, infra credentials, etcd key. */
export function clusterSecrets(s: ClusterSpec, k: ClusterSecrets): KubeObject[] {
  const n = secretNames(s.name);
  const out = [secret(n.pullSecret, s.namespace, { '.dockerconfigjson': b64(k.pullSecret) })];
  if (k.sshPublicKey) out.push(secret(n.sshKey, s.namespace, { 'id_rsa.pub': b64(k.sshPublicKey), ...(k.sshPrivateKey ? { id_rsa: b64(k.sshPrivateKey) } : {}) }));
  if (k.infraKubeconfig !== undefined) out.push(secret(n.infraCredentials, s.namespace, { kubeconfig: b64(k.infraKubeconfig) }, true));
  out.push(secret(n.etcdKey, s.namespace, { key: k.etcdEncryptionKey }, true));
  return out;
}

/** GetIngressServicePublishingStrategyMapping: sorted by service name; APIServer is a Route with external DNS. */
export function services(s: Pick<ClusterSpec, 'externalDNSDomain'>): Array<{ service: string; servicePublishingStrategy: { type: string } }> {
  const api = s.externalDNSDomain ? 'Route' : 'LoadBalancer';
  return [
    { service: 'APIServer', servicePublishingStrategy: { type: api } },
    { service: 'Ignition', servicePublishingStrategy: { type: 'Route' } },
    { service: 'Konnectivity', servicePublishingStrategy: { type: 'Route' } },
    { service: 'OAuthServer', servicePublishingStrategy: { type: 'Route' } },
  ];
}

const mapping = (m: ClassMapping, infraKey: string, guestKey: string) => ({ [infraKey]: m.infra, [guestKey]: m.guest, ...(m.group ? { group: m.group } : {}) });

function kubevirtPlatform(s: ClusterSpec): Record<string, unknown> {
  const manual = {
    ...(s.storageClassMapping.length ? { storageClassMapping: s.storageClassMapping.map((m) => mapping(m, 'infraStorageClassName', 'guestStorageClassName')) } : {}),
    ...(s.volumeSnapshotClassMapping.length ? { volumeSnapshotClassMapping: s.volumeSnapshotClassMapping.map((m) => mapping(m, 'infraVolumeSnapshotClassName', 'guestVolumeSnapshotClassName')) } : {}),
  };
  return {
    ...(s.baseDomain ? {} : { baseDomainPassthrough: true }),
    ...(s.infraNamespace ? { credentials: { infraKubeConfigSecret: { name: secretNames(s.name).infraCredentials, key: 'kubeconfig' }, infraNamespace: s.infraNamespace } } : {}),
    ...(Object.keys(manual).length ? { storageDriver: { type: 'Manual', manual } } : {}),
  };
}

function networking(s: ClusterSpec): Record<string, unknown> {
  return {
    networkType: s.networkType,
    clusterNetwork: s.clusterCIDR.map((cidr) => ({ cidr })),
    serviceNetwork: s.serviceCIDR.map((cidr) => ({ cidr })),
    ...(s.machineCIDR.length ? { machineNetwork: s.machineCIDR.map((cidr) => ({ cidr })) } : {}),
    ...(s.allocateNodeCIDRs ? { allocateNodeCIDRs: 'Enabled' } : {}),
  };
}

function configuration(s: ClusterSpec): Record<string, unknown> {
  return {
    ...(s.featureSet ? { featureGate: { featureSet: s.featureSet } } : {}),
    ...(s.olmDisableDefaultSources ? { operatorhub: { disableAllDefaultSources: true } } : {}),
  };
}

function operatorConfiguration(s: ClusterSpec): Record<string, unknown> | undefined {
  if (!s.disableMultiNetwork && !s.ovnKubernetesMTU) return undefined;
  return { clusterNetworkOperator: { ...(s.disableMultiNetwork ? { disableMultiNetwork: true } : {}), ...(s.ovnKubernetesMTU ? { ovnKubernetesConfig: { mtu: s.ovnKubernetesMTU } } : {}) } };
}

export function hostedCluster(s: ClusterSpec, hasSshKey: boolean): KubeObject {
  const n = secretNames(s.name);
  const opConfig = operatorConfiguration(s);
  const metadata = { name: s.name, namespace: s.namespace, ...(Object.keys(s.annotations).length ? { annotations: s.annotations } : {}), ...(Object.keys(s.labels).length ? { labels: s.labels } : {}) };
  return {
    apiVersion: HS_API,
    kind: 'HostedCluster',
    metadata,
    spec: {
      release: { image: s.releaseImage },
      pullSecret: { name: n.pullSecret },
      sshKey: hasSshKey ? { name: n.sshKey } : {},
      infraID: s.infraID,
      dns: { baseDomain: s.baseDomain, ...(s.baseDomainPrefix !== undefined ? { baseDomainPrefix: s.baseDomainPrefix } : {}) },
      controllerAvailabilityPolicy: s.controllerAvailabilityPolicy,
      ...(s.infrastructureAvailabilityPolicy ? { infrastructureAvailabilityPolicy: s.infrastructureAvailabilityPolicy } : {}),
      etcd: {
        managementType: 'Managed',
        managed: { storage: { type: 'PersistentVolume', persistentVolume: { size: s.etcdStorageSize, ...(s.etcdStorageClass ? { storageClassName: s.etcdStorageClass } : {}) } } },
      },
      networking: networking(s),
      platform: { type: 'KubeVirt', kubevirt: kubevirtPlatform(s) },
      services: services(s),
      secretEncryption: { type: 'aescbc', aescbc: { activeKey: { name: n.etcdKey } } },
      olmCatalogPlacement: s.olmCatalogPlacement,
      fips: s.fips,
      autoscaling: {},
      capabilities: { ...(s.enableCapabilities.length ? { enabled: s.enableCapabilities } : {}), ...(s.disableCapabilities.length ? { disabled: s.disableCapabilities } : {}) },
      configuration: configuration(s),
      ...(opConfig ? { operatorConfiguration: opConfig } : {}),
      ...(s.nodeSelector ? { nodeSelector: s.nodeSelector } : {}),
      ...(s.podsLabels ? { labels: s.podsLabels } : {}),
      ...(s.tolerations.length ? { tolerations: s.tolerations } : {}),
      ...(s.imageContentSources?.length ? { imageContentSources: s.imageContentSources } : {}),
      ...(s.additionalTrustBundle !== undefined ? { additionalTrustBundle: { name: 'user-ca-bundle' } } : {}),
      ...(s.pausedUntil ? { pausedUntil: s.pausedUntil } : {}),
      ...(s.kasDnsName ? { kubeAPIServerDNSName: s.kasDnsName } : {}),
    },
  };
}

export function nodePool(s: ClusterSpec): KubeObject {
  const np = nodePoolManifest({
    name: s.name,
    namespace: s.namespace,
    clusterName: s.name,
    replicas: s.replicas,
    releaseImage: s.releaseImage,
    arch: s.arch,
    pool: s.nodePool,
  });
  return s.pausedUntil ? { ...np, spec: { ...(np.spec as object), pausedUntil: s.pausedUntil } } : np;
}

export function controlPlaneNamespace(ns: string, name: string): string {
  return `${ns}-${name}`.replace(/\./g, '-');
}

/**
 * Releases before 4.12.2 have no default ingress passthrough (docs/content/how-to/kubevirt/ingress-and-dns.md):
 * a Service selecting the cluster's virt-launcher pods whose target ports are the NodePorts of the hosted
 * cluster's openshift-ingress/router-nodeport-default Service, and a wildcard passthrough Route to it.
 */
export function ingressPassthrough(s: Pick<ClusterSpec, 'name' | 'namespace' | 'infraID' | 'baseDomain'>, appsDomain: string, nodePorts: { http: number; https: number }): KubeObject[] {
  const ns = controlPlaneNamespace(s.namespace, s.name);
  const base = s.baseDomain || appsDomain;
  const labels = { [INFRA_LABEL]: s.infraID };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${s.name}-apps-ingress`, namespace: ns, labels },
      spec: {
        type: 'ClusterIP',
        selector: { 'kubevirt.io': 'virt-launcher', 'hypershift.openshift.io/infra-id': s.infraID },
        ports: [
          { name: 'https-443', port: 443, targetPort: nodePorts.https, protocol: 'TCP' },
          { name: 'http-80', port: 80, targetPort: nodePorts.http, protocol: 'TCP' },
        ],
      },
    },
    {
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: `${s.name}-apps-ingress`, namespace: ns, labels },
      spec: { host: `data.apps.${s.name}.${base}`, wildcardPolicy: 'Subdomain', tls: { termination: 'passthrough' }, to: { kind: 'Service', name: `${s.name}-apps-ingress`, weight: 100 }, port: { targetPort: 'https-443' } },
    },
  ];
}

/** user-ca-bundle ConfigMap of --additional-trust-bundle. */
function trustBundle(s: ClusterSpec): KubeObject[] {
  if (s.additionalTrustBundle === undefined) return [];
  return [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'user-ca-bundle', namespace: s.namespace }, data: { 'ca-bundle.crt': s.additionalTrustBundle } }];
}

/** Upstream's order: Namespace, trust bundle, secrets, HostedCluster, NodePool (none with replicas < 0). */
export function clusterManifests(s: ClusterSpec, k: ClusterSecrets): KubeObject[] {
  return [namespace(s.namespace), ...trustBundle(s), ...clusterSecrets(s, k), hostedCluster(s, Boolean(k.sshPublicKey)), ...(s.replicas >= 0 ? [nodePool(s)] : [])];
}

/** What upstream's apply adds to every object; the shared Namespace keeps no single cluster's label. */
export function withInfraLabel(objects: KubeObject[], infraID: string): KubeObject[] {
  return objects.map((o) => (o.kind === 'Namespace' ? o : { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [INFRA_LABEL]: infraID } } }));
}
