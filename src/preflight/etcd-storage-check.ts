// doctor's etcd storage row. The docs (kubevirt/configuring-storage.md) ask for high-performance storage for
// etcd and prefer a local CSI driver such as LVM Storage; etcd on a network file system (NFS, CephFS) or an
// object store class is what they advise against. The class checked is the one create-cluster would use:
// recorded by bootstrap (--etcd-storage-class, or lvms-vg1 with --storage lvms), else the default class.
import type { Kube, KubeObject } from '../kube/types.js';
import { parseSettings, SETTINGS_REF } from '../manifests/placement.js';
import type { ConfigMap } from '../model/index.js';

export interface EtcdStorageVerdict {
  status: 'ok' | 'warn' | 'missing';
  detail: string;
  hint?: string;
}

type StorageClass = KubeObject & { provisioner?: string };

const ADVISED_AGAINST: Array<[RegExp, string]> = [
  [/nfs/i, 'NFS, a network file system'],
  [/cephfs/i, 'CephFS, a network file system'],
  [/bucket|obc|rgw|noobaa/i, 'an object store'],
  [/no-provisioner/, 'static local volumes without a provisioner'],
];

/** Pure: the verdict for etcd on `sc` (the name when it does not exist). */
export function etcdStorageVerdict(name: string | undefined, sc: StorageClass | undefined, source: string): EtcdStorageVerdict {
  const hint = 'use a low-latency local class: hcp-kv bootstrap --storage lvms (etcd on lvms-vg1), or --etcd-storage-class NAME';
  if (!name) return { status: 'missing', detail: 'no etcd StorageClass recorded and no default StorageClass', hint };
  if (!sc) return { status: 'missing', detail: `etcd StorageClass ${name} (${source}) does not exist`, hint };
  const provisioner = sc.provisioner ?? '';
  const bad = ADVISED_AGAINST.find(([re]) => re.test(provisioner) || re.test(name));
  if (bad) return { status: 'warn', detail: `etcd on ${name} (${source}, ${provisioner}): ${bad[1]}; the docs ask for low-latency storage for etcd`, hint };
  const local = /topolvm|lvms/.test(provisioner);
  return { status: 'ok', detail: `etcd on ${name} (${source}, ${provisioner})${local ? ': low-latency local storage' : '; LVM Storage is preferred for etcd'}` };
}

export async function etcdStorageCheck(kube: Kube): Promise<EtcdStorageVerdict> {
  const cm = await kube.get<ConfigMap>(SETTINGS_REF);
  const recorded = parseSettings(cm?.data).etcdStorageClass;
  const classes = await kube.list<StorageClass>('storage.k8s.io/v1', 'StorageClass');
  const fallback = classes.find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  const name = recorded ?? fallback;
  return etcdStorageVerdict(
    name,
    classes.find((c) => c.metadata.name === name),
    recorded ? `recorded in ${SETTINGS_REF.namespace}/${SETTINGS_REF.name}` : 'the default class',
  );
}
