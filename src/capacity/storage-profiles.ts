// What a StorageClass offers, as CDI's StorageProfile of the same name says (status.claimPropertySets, filled from
// CDI's capability table, kubevirt/containerized-data-importer
// pkg/storagecapabilities/storagecapabilities.go@007b952e02021628ee44da7ccdb2154c0166e8a9), and the etcd class's
// verdict. etcd's volumes are one ReadWriteOnce Filesystem claim per member (openshift/hypershift
// control-plane-operator/controllers/hostedcontrolplane/v2/assets/etcd/statefulset.yaml@3ee9615567acffaf3e3ee25c2ca2942d650565cf:
// volumeClaimTemplates accessModes [ReadWriteOnce], volumeMode Filesystem, 8Gi): RWX and Block are not needed for
// etcd — its members never live-migrate, each keeps its own volume — unlike the VMs' root volumes, where RWX is
// what live migration needs (openshift/openshift-docs modules/hcp-virt-map-storage.adoc@5a8a5e897b52703000927e510f04d99cdc588733).
// A class whose profile offers only Block cannot bind etcd's Filesystem claim: the control plane would never start.
import type { Kube, KubeObject } from '../kube/types.js';
import { parseSettings, SETTINGS_REF } from '../manifests/placement.js';
import type { Finding } from './finding.js';

export type ClaimPropertySet = { accessModes?: string[]; volumeMode?: string };
type StorageProfile = KubeObject & { status?: { claimPropertySets?: ClaimPropertySet[] } };
type StorageClass = KubeObject & { provisioner?: string };

const DOC = 'the etcd StatefulSet of HyperShift asks ReadWriteOnce Filesystem';

export const isDefaultClass = (c: KubeObject) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';

/** The profile's claim property sets; undefined when CDI has no profile for the class or has not filled it. */
export async function claimPropertySets(kube: Kube, className: string): Promise<ClaimPropertySet[] | undefined> {
  if (!(await kube.hasKind('cdi.kubevirt.io/v1beta1', 'StorageProfile'))) return undefined;
  const profile = await kube.get<StorageProfile>({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'StorageProfile', name: className });
  const sets = profile?.status?.claimPropertySets;
  return sets?.length ? sets : undefined;
}

/** The modes in words: "ReadWriteMany Block, ReadWriteOnce Filesystem". */
export const modesText = (sets: ClaimPropertySet[]) => sets.map((s) => `${(s.accessModes ?? []).join('/') || '?'} ${s.volumeMode ?? 'Filesystem'}`).join(', ');

/** Pure: the verdict for etcd on a class whose profile offers `sets`. */
export function etcdModesFinding(className: string, sets: ClaimPropertySet[]): Finding {
  const fs = sets.some((s) => (s.volumeMode ?? 'Filesystem') === 'Filesystem' && (s.accessModes ?? []).some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteMany'));
  const rwx = sets.some((s) => s.accessModes?.includes('ReadWriteMany'));
  if (fs) {
    return {
      id: 'etcd-storage-modes',
      ok: true,
      severity: 'refuse',
      message: `etcd StorageClass ${className} offers ReadWriteOnce Filesystem, what etcd's volumes ask (${rwx ? 'its ReadWriteMany is not used by etcd' : 'no ReadWriteMany needed: etcd members do not live-migrate'})`,
    };
  }
  return {
    id: 'etcd-storage-modes',
    ok: false,
    severity: 'refuse',
    message: `etcd StorageClass ${className} offers only ${modesText(sets)} (CDI StorageProfile ${className}): etcd's volumes ask ReadWriteOnce Filesystem (${DOC}), so they would never bind and the control plane never start`,
    hint: 'pick a class that offers Filesystem volumes: --etcd-storage-class NAME (e.g. lvms-vg1 or ocs-storagecluster-ceph-rbd), or fix the StorageProfile if it is wrong',
  };
}

/** The etcd class create-cluster would use: given, else recorded by bootstrap, else the default class. */
export async function etcdClassName(kube: Kube, given: string | undefined): Promise<string | undefined> {
  if (given) return given;
  const recorded = parseSettings((await kube.get<KubeObject & { data?: Record<string, string> }>(SETTINGS_REF))?.data).etcdStorageClass;
  if (recorded) return recorded;
  return (await kube.list<StorageClass>('storage.k8s.io/v1', 'StorageClass')).find(isDefaultClass)?.metadata.name;
}

export async function etcdModes(management: Kube, given: string | undefined): Promise<Finding[]> {
  const name = await etcdClassName(management, given);
  if (!name) return [];
  const sets = await claimPropertySets(management, name);
  return sets ? [etcdModesFinding(name, sets)] : [];
}
