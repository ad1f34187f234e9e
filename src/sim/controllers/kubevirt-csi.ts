// kubevirt-csi, simulated: persistent storage for the hosted cluster's pods (docs: kubevirt/configuring-storage.md).
// The guest gets one StorageClass per infra→guest mapping of the HostedCluster's storageDriver (Manual), or
// kubevirt-csi-infra-default over the infra cluster's default class (Default). A guest PVC of such a class is
// backed by a DataVolume (and its PVC) named pvc-<guest PVC uid> in the infra namespace on the infra StorageClass;
// once that is bound, a guest PersistentVolume (driver csi.kubevirt.io, volumeHandle = the DataVolume) binds the
// guest PVC. A guest pod whose claims are bound is placed on a Ready guest node and runs, and the volume is
// hot-plugged into that node's VMI (status.volumeStatus). Wrong mappings leave the guest PVC Pending.
import type { Obj, SimClient } from './client.js';
import type { Guest } from './guest.js';
import { bind } from './scheduler.js';

const CSI = 'csi.kubevirt.io';
const CDI = 'cdi.kubevirt.io/v1beta1';
export const DEFAULT_GUEST_CLASS = 'kubevirt-csi-infra-default';

export interface CsiDeps {
  /** The cluster the VMs run on (management, or the external infrastructure cluster). */
  infra: SimClient;
  infraNamespace: string;
  hc: Obj;
  guest: Guest;
  signal: AbortSignal;
  log(message: string): void;
}

/** Guest StorageClasses for the HostedCluster's storage driver. */
async function guestClasses(d: CsiDeps): Promise<Obj[]> {
  const driver = d.hc.spec?.platform?.kubevirt?.storageDriver ?? { type: 'Default' };
  if (driver.type === 'None') return [];
  const sc = (name: string, infra: string, isDefault: boolean): Obj => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner: CSI,
    parameters: { infraStorageClassName: infra, bus: 'scsi' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  if (driver.type === 'Manual') return (driver.manual?.storageClassMapping ?? []).map((m: Obj, i: number) => sc(m.guestStorageClassName, m.infraStorageClassName, i === 0));
  const infraDefault = (await d.infra.list('storage.k8s.io/v1', 'StorageClass')).items.find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  return infraDefault ? [sc(DEFAULT_GUEST_CLASS, infraDefault.metadata.name, true)] : [];
}

async function provision(d: CsiDeps, pvc: Obj): Promise<void> {
  const g = d.guest.client;
  if (pvc.status?.phase === 'Bound' || pvc.metadata.deletionTimestamp) return;
  const classes = (await g.list('storage.k8s.io/v1', 'StorageClass')).items;
  const className: string | undefined = pvc.spec?.storageClassName ?? classes.find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  const sc = classes.find((c) => c.metadata.name === className);
  if (!sc || sc.provisioner !== CSI) return; // not ours: stays Pending, as with no provisioner
  const infraClass: string = sc.parameters?.infraStorageClassName;
  const handle = `pvc-${pvc.metadata.uid}`;
  const size = pvc.spec?.resources?.requests?.storage ?? '1Gi';
  const accessModes = pvc.spec?.accessModes ?? ['ReadWriteOnce'];
  const labels = { 'hypershift.openshift.io/infra-id': d.hc.spec?.infraID ?? d.hc.metadata.name, 'csi.kubevirt.io/guest-namespace': pvc.metadata.namespace };
  const annotations = { 'csi.kubevirt.io/guest-pvc': `${pvc.metadata.namespace}/${pvc.metadata.name}` };
  const spec = { storage: { accessModes, resources: { requests: { storage: size } }, storageClassName: infraClass, volumeMode: pvc.spec?.volumeMode ?? 'Filesystem' }, source: { blank: {} } };
  if (await d.infra.hasResource(CDI, 'DataVolume')) {
    const dv = await d.infra.ensure({ apiVersion: CDI, kind: 'DataVolume', metadata: { name: handle, namespace: d.infraNamespace, labels, annotations }, spec });
    if (dv) await d.infra.patchStatus(dv, { phase: 'Pending' });
  }
  const infraPvc: Obj =
    (await d.infra.get('v1', 'PersistentVolumeClaim', handle, d.infraNamespace)) ??
    (await d.infra.create<Obj>({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: handle, namespace: d.infraNamespace, labels, annotations },
      spec: { accessModes, resources: { requests: { storage: size } }, storageClassName: infraClass, volumeMode: spec.storage.volumeMode },
    }));
  const infraClassExists = (await d.infra.list('storage.k8s.io/v1', 'StorageClass')).items.some((c) => c.metadata.name === infraClass);
  if (!infraClassExists) {
    if (infraPvc.status?.phase !== 'Pending') await d.infra.patchStatus(infraPvc, { phase: 'Pending' });
    d.log(`guest PVC ${pvc.metadata.namespace}/${pvc.metadata.name}: infra StorageClass ${infraClass} does not exist`);
    return;
  }
  await d.infra.patchStatus(infraPvc, { phase: 'Bound', accessModes, capacity: { storage: size } });
  const dv = await d.infra.get(CDI, 'DataVolume', handle, d.infraNamespace).catch(() => undefined);
  if (dv) await d.infra.patchStatus(dv, { phase: 'Succeeded', progress: '100.0%' });
  const pv = await g.ensure({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: handle, annotations: { 'pv.kubernetes.io/provisioned-by': CSI } },
    spec: {
      capacity: { storage: size },
      accessModes,
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: className,
      volumeMode: spec.storage.volumeMode,
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid },
      csi: { driver: CSI, volumeHandle: handle, fsType: 'ext4', volumeAttributes: { bus: 'scsi', infraStorageClassName: infraClass } },
    },
  });
  if (pv) await g.patchStatus(pv, { phase: 'Bound' });
  const bound = await g.patch('v1', 'PersistentVolumeClaim', pvc.metadata.name, pvc.metadata.namespace, { spec: { volumeName: handle, storageClassName: className } });
  await g.patchStatus(bound, { phase: 'Bound', accessModes, capacity: { storage: size } });
  d.log(`guest PVC ${pvc.metadata.namespace}/${pvc.metadata.name} bound to ${d.infraNamespace}/${handle} (${infraClass})`);
}

/** The guest kubelet and scheduler for pods with claims: bound claims → placed on a Ready node, Running, volume hot-plugged. */
async function runPod(d: CsiDeps, pod: Obj): Promise<void> {
  const g = d.guest.client;
  if (pod.spec?.nodeName || pod.metadata.deletionTimestamp || pod.status?.phase === 'Running') return;
  const claims: string[] = (pod.spec?.volumes ?? []).flatMap((v: Obj) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
  if (!claims.length) return;
  const pvcs = await Promise.all(claims.map((n) => g.get('v1', 'PersistentVolumeClaim', n, pod.metadata.namespace)));
  const nodes = await d.guest.readyNodes();
  const unbound = pvcs.some((p) => p?.status?.phase !== 'Bound');
  if (unbound || !nodes.length) {
    const message = unbound ? `0/${nodes.length} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/${nodes.length} nodes are available` : '0/0 nodes are available';
    if (pod.status?.conditions?.[0]?.message !== message) await g.patchStatus(pod, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] });
    return;
  }
  const node = nodes[0]!;
  const placed = await bind(g, pod.metadata.namespace, pod.metadata.name, node);
  // Hot-plug: the infra DataVolume is attached to the VMI behind the guest node.
  const vmi = await d.infra.get('kubevirt.io/v1', 'VirtualMachineInstance', node, d.infraNamespace).catch(() => undefined);
  if (vmi) {
    const handles = pvcs.map((p) => p!.spec.volumeName as string);
    const volumeStatus = [
      ...(vmi.status?.volumeStatus ?? []).filter((v: Obj) => !handles.includes(v.name)),
      ...handles.map((h, i) => ({ name: h, target: `sd${String.fromCharCode(98 + i)}`, phase: 'Ready', reason: 'VolumeReady', hotplugVolume: { attachPodName: `hp-volume-${node}` }, persistentVolumeClaimInfo: { claimName: h } })),
    ];
    await d.infra.patchStatus(vmi, { ...vmi.status, volumeStatus });
  }
  await g.patchStatus(placed, {
    phase: 'Running',
    startTime: new Date().toISOString(),
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
    containerStatuses: (pod.spec?.containers ?? []).map((c: Obj) => ({ name: c.name, ready: true, restartCount: 0, image: c.image, imageID: c.image, started: true, state: { running: { startedAt: new Date().toISOString() } } })),
  });
}

/** Starts the simulated kubevirt-csi for one hosted cluster; runs until the signal aborts. */
export async function startKubevirtCsi(d: CsiDeps, spawn: (f: () => Promise<void>) => void): Promise<void> {
  const g = d.guest.client;
  for (const sc of await guestClasses(d)) await g.ensure(sc);
  const guard = (f: () => Promise<void>) => f().catch((e: unknown) => d.log(`kubevirt-csi: ${(e as Error).message}`));
  // One watch of claims provisions them and, once bound, lets the pods waiting for them run (perf: a watch each
  // was a stream more per hosted cluster).
  spawn(() =>
    g.watch('v1', 'PersistentVolumeClaim', { signal: d.signal }, async (t, pvc) => {
      if (t === 'DELETED') return;
      await guard(() => provision(d, pvc));
      if (pvc.status?.phase !== 'Bound') return;
      await guard(async () => {
        for (const pod of (await g.list('v1', 'Pod', { namespace: pvc.metadata.namespace })).items) await guard(() => runPod(d, pod));
      });
    }),
  );
  spawn(() => g.watch('v1', 'Pod', { signal: d.signal }, (t, pod) => (t === 'DELETED' ? undefined : guard(() => runPod(d, pod)))));
}
