// The NodePool half of the simulated HyperShift operator with KubeVirt: one VirtualMachine per replica (with
// its root-volume DataVolume, VirtualMachineInstance and virt-launcher pod, owned so that deleting the VM
// removes them), placed on an infra worker whose free memory and CPU fit what the VM asks for and whose
// labels match the pool's node selector, then a Ready guest Node per VM. Scaling adds or removes VMs (and their
// Nodes); a release change replaces them one by one (Replace, maxSurge 1, maxUnavailable 0) or, with upgradeType
// InPlace, reboots them one by one into the new release. Deleting a NodePool removes its VMs and Nodes, then its finalizer — unless the hang-finalizer injection holds it.
import { lookupReleaseImage } from './releases.js';
import { bootSource, failBootImport, kubevirtBootImage, pull, workerPull, type ImagePull, type PullConfig } from './mirror.js';
import { delayMs } from '../profiles.js';
import { informer } from './informer.js';
import type { Obj, SimClient } from './client.js';
import type { Guest } from './guest.js';
import { injected, type Injections } from './inject.js';
import { bind, bytes, schedule, type Request } from './scheduler.js';
import { condition, mergeConditions, now, type SimContext } from './runtime.js';
import { poolLiveMigratable, versionSkewCondition } from './kubevirt-conditions.js';

// hypershift-operator/controllers/nodepool/kubevirt/kubevirt.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf: the root volume's
// DataVolume is labelled as an RHCOS volume (IsKubeVirtRHCOSVolumeLabelName), so that backups can leave it out.
const RHCOS_VOLUME = 'hypershift.openshift.io/is-kubevirt-rhcos';

const KV = 'kubevirt.io/v1';
const CDI = 'cdi.kubevirt.io/v1beta1';
export const NP_FINALIZER = 'hypershift.openshift.io/finalizer';
const POOL_LABEL = 'hypershift.openshift.io/nodepool-name';
const RELEASE_ANNOTATION = 'hypershift.openshift.io/release-image';

export interface PoolDeps {
  ctx: SimContext;
  hc: Obj;
  cpNs: string;
  /** Where the VMs run: the management cluster (cpNs), or the external infrastructure cluster (its namespace). */
  infra: SimClient;
  vmNs: string;
  guest: Guest;
  inject: Injections;
  /** When each VM was placed on an infra node (the start of its boot). */
  vmSeen: Map<string, number>;
  /** Look at this hosted cluster again at `due` (ms since the epoch). */
  wake(due: number): void;
  /** Why no VM can start at all (no default StorageClass, virtualization not available), if so. */
  blocked?: string;
  /** On a disconnected site: the infra cluster's mirror rules and trust, for the VMs' boot image imports (mirror.ts). */
  pulls?: PullConfig;
  /** Why the pool's nodes cannot join (their images cannot be pulled through the hosted cluster's image sources). */
  joinBlocked?: string;
}

/** The boot image (upstream kubevirt.GetImage: the pool's containerDiskImage, else the release's) and its pull. */
function bootOf(d: PoolDeps, np: Obj): ImagePull | undefined {
  if (!d.pulls) return undefined;
  const image: string = np.spec?.platform?.kubevirt?.rootVolume?.diskImage?.containerDiskImage ?? kubevirtBootImage(releaseVersionOf(np.spec?.release?.image) ?? d.guest.release);
  return { image, pull: pull(image, d.pulls) };
}

/** The version of a NodePool's release image, from the release metadata (a tag or a known digest). */
export function releaseVersionOf(image: string | undefined): string | undefined {
  const r = image ? lookupReleaseImage(image) : undefined;
  return r && 'version' in r ? r.version : undefined;
}

export { bytes } from './scheduler.js';

function suffix(rng: () => number): string {
  return Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rng() * 27)]).join('');
}

/**
 * Bytes virt-controller adds to a VM's memory request for its launcher (kubevirt/kubevirt
 * pkg/virt-controller/services/template.go@a9a7c3211704f13c956b1c64c2cec706bbc8329b: virt-launcher-monitor 25Mi,
 * virt-launcher 100Mi, virtlogd 25Mi, virtqemud 40Mi, QEMU 30Mi; GetMemoryOverhead: page tables = memory ÷ 512,
 * 8Mi per vCPU, 8Mi for the IO thread, 32Mi of video RAM).
 */
function launcherOverhead(memory: number, cores: number): number {
  return 220 * 2 ** 20 + Math.ceil(memory / 512) + cores * 8 * 2 ** 20 + 40 * 2 ** 20;
}

/** What one VM asks the infra cluster for: guest memory plus KubeVirt's overhead, and 100m per core (CPU allocation ratio 10). */
function requestOf(np: Obj): Request {
  const kv = np.spec?.platform?.kubevirt ?? {};
  const compute = kv.compute ?? {};
  const devices: Array<{ deviceName: string; count?: number }> = kv.hostDevices ?? [];
  const memory = bytes(compute.memory ?? '8Gi');
  const cores = Number(compute.cores ?? 2);
  return { memory: memory + launcherOverhead(memory, cores), cpu: cores * 100, ...(devices.length ? { extended: Object.fromEntries(devices.map((d) => [d.deviceName, d.count ?? 1])) } : {}) };
}

/** The virt-launcher pod asks for one of the extended resource per host device of its VMI. */
function hostDeviceRequests(vmi: Obj): Record<string, string> {
  const out: Record<string, number> = {};
  for (const h of vmi.spec?.domain?.devices?.hostDevices ?? []) out[h.deviceName] = (out[h.deviceName] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, String(v)]));
}

/** KubeVirt's VM template pieces for the pool's host devices and networks (as the KubeVirt machine controller writes them). */
function devicesAndNetworks(np: Obj): { devices: Obj; networks: Obj[] } {
  const kv = np.spec?.platform?.kubevirt ?? {};
  const hostDevices = (kv.hostDevices ?? []).flatMap((d: Obj) => Array.from({ length: d.count ?? 1 }, () => d.deviceName)).map((deviceName: string, i: number) => ({ name: `hostdevice-${i + 1}`, deviceName }));
  const extra: Obj[] = (kv.additionalNetworks ?? []).map((n: Obj, i: number) => ({ name: `iface${i + 1}_${String(n.name).replace('/', '-')}`, multus: { networkName: n.name } }));
  const networks = [...(kv.attachDefaultNetwork === false ? [] : [{ name: 'default', pod: {} }]), ...extra];
  const interfaces = networks.map((n) => ({ name: n.name, ...(n.pod ? { masquerade: {} } : { bridge: {} }) }));
  return { devices: { interfaces, ...(hostDevices.length ? { hostDevices } : {}) }, networks };
}

/** kube-scheduler's verdict for a VM's launcher pod: VMs tolerate no taint (control-plane nodes stay theirs). */
function place(d: PoolDeps, vmName: string, request: Request, selector: Record<string, string> | undefined): Promise<{ node?: string; message?: string }> {
  return schedule(d.infra, { self: { namespace: d.vmNs, name: vmName }, nodeSelector: selector, request });
}

async function createVm(d: PoolDeps, np: Obj, image: string): Promise<Obj> {
  const c = d.infra;
  const name = `${np.metadata.name}-${suffix(d.ctx.rng)}`;
  const compute = np.spec?.platform?.kubevirt?.compute ?? {};
  const root = np.spec?.platform?.kubevirt?.rootVolume?.persistent ?? {};
  // The pod network unless attachDefaultNetwork is false, then one Multus network per additional network;
  // each host device as many times as its count.
  const kv = np.spec?.platform?.kubevirt ?? {};
  const networks: Array<{ name: string; pod?: object; multus?: { networkName: string } }> = [
    ...(kv.attachDefaultNetwork === false ? [] : [{ name: 'default', pod: {} }]),
    ...(kv.additionalNetworks ?? []).map((n: Obj, i: number) => ({ name: `iface${i + 1}`, multus: { networkName: n.name } })),
  ];
  const hostDevices: Obj[] = (kv.hostDevices ?? []).flatMap((h: Obj) => Array.from({ length: Number(h.count ?? 1) }, () => h));
  const labels = { 'hypershift.openshift.io/infra-id': d.hc.spec?.infraID ?? d.hc.metadata.name, [POOL_LABEL]: np.metadata.name, 'kubevirt.io/vm': name };
  const vm = await c.create({
    apiVersion: KV,
    kind: 'VirtualMachine',
    metadata: { name, namespace: d.vmNs, labels, annotations: { [RELEASE_ANNOTATION]: image } },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [
        {
          metadata: { name: `${name}-rootvolume`, labels: { [RHCOS_VOLUME]: 'true' } },
          spec: { ...bootSource(bootOf(d, np)), storage: { resources: { requests: { storage: root.size ?? '32Gi' } }, ...(root.storageClass ? { storageClassName: root.storageClass } : {}) } },
        },
      ],
      template: {
        metadata: { labels },
        spec: {
          domain: { cpu: { cores: compute.cores ?? 2 }, memory: { guest: compute.memory ?? '8Gi' }, devices: devicesAndNetworks(np).devices },
          networks: devicesAndNetworks(np).networks,
          ...(np.spec?.platform?.kubevirt?.nodeSelector ? { nodeSelector: np.spec.platform.kubevirt.nodeSelector } : {}),
          volumes: [{ name: 'rhcos', dataVolume: { name: `${name}-rootvolume` } }],
        },
      },
    },
  });
  await c.patchStatus(vm, { printableStatus: 'Provisioning', ready: false, created: false });
  if (await c.hasResource(CDI, 'DataVolume')) {
    const dv = await c.ensure({
      apiVersion: CDI,
      kind: 'DataVolume',
      metadata: {
        name: `${name}-rootvolume`,
        namespace: d.vmNs,
        labels: { ...labels, [RHCOS_VOLUME]: 'true' },
        ownerReferences: [{ apiVersion: KV, kind: 'VirtualMachine', name, uid: vm.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: vm.spec.dataVolumeTemplates[0].spec,
    });
    if (dv) await c.patchStatus(dv, { phase: 'Pending', progress: 'N/A' });
  }
  return vm;
}

async function launcherPod(d: PoolDeps, vm: Obj, vmi: Obj, phase: 'Pending' | 'Running', nodeName: string | undefined, unschedulable?: string): Promise<void> {
  const c = d.infra;
  const vmName = vm.metadata.name;
  const existing = (await informer(c, 'v1', 'Pod').list({ namespace: d.vmNs, labelSelector: `vm.kubevirt.io/name=${vmName}` }))[0];
  let pod: Obj =
    existing ??
    (await c.create<Obj>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `virt-launcher-${vmName}-${suffix(d.ctx.rng)}`.slice(0, 63),
        namespace: d.vmNs,
        labels: { 'kubevirt.io': 'virt-launcher', 'vm.kubevirt.io/name': vmName, 'hypershift.openshift.io/infra-id': vm.metadata.labels?.['hypershift.openshift.io/infra-id'] },
        ownerReferences: [{ apiVersion: KV, kind: 'VirtualMachineInstance', name: vmName, uid: vmi.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: 'compute', image: 'virt-launcher', resources: { requests: { ...(vmi.spec?.domain?.resources?.requests ?? {}), ...hostDeviceRequests(vmi) } } }], ...(nodeName ? { nodeName } : {}) },
    }));
  // A launcher created while unschedulable is bound once a node fits (pods/binding, as kube-scheduler).
  if (nodeName && !pod.spec?.nodeName) pod = await bind(c, d.vmNs, pod.metadata.name, nodeName);
  if (pod.status?.phase === phase && (phase === 'Running' || Boolean(pod.status?.conditions?.some((x: Obj) => x.type === 'PodScheduled' && x.status === 'False')) === Boolean(unschedulable))) return;
  const scheduled = { type: 'PodScheduled', status: unschedulable ? 'False' : 'True', ...(unschedulable ? { reason: 'Unschedulable', message: unschedulable } : {}), lastTransitionTime: now() };
  await c.patchStatus(
    pod,
    phase === 'Running'
      ? {
          phase,
          startTime: now(),
          conditions: [scheduled, { type: 'Ready', status: 'True', lastTransitionTime: now() }],
          containerStatuses: [{ name: 'compute', ready: true, restartCount: 0, image: 'virt-launcher', imageID: 'virt-launcher', started: true, state: { running: { startedAt: now() } } }],
        }
      : { phase, conditions: [scheduled] },
  );
}

/** Walks one VM towards Running and a Ready guest Node; returns true once its Node is Ready. */
async function advanceVm(d: PoolDeps, np: Obj, vm: Obj, vmi: Obj | undefined): Promise<boolean> {
  const c = d.infra;
  const vmName = vm.metadata.name;
  const hcKeyDue = (due: number) => d.wake(due);
  if (d.blocked) {
    if (vm.status?.printableStatus !== 'WaitingForVolumeBinding') await c.patchStatus(vm, { printableStatus: 'WaitingForVolumeBinding', ready: false, conditions: [condition('Ready', false, 'Pending', d.blocked)] });
    return false;
  }
  const boot = bootOf(d, np);
  if (boot && !boot.pull.ok) {
    await failBootImport(c, d.vmNs, vm, { image: boot.image, pull: boot.pull });
    return false;
  }
  const request = requestOf(np);
  if (!vmi?.status?.nodeName) {
    const p = await place(d, vmName, request, np.spec?.platform?.kubevirt?.nodeSelector);
    const requests = { memory: `${Math.round(request.memory / 2 ** 20)}Mi`, cpu: `${request.cpu}m` };
    vmi ??= await c.create({
      apiVersion: KV,
      kind: 'VirtualMachineInstance',
      metadata: { name: vmName, namespace: d.vmNs, labels: vm.metadata.labels, ownerReferences: [{ apiVersion: KV, kind: 'VirtualMachine', name: vmName, uid: vm.metadata.uid, controller: true, blockOwnerDeletion: true }] },
      spec: {
        domain: { ...vm.spec.template.spec.domain, resources: { requests } },
        ...(vm.spec.template.spec.networks ? { networks: vm.spec.template.spec.networks } : {}),
        ...(vm.spec.template.spec.nodeSelector ? { nodeSelector: vm.spec.template.spec.nodeSelector } : {}),
      },
    });
    if (!p.node) {
      if (vm.status?.printableStatus !== 'ErrorUnschedulable' || vm.status?.conditions?.find((x: Obj) => x.type === 'PodScheduled')?.message !== p.message) {
        await c.patchStatus(vmi!, { phase: 'Scheduling', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: p.message, lastTransitionTime: now() }] });
        await launcherPod(d, vm, vmi!, 'Pending', undefined, p.message);
        await c.patchStatus(vm, {
          printableStatus: 'ErrorUnschedulable',
          ready: false,
          created: true,
          conditions: [condition('Ready', false, 'GuestNotRunning', 'Guest VM is not reported as running'), condition('PodScheduled', false, 'Unschedulable', p.message!)],
        });
      }
      return false;
    }
    vmi = await c.patchStatus(vmi!, { phase: 'Scheduled', nodeName: p.node, conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now() }] });
    await launcherPod(d, vm, vmi!, 'Pending', p.node);
    await c.patchStatus(vm, { printableStatus: 'Starting', ready: false, created: true, conditions: [condition('Ready', false, 'GuestNotRunning', 'Guest VM is not reported as running')] });
    for (const dv of vm.spec?.dataVolumeTemplates ?? []) {
      const obj = await informer(c, CDI, 'DataVolume')
        .get(dv.metadata.name, d.vmNs, { fetch: true })
        .catch(() => undefined);
      if (obj) await c.patchStatus(obj, { phase: 'Succeeded', progress: '100.0%' });
    }
    d.vmSeen.set(vmName, Date.now());
  }
  if (!d.vmSeen.has(vmName)) d.vmSeen.set(vmName, Date.now()); // placed before this operator (re)started
  const vmDue = d.vmSeen.get(vmName)! + delayMs(d.ctx.profile, 'vmReady', d.ctx.timeScale);
  if (Date.now() < vmDue) {
    hcKeyDue(vmDue);
    return false;
  }
  if (vm.status?.ready !== true) {
    await c.patchStatus(vmi!, {
      phase: 'Running',
      nodeName: vmi!.status?.nodeName,
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: now() },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now() },
      ],
    });
    await launcherPod(d, vm, vmi!, 'Running', vmi!.status?.nodeName);
    await c.patchStatus(vm, { printableStatus: 'Running', ready: true, created: true, conditions: [condition('Ready', true, 'AsExpected', 'VM is running')] });
  }
  const nodeDue = vmDue + delayMs(d.ctx.profile, 'nodeReady', d.ctx.timeScale);
  if (Date.now() < nodeDue) {
    hcKeyDue(nodeDue);
    return false;
  }
  if (d.joinBlocked) return false;
  await d.guest.addNode(vmName, releaseVersionOf(vm.metadata.annotations?.[RELEASE_ANNOTATION]) ?? d.guest.release, np.metadata.name);
  return true;
}

async function removeVm(d: PoolDeps, vm: Obj): Promise<void> {
  // The VMI, launcher pod and DataVolume are owned by the VM: the garbage collector takes them with it.
  await d.infra.delete(KV, 'VirtualMachine', vm.metadata.name, d.vmNs);
  await d.guest.removeNode(vm.metadata.name);
  d.vmSeen.delete(vm.metadata.name);
}

/** Scale-down order: VMs that are not Running first, then the newest. */
function retireOrder(vms: Obj[]): Obj[] {
  return [...vms].sort(
    (a, b) => Number(a.status?.ready === true) - Number(b.status?.ready === true) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || b.metadata.name.localeCompare(a.metadata.name),
  );
}

export async function finalizeNodePool(d: PoolDeps, np: Obj): Promise<void> {
  const c = d.ctx.client;
  for (const vm of (await d.infra.list(KV, 'VirtualMachine', { namespace: d.vmNs, labelSelector: `${POOL_LABEL}=${np.metadata.name}` })).items) await removeVm(d, vm);
  if (injected(d.inject, 'hang-finalizer', d.hc.metadata.name)) return; // the machines "never drain"
  const finalizers = (np.metadata.finalizers ?? []).filter((f: string) => f !== NP_FINALIZER);
  if (finalizers.length !== (np.metadata.finalizers ?? []).length)
    await c.patch('hypershift.openshift.io/v1beta1', 'NodePool', np.metadata.name, np.metadata.namespace, { metadata: { finalizers, resourceVersion: np.metadata.resourceVersion } }).catch(() => undefined);
}

export async function reconcileNodePool(d: PoolDeps, np: Obj): Promise<{ ready: number; wanted: number }> {
  const c = d.ctx.client;
  if (np.metadata.deletionTimestamp) {
    await finalizeNodePool(d, np);
    return { ready: 0, wanted: 0 };
  }
  if (!(np.metadata.finalizers ?? []).includes(NP_FINALIZER)) {
    np = await c.patch('hypershift.openshift.io/v1beta1', 'NodePool', np.metadata.name, np.metadata.namespace, { metadata: { finalizers: [...(np.metadata.finalizers ?? []), NP_FINALIZER] } });
  }
  const wanted = Number(np.spec?.replicas ?? 0);
  const image: string = np.spec?.release?.image ?? d.hc.spec?.release?.image ?? '';
  const target = releaseVersionOf(image) ?? d.guest.release;
  const join = d.pulls ? await workerPull(c, d.hc, target) : undefined;
  if (join && !join.ok) d = { ...d, joinBlocked: `the nodes cannot pull the release's images through spec.imageContentSources: ${join.error}` };
  let vms = (await informer(d.infra, KV, 'VirtualMachine').list({ namespace: d.vmNs, labelSelector: `${POOL_LABEL}=${np.metadata.name}` })).filter((vm) => !vm.metadata.deletionTimestamp);
  const vmis = new Map((await informer(d.infra, KV, 'VirtualMachineInstance').list({ namespace: d.vmNs, labelSelector: `${POOL_LABEL}=${np.metadata.name}` })).map((x) => [x.metadata.name, x]));
  const isCurrent = (vm: Obj) => vm.metadata.annotations?.[RELEASE_ANNOTATION] === image;
  let outdated = vms.filter((vm) => !isCurrent(vm));
  const current = () => vms.filter(isCurrent);

  const inPlace = np.spec?.management?.upgradeType === 'InPlace';
  if (inPlace && outdated.length && !current().some((vm) => vm.status?.ready !== true)) {
    // InPlace: one node at a time is drained and rebooted into the new release; its VM stays.
    const vm = outdated[0]!;
    const updated = await d.infra.patch(KV, 'VirtualMachine', vm.metadata.name, d.vmNs, { metadata: { annotations: { [RELEASE_ANNOTATION]: image } } });
    vms = vms.map((v) => (v === vm ? (updated as Obj) : v));
    await d.infra.patchStatus(updated as Obj, { printableStatus: 'Starting', ready: false });
    (updated as Obj).status = { ...(updated as Obj).status, ready: false };
    await d.guest.removeNode(vm.metadata.name);
    d.vmSeen.set(vm.metadata.name, Date.now());
    outdated = vms.filter((v) => !isCurrent(v));
  }
  if (!outdated.length || inPlace) {
    for (let i = vms.length; i < wanted; i++) vms.push(await createVm(d, np, image));
    for (const extra of retireOrder(vms).slice(0, Math.max(0, vms.length - wanted))) {
      await removeVm(d, extra);
      vms = vms.filter((v) => v !== extra);
    }
  } else {
    // Replace (maxSurge 1, maxUnavailable 0): never more than one VM above the wanted count; a scale-down
    // during the rollout drops old VMs first.
    const surge = wanted > 0 ? 1 : 0;
    while (vms.length > wanted + surge || current().length > wanted) {
      const old = vms.filter((vm) => !isCurrent(vm));
      const extra = current().length > wanted ? retireOrder(current())[0]! : (retireOrder(old)[0] ?? retireOrder(current())[0]!);
      await removeVm(d, extra);
      vms = vms.filter((v) => v !== extra);
    }
    outdated = vms.filter((vm) => !isCurrent(vm));
    for (let i = vms.length; i < wanted; i++) vms.push(await createVm(d, np, image));
  }

  let readyNodes = 0;
  let readyCurrent = 0;
  for (const vm of vms) {
    const ok = await advanceVm(d, np, vm, vmis.get(vm.metadata.name));
    if (ok) readyNodes++;
    if (ok && isCurrent(vm)) readyCurrent++;
  }
  if (outdated.length && !inPlace) {
    const surging = current().length - readyCurrent;
    if (surging === 0 && vms.length > wanted) {
      const old = retireOrder(outdated)[0]!;
      await removeVm(d, old);
      vms = vms.filter((v) => v !== old);
      readyNodes--;
      d.wake(Date.now());
    } else if (surging === 0 && vms.length <= wanted) {
      vms.push(await createVm(d, np, image));
      d.wake(Date.now());
    }
  }
  // Nodes whose VM is gone (e.g. removed while this operator was away) leave the hosted cluster too.
  const names = new Set(vms.map((v) => v.metadata.name));
  for (const n of await d.guest.nodesOfPool(np.metadata.name)) if (!names.has(n)) await d.guest.removeNode(n);

  outdated = vms.filter((vm) => !isCurrent(vm));
  const ready = Math.min(readyNodes, wanted);
  const updating = outdated.length > 0;
  const rolled = Math.min(readyCurrent, wanted);
  const unschedulable = vms.map((v) => v.status?.conditions?.find((x: Obj) => x.type === 'PodScheduled' && x.status === 'False')?.message).find(Boolean);
  // A root-volume import that cannot pull its boot image (mirror.ts failBootImport) is why a machine waits, too.
  const importing = vms.map((v) => v.status?.conditions?.find((x: Obj) => x.type === 'Ready' && x.reason === 'Provisioning')?.message).find(Boolean);
  const why = d.blocked ?? unschedulable ?? importing;
  const gen = np.metadata.generation;
  const migratable = await poolLiveMigratable(
    d.infra,
    np,
    vms.map((v) => v.metadata.name),
  );
  const conds = [
    versionSkewCondition(d.hc, target),
    ...(migratable ? [migratable] : []),
    condition('ValidReleaseImage', true, 'AsExpected', `Using release image: ${image}`),
    condition('ValidPlatformConfig', !d.blocked, d.blocked ? 'WaitingForPrerequisites' : 'AsExpected', d.blocked ?? 'All is well'),
    condition('AllMachinesReady', ready === wanted, ready === wanted ? 'AsExpected' : 'WaitingForMachines', ready === wanted ? 'All is well' : `${ready} of ${wanted} machines are ready${why ? `: ${why}` : ''}`),
    condition('AllNodesHealthy', ready === wanted, ready === wanted ? 'AsExpected' : 'WaitingForNodes', ready === wanted ? 'All is well' : `${ready} of ${wanted} nodes are healthy${d.joinBlocked ? `: ${d.joinBlocked}` : ''}`),
    condition('UpdatingVersion', updating, updating ? 'AsExpected' : 'AsExpected', updating ? `Updating version in progress. Target version: ${target}; ${rolled} of ${wanted} nodes ${inPlace ? 'updated' : 'replaced'}` : ''),
    condition('Ready', ready === wanted, ready === wanted ? 'AsExpected' : 'WaitingForAvailableMachines', ready === wanted ? '' : `Minimum availability requires ${wanted} replicas, current ${ready} available${why ? `: ${why}` : ''}`),
  ].map((x) => ({ ...x, observedGeneration: gen }));
  const version = updating ? (np.status?.version ?? target) : ready === wanted ? target : (np.status?.version ?? target);
  const status = { replicas: ready, version, conditions: mergeConditions(np.status?.conditions, conds) };
  const key = (s: Obj | undefined) => JSON.stringify([s?.replicas, s?.version, (s?.conditions ?? []).map((x: Obj) => [x.type, x.status, x.message, x.observedGeneration])]);
  if (key(np.status) !== key(status)) await c.patchStatus(np, status);
  return { ready, wanted };
}
