// Preflight for storage per role on create-cluster: the etcd StorageClass and every infra StorageClass of
// --infra-storage-class-mapping must exist where they are used (the management cluster for etcd; the
// infrastructure cluster — the management cluster unless external — for the guest's volumes). A class that
// does not exist would leave etcd or the guest's PVCs Pending. Read-only; usage errors (exit 2).
import { usageError } from '../../errors.js';
import type { Kube } from '../../kube/types.js';
import type { ClassMapping } from '../../manifests/hypershift.js';

export async function checkStorageClasses(management: Kube, infra: Kube, o: { etcdStorageClass?: string; storageClassMapping: ClassMapping[]; recordedEtcd?: boolean }): Promise<void> {
  const names = async (kube: Kube) => new Set((await kube.list('storage.k8s.io/v1', 'StorageClass')).map((c) => c.metadata.name));
  if (o.etcdStorageClass) {
    const have = await names(management);
    if (!have.has(o.etcdStorageClass))
      throw usageError(
        `${o.recordedEtcd ? 'the recorded etcd StorageClass (hcp-kv/hcp-kv-settings)' : '--etcd-storage-class'} ${o.etcdStorageClass} does not exist on the management cluster`,
        `pick one of: ${[...have].join(', ') || 'none'} (oc get sc)`,
      );
  }
  if (o.storageClassMapping.length) {
    const have = await names(infra);
    const missing = o.storageClassMapping.find((m) => !have.has(m.infra));
    if (missing) throw usageError(`--infra-storage-class-mapping ${missing.infra}/${missing.guest}: StorageClass ${missing.infra} does not exist on the infrastructure cluster`, `map one of: ${[...have].join(', ') || 'none'} (oc get sc)`);
  }
}
