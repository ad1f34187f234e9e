// The HostedCluster and NodePool fields the API refuses to change after creation (CEL `self == oldSelf`
// rules in hostedcluster_types.go / nodepool_types.go @3ee9615567), compared before anything is sent so a
// re-run with a changed value stops with the field, its live value and the requested one. What the API lets
// change (infrastructureAvailabilityPolicy, the release image, replicas) a re-run simply applies.
import type { KubeObject } from '../kube/types.js';

interface Field {
  path: string;
  /** The value the API fills in when the field is left out. */
  default?: unknown;
}

export const IMMUTABLE_HOSTED_CLUSTER_FIELDS: Field[] = [
  { path: 'spec.controllerAvailabilityPolicy', default: 'SingleReplica' },
  { path: 'spec.etcd.managed.storage.persistentVolume.storageClassName' },
  { path: 'spec.etcd.managed.storage.persistentVolume.size', default: '8Gi' },
  { path: 'spec.networking.clusterNetwork' },
  { path: 'spec.networking.serviceNetwork' },
  { path: 'spec.networking.machineNetwork' },
  { path: 'spec.dns.baseDomain', default: '' },
  { path: 'spec.dns.baseDomainPrefix' },
  { path: 'spec.services' },
  { path: 'spec.infraID' },
  { path: 'spec.fips', default: false },
  { path: 'spec.olmCatalogPlacement', default: 'management' },
  { path: 'spec.capabilities', default: {} },
  { path: 'spec.platform.kubevirt.baseDomainPassthrough' },
  { path: 'spec.platform.kubevirt.storageDriver' },
  { path: 'spec.platform.kubevirt.credentials' },
];

export const IMMUTABLE_NODEPOOL_FIELDS: Field[] = [{ path: 'spec.arch', default: 'amd64' }, { path: 'spec.management.upgradeType' }];

function at(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}

/** JSON with sorted keys, so maps compare by content. */
export function canonical(v: unknown): string {
  if (v === undefined) return 'unset';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The live value holds everything requested; what it has beyond that the API server defaulted (e.g. the real
 * NodePool CRD's compute.qosClass: Burstable), which is not a difference. */
export function covers(live: unknown, desired: unknown): boolean {
  if (desired === undefined) return true;
  const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  if (isObject(desired) && isObject(live)) return Object.keys(desired).every((k) => covers(live[k], desired[k]));
  return canonical(live) === canonical(desired);
}

export interface ImmutableChange {
  object: string;
  path: string;
  live: string;
  requested: string;
}

/** The immutable fields whose requested value differs from the live one. */
export function immutableChanges(live: KubeObject | undefined, desired: KubeObject, fields: Field[]): ImmutableChange[] {
  if (!live) return [];
  const out: ImmutableChange[] = [];
  for (const f of fields) {
    const l = at(live, f.path) ?? f.default;
    const d = at(desired, f.path) ?? f.default;
    if (canonical(l) !== canonical(d)) out.push({ object: `${desired.kind} ${desired.metadata.namespace}/${desired.metadata.name}`, path: f.path, live: canonical(l), requested: canonical(d) });
  }
  return out;
}
