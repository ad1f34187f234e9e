// The KubeVirt-platform conditions the HyperShift operator reports once a cluster runs, as upstream computes them
// (openshift/hypershift @3ee9615567acffaf3e3ee25c2ca2942d650565cf):
// - NodePool SupportedVersionSkew (hypershift-operator/controllers/nodepool/conditions.go supportedVersionSkewCondition,
//   support/supportedversion/version.go ValidateVersionSkew): the control plane's version is the newest Completed
//   history entry (else the newest entry, else the desired one); the pool may not be newer (patch included) nor more
//   than three minors older; Unknown while the HostedCluster reports no version.
// - NodePool KubeVirtNodesLiveMigratable (hypershift-operator/controllers/nodepool/kubevirt.go setAllMachinesLMCondition,
//   nodepool_controller.go aggregateMachineReasonsAndMessages): False when a machine's VM cannot live-migrate; not
//   set while the pool has no machines. KubeVirt finds a VM not live-migratable when a volume is not shared
//   (reason DisksNotLiveMigratable: a PVC without ReadWriteMany; kubevirt/kubevirt
//   pkg/virt-handler/vm.go@e397698bc4be5abb8c119c188962c6d46edee4ea checkVolumesForMigration). The root volume's access modes are the pool's
//   rootVolume.persistent.accessModes, else what CDI picks: the class's StorageProfile's first claim property set.
// - HostedCluster KubeVirtNodesLiveMigratable (hypershift-operator/controllers/hostedcluster/hostedcluster_controller.go
//   syncKVLiveMigratableCondition): False naming the pools whose condition is False, else True.
// - HostedCluster ValidKubeVirtInfraNetworkMTU (control-plane-operator/hostedclusterconfigoperator/controllers/
//   resources/network/reconcile.go DetectSuboptimalMTU, copied to the HostedCluster by hostedcluster_controller.go):
//   False when the guest's OVN-Kubernetes MTU is below 9000 − 200. The guest's MTU is the VM NIC's (the infra
//   cluster network MTU, status.clusterNetworkMTU) less OVN-Kubernetes' 100-byte Geneve overhead; no condition when
//   the infra cluster reports no MTU.
import { informer } from './informer.js';
import type { Obj, SimClient } from './client.js';
import { condition, type Condition } from './runtime.js';

const ALL_IS_WELL = 'All is well';

function parse(v: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The control plane's version as upstream picks it for the skew check. */
function controlPlaneVersion(hc: Obj): string | undefined {
  const v = hc.status?.version;
  if (!v) return undefined;
  const history: Array<{ state: string; version: string }> = v.history ?? [];
  if (!history.length) return v.desired?.version;
  return history.find((h) => h.state === 'Completed')?.version ?? history[0]!.version;
}

export function versionSkewCondition(hc: Obj, poolVersion: string | undefined): Condition {
  const cpText = controlPlaneVersion(hc);
  if (!cpText) return condition('SupportedVersionSkew', 'Unknown', 'ValidationFailed', 'HostedCluster version is not available yet, waiting for version information');
  const cp = parse(cpText);
  const np = poolVersion ? parse(poolVersion) : undefined;
  if (!cp || !np) return condition('SupportedVersionSkew', 'Unknown', 'ValidationFailed', `Failed to parse NodePool version (${poolVersion ?? ''})`);
  const newer = np[0] > cp[0] || (np[0] === cp[0] && (np[1] > cp[1] || (np[1] === cp[1] && np[2] > cp[2])));
  if (newer) return condition('SupportedVersionSkew', false, 'UnsupportedSkew', `NodePool version ${poolVersion} cannot be higher than the HostedCluster version ${cpText}`);
  if (cp[1] - np[1] > 3)
    return condition(
      'SupportedVersionSkew',
      false,
      'UnsupportedSkew',
      `NodePool minor version ${np[0]}.${np[1]} is less than ${cp[0]}.${Math.max(cp[1] - 3, 0)}, which is the minimum NodePool version compatible with the ${cp[0]}.${cp[1]} HostedCluster`,
    );
  return condition('SupportedVersionSkew', true, 'AsExpected', 'Release image version is valid');
}

/** The access modes a pool's root volumes get: the pool's own, else the first set of the class's StorageProfile. */
async function rootVolumeAccessModes(infra: SimClient, np: Obj): Promise<string[] | undefined> {
  const persistent = np.spec?.platform?.kubevirt?.rootVolume?.persistent ?? {};
  if (persistent.accessModes?.length) return persistent.accessModes;
  const className: string | undefined =
    persistent.storageClass ?? (await informer(infra, 'storage.k8s.io/v1', 'StorageClass').list()).find((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  if (!className) return undefined;
  const profile = await informer(infra, 'cdi.kubevirt.io/v1beta1', 'StorageProfile')
    .get(className)
    .catch(() => undefined);
  return profile?.status?.claimPropertySets?.[0]?.accessModes;
}

/** The pool's condition for its VMs (names), or undefined while it has none (as upstream: not set). */
export async function poolLiveMigratable(infra: SimClient, np: Obj, vms: string[]): Promise<Condition | undefined> {
  if (!vms.length) return undefined;
  // Credentials that may not read classes and profiles (external infrastructure, the docs' Role): not known, not set.
  const modes = await rootVolumeAccessModes(infra, np).catch(() => null);
  if (modes === null) return undefined;
  if (!modes || modes.includes('ReadWriteMany')) return condition('KubeVirtNodesLiveMigratable', true, 'AsExpected', ALL_IS_WELL);
  const lines = [...vms].sort().map((vm) => `Machine ${vm}: DisksNotLiveMigratable: cannot migrate VMI: PVC ${vm}-rootvolume is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)\n`);
  return condition('KubeVirtNodesLiveMigratable', false, 'DisksNotLiveMigratable', `${vms.length} of ${vms.length} machines are not live migratable\n${lines.join('')}`);
}

export function clusterLiveMigratable(pools: Obj[]): Condition {
  const stuck = pools.filter((np) => (np.status?.conditions ?? []).some((c: Obj) => c.type === 'KubeVirtNodesLiveMigratable' && c.status === 'False')).map((np) => np.metadata.name);
  if (!stuck.length) return condition('KubeVirtNodesLiveMigratable', true, 'AsExpected', ALL_IS_WELL);
  return condition(
    'KubeVirtNodesLiveMigratable',
    false,
    'KubeVirtNodesNotLiveMigratable',
    `Non-live-migratable node(s) have been found on the following NodePool(s) attached to this Hosted Cluster: ${stuck.join(', ')}. It is recommended to use live-migratable nodes in order to improve cluster stability and downtime. Check the reason for the non-live-migratability in the corresponding NodePool(s).`,
  );
}

export async function infraMtuCondition(infra: SimClient): Promise<Condition | undefined> {
  const mtu = (
    await informer(infra, 'config.openshift.io/v1', 'Network')
      .get('cluster')
      .catch(() => undefined)
  )?.status?.clusterNetworkMTU;
  if (typeof mtu !== 'number') return undefined;
  const guest = mtu - 100;
  if (guest >= 9000 - 200) return condition('ValidKubeVirtInfraNetworkMTU', true, 'AsExpected', ALL_IS_WELL);
  return condition(
    'ValidKubeVirtInfraNetworkMTU',
    false,
    'KubeVirtSuboptimalMTUDetected',
    'A suboptimal MTU size has been detected. Due to performance, we recommend setting an MTU of 9000 bytes or greater for the infra cluster that hosts the KubeVirt VirtualMachines. When smaller MTUs are used, the cluster will still operate, but network performance will be degraded due to fragmentation of the double encapsulation in OVN-Kubernetes.',
  );
}

/** The HostedCluster's two: live migration over its pools, and the infra MTU once the hosted cluster runs. */
export async function kubevirtClusterConditions(infra: SimClient, pools: Obj[], running: boolean): Promise<Condition[]> {
  const mtu = running ? await infraMtuCondition(infra) : undefined;
  return [clusterLiveMigratable(pools), ...(mtu ? [mtu] : [])];
}
