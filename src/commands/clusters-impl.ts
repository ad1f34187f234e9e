// Examining hosted clusters: list (like `oc get hc -A`), status (what the seed inspects by hand), and
// create-kubeconfig.
import { dump } from 'js-yaml';
import { ExitCode, HcpError } from '../errors.js';
import { findCondition } from '../kube/conditions.js';
import type { Kube } from '../kube/types.js';
import { listHostedClusters, readHostedCluster, type HostedClusterModel, type Node, type PersistentVolume, type PersistentVolumeClaim, type Pod, type VirtualMachine, type Workers } from '../model/index.js';
import type { ClusterStatus, GuestVolume } from '../model/cluster-status.js';
import { writeJson } from '../output/json.js';
import { renderTable, terminalWidth } from '../output/table.js';
import { statusText } from '../output/status-text.js';
import { checkOutputFile, writeOutputFile } from '../output/write-file.js';
import { adminKubeconfig, adminKubeconfigSource } from '../steps/cluster/hosted-cluster.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { io } from '../run/io.js';
import type { CreateKubeconfigFlags, ListFlags, StatusFlags } from './clusters.js';

export async function listClusters(kube: Kube, namespace?: string): Promise<Array<Record<string, string>>> {
  const hcs = await listHostedClusters(kube, namespace);
  return hcs.map((hc) => {
    const available = findCondition(hc, 'Available');
    const progressing = findCondition(hc, 'Progressing');
    const degraded = findCondition(hc, 'Degraded');
    const h = hc.status?.version?.history?.[0];
    const completed = hc.status?.version?.history?.find((e) => e.state === 'Completed');
    return {
      namespace: hc.metadata.namespace ?? '',
      name: hc.metadata.name,
      version: completed?.version ?? '',
      kubeconfig: hc.status?.kubeconfig?.name ?? '',
      progress: h?.state ?? '',
      available: available?.status ?? '',
      progressing: progressing?.status ?? '',
      // Like `oc get hc`: the Available condition's message, whatever its status; a Degraded cluster says why.
      message: (degraded?.status === 'True' ? degraded.message : available?.message) ?? '',
    };
  });
}

export function listTable(rows: Array<Record<string, string>>, width?: number): string {
  return renderTable(
    rows.map((r) => [r.namespace!, r.name!, r.version!, r.kubeconfig!, r.progress!, r.available!, r.progressing!, r.message!]),
    { headers: ['NAMESPACE', 'NAME', 'VERSION', 'KUBECONFIG', 'PROGRESS', 'AVAILABLE', 'PROGRESSING', 'MESSAGE'], width, shrinkFirst: [7], notes: [7], notesBelow: 20 },
  );
}

const ready = (n: Node) => (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** The guest's PVCs and what backs each on the infrastructure side (kubevirt-csi: a PVC in the control-plane namespace). */
async function guestVolumes(guest: Kube, infra: Kube, cp: string): Promise<GuestVolume[]> {
  const pvs = new Map((await guest.list<PersistentVolume>('v1', 'PersistentVolume')).map((pv) => [pv.metadata.name, pv.spec]));
  const out: GuestVolume[] = [];
  for (const pvc of await guest.list<PersistentVolumeClaim>('v1', 'PersistentVolumeClaim')) {
    const spec = pvc.spec;
    const csi = spec?.volumeName ? pvs.get(spec.volumeName)?.csi : undefined;
    const backing = csi?.driver === 'csi.kubevirt.io' && csi.volumeHandle ? await infra.get<PersistentVolumeClaim>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: csi.volumeHandle, namespace: cp }) : undefined;
    out.push({
      namespace: pvc.metadata.namespace ?? '',
      name: pvc.metadata.name,
      storageClass: spec?.storageClassName ?? '',
      phase: pvc.status?.phase ?? '',
      backedBy: backing ? `${cp}/${backing.metadata.name}` : '',
      infraStorageClass: backing?.spec?.storageClassName ?? '',
      infraPhase: backing?.status?.phase ?? '',
    });
  }
  return out;
}

/** A VM's host devices and secondary networks (multus), as its template asks for them. */
function vmExtras(vm: VirtualMachine): { hostDevices?: string[]; networks?: string[] } {
  const spec = vm.spec?.template?.spec;
  const hostDevices = (spec?.domain?.devices?.hostDevices ?? []).flatMap((h) => (h.deviceName === undefined ? [] : [h.deviceName]));
  const networks = (spec?.networks ?? []).flatMap((n) => (n.multus ? [n.multus.networkName] : []));
  return { ...(hostDevices.length ? { hostDevices } : {}), ...(networks.length ? { networks } : {}) };
}

const pendingReason = (p: Pod) => (p.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message;

/** The rows of the cluster's model: conditions, node pools, control-plane pods, VMs and their launchers. */
function statusRows(m: HostedClusterModel, w: Workers): Pick<ClusterStatus, 'conditions' | 'nodePools' | 'controlPlanePods' | 'virtualMachines'> {
  const vmNodes = new Map(w.vmis.map((vmi) => [vmi.metadata.name, vmi.status?.nodeName]));
  return {
    conditions: (m.hostedCluster.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    nodePools: m.nodePools.map((np) => ({
      name: np.metadata.name,
      replicas: np.spec?.replicas,
      ready: np.status?.replicas ?? 0,
      conditions: (np.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, message: c.message })),
    })),
    controlPlanePods: m.pods
      .filter((p) => !p.metadata.name.startsWith('virt-launcher-'))
      .map((p) => ({ name: p.metadata.name, phase: p.status?.phase, node: p.spec?.nodeName ?? '', ...(pendingReason(p) ? { reason: pendingReason(p) } : {}) })),
    virtualMachines: w.vms.map((vm) => ({ name: vm.metadata.name, status: vm.status?.printableStatus, ready: Boolean(vm.status?.ready), node: vmNodes.get(vm.metadata.name) ?? '', ...vmExtras(vm) })),
  };
}

/** Through the hosted cluster's own API: Nodes, its volumes and ClusterOperators (or why it was not reachable). */
async function guestRows(kube: Kube, o: { name: string; namespace: string }, cp: string): Promise<Pick<ClusterStatus, 'nodes' | 'guestVolumes' | 'clusterOperators' | 'guestError'>> {
  const out: Pick<ClusterStatus, 'nodes' | 'guestVolumes' | 'clusterOperators' | 'guestError'> = {};
  const { withClusterKubeconfig, limitsOf } = await import('../kube/cluster-kubeconfig.js');
  try {
    await withClusterKubeconfig(await adminKubeconfigSource(kube, o), { limits: limitsOf(kube) }, async (guest) => {
      const nodes = await guest.list<Node>('v1', 'Node');
      out.nodes = nodes.map((n) => ({ name: n.metadata.name, ready: ready(n), version: n.status?.nodeInfo?.kubeletVersion }));
      out.guestVolumes = await guestVolumes(guest, kube, cp);
      const cos = await guest.list('config.openshift.io/v1', 'ClusterOperator');
      out.clusterOperators = cos.map((c) => ({
        name: c.metadata.name,
        available: findCondition(c, 'Available')?.status,
        degraded: findCondition(c, 'Degraded')?.status,
        message: findCondition(c, 'Degraded')?.status === 'True' ? findCondition(c, 'Degraded')?.message : undefined,
      }));
    });
  } catch (e) {
    out.guestError = (e as Error).message;
  }
  return out;
}

export async function clusterStatus(kube: Kube, o: { name: string; namespace: string }): Promise<ClusterStatus> {
  // With external infrastructure the VMs, their launcher pods and volumes are on the infra cluster.
  const m = await readHostedCluster(kube, o, { pods: true, workers: true });
  if (!m) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} not found`, { hint: 'list them with `hcp-kv list -A`', exitCode: ExitCode.usage });
  const w = m.workers!;
  const cp = m.controlPlaneNamespace;
  const { conditions, nodePools, controlPlanePods, virtualMachines } = statusRows(m, w);
  const volumes = (await kube.list<PersistentVolumeClaim>('v1', 'PersistentVolumeClaim', { namespace: cp })).map((v) => ({ name: v.metadata.name, storageClass: v.spec?.storageClassName ?? '', phase: v.status?.phase ?? '' }));
  const out: ClusterStatus = {
    name: o.name,
    namespace: o.namespace,
    version: m.hostedCluster.status?.version?.history?.[0] ?? null,
    conditions,
    nodePools,
    controlPlanePods,
    virtualMachines,
    volumes,
    ...(w.external ? { infrastructure: { server: w.external.server, namespace: w.namespace, ...(w.launcherError ? { virtLauncherPods: `not readable with the infrastructure credentials: ${w.launcherError}` } : {}) } } : {}),
    virtLauncherPods: w.launchers.filter((p) => p.metadata.name.startsWith('virt-launcher-')).map((p) => ({ name: p.metadata.name, phase: p.status?.phase })),
  };
  if (m.hostedCluster.status?.kubeconfig?.name) Object.assign(out, await guestRows(kube, o, cp));
  return out;
}

/** `hcp-kv list`. */
export async function runList(f: ListFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'wide', 'json', 'yaml']);
  const kube = await connectKube(g);
  try {
    const rows = await listClusters(kube, f.allNamespaces ? undefined : f.namespace);
    // -o yaml is the -o json document; -o wide is the table with every cell whole, whatever the terminal.
    if (output === 'json') writeJson({ ok: true, items: rows });
    else io().stdout.write(output === 'yaml' ? dump({ ok: true, items: rows }) : rows.length ? listTable(rows, output === 'wide' ? undefined : terminalWidth(io().stdout)) : 'No hosted clusters found.\n');
  } finally {
    kube.close();
  }
}

/** `hcp-kv status NAME`. */
export async function runStatus(name: string, f: StatusFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json', 'yaml']);
  const kube = await connectKube(g);
  try {
    const s = await clusterStatus(kube, { name, namespace: f.namespace });
    // An unhealthy cluster also gets the diagnosis (what is wrong and what to do next).
    const { diagnoseCluster, findingsText } = await import('../diagnose/index.js');
    const d = await diagnoseCluster(kube, { name, namespace: f.namespace });
    if (!d.healthy) s.diagnosis = d.findings;
    if (output === 'json') writeJson({ ok: true, ...s });
    else io().stdout.write(output === 'yaml' ? dump({ ok: true, ...s }) : `${statusText(s, terminalWidth(io().stdout))}${d.healthy ? '' : `\nDiagnosis\n${findingsText(d.findings, terminalWidth(io().stdout))}`}`);
  } finally {
    kube.close();
  }
}

/** `hcp-kv create-kubeconfig NAME`: like `hcp create kubeconfig --name NAME`, which prints the Secret's kubeconfig
 * to stdout (openshift/hypershift cmd/kubeconfig/create.go@05b4fac143a3ebd239ae49745f295bda03ab7e0e), it prints
 * it when stdout is not a terminal or with --out -; otherwise (or with --out FILE) it writes a file, mode 0600,
 * never over an existing file without --force, a symlink or the management kubeconfig. */
export async function runCreateKubeconfig(name: string, f: CreateKubeconfigFlags, g: Globals): Promise<void> {
  const toStdout = f.out === '-' || (f.out === undefined && !io().stdout.isTTY);
  const out = f.out ?? `${name}-kubeconfig`;
  const file = { flag: '--out', force: f.force, private: true, kubeconfig: g.kubeconfig };
  if (!toStdout) checkOutputFile(out, file);
  const kube = await connectKube(g);
  try {
    const text = await adminKubeconfig(kube, { name, namespace: f.namespace });
    if (toStdout) io().stdout.write(text);
    else {
      await writeOutputFile(out, text, file);
      io().stderr.write(`wrote ${out} (mode 0600)\n`);
    }
  } finally {
    kube.close();
  }
}
