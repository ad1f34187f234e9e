// `hcp-kv nodepool list`: one row per NodePool, like `oc get nodepools`.
import { findCondition } from '../kube/conditions.js';
import type { Kube } from '../kube/types.js';
import { nodePoolsIn } from '../model/index.js';
import { renderTable } from '../output/table.js';
import { requireCluster } from '../steps/nodepool/context.js';

export async function listNodePools(kube: Kube, namespace: string, cluster?: string): Promise<Array<Record<string, string | number>>> {
  if (cluster) await requireCluster(kube, cluster, namespace);
  const pools = await nodePoolsIn(kube, namespace, cluster || undefined);
  return pools.map((np) => {
    const ready = findCondition(np, 'Ready');
    const updating = findCondition(np, 'UpdatingVersion');
    const problem = [findCondition(np, 'AllMachinesReady'), ready].find((c) => c?.status === 'False' && c.message);
    return {
      name: np.metadata.name,
      cluster: np.spec?.clusterName ?? '',
      desired: np.spec?.replicas ?? 0,
      current: np.status?.replicas ?? 0,
      autoRepair: String(np.spec?.management?.autoRepair ?? false),
      version: np.status?.version ?? '',
      updatingVersion: updating?.status === 'True' ? 'True' : 'False',
      ready: ready?.status ?? '',
      message: (np.metadata.deletionTimestamp ? 'being deleted' : updating?.status === 'True' ? updating.message : problem?.message) ?? '',
    };
  });
}

/** Like `hcp-kv list`: on a terminal the MESSAGE gives way first and long messages become notes under the table. */
export function nodePoolTable(rows: Array<Record<string, string | number>>, width?: number): string {
  const cells = rows.map((r) => [r.name, r.cluster, r.desired, r.current, r.autoRepair, r.version, r.updatingVersion, r.ready, r.message].map(String));
  return renderTable(cells, { headers: ['NAME', 'CLUSTER', 'DESIRED', 'CURRENT', 'AUTOREPAIR', 'VERSION', 'UPDATINGVERSION', 'READY', 'MESSAGE'], width, shrinkFirst: [8], notes: [8], notesBelow: 20 });
}
