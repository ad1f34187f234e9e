// Examining hosted clusters: list (like `oc get hc -A`), status (what the seed inspects by hand), and
// create-kubeconfig.
import { dump } from 'js-yaml';
import { ExitCode, HcpError } from '../errors.js';
import { findCondition } from '../kube/conditions.js';
import type { Condition, Kube, KubeObject } from '../kube/types.js';
import { controlPlaneNamespace, HS_API } from '../manifests/hypershift.js';
import { writeJson } from '../output/json.js';
import { escapeControl } from '../output/escape.js';
import { renderTable, terminalWidth, wrap } from '../output/table.js';
import { checkOutputFile, writeOutputFile } from '../output/write-file.js';
import { adminKubeconfig, adminKubeconfigSource } from '../steps/cluster/hosted-cluster.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { io } from '../run/io.js';

type Hc = KubeObject & { status?: { conditions?: Condition[]; version?: { history?: Array<{ state: string; version: string }> }; kubeconfig?: { name: string } } };

export async function listClusters(kube: Kube, namespace?: string): Promise<Array<Record<string, string>>> {
  const hcs = await kube.list<Hc>(HS_API, 'HostedCluster', namespace ? { namespace } : {});
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
  return renderTable(rows.map((r) => [r.namespace!, r.name!, r.version!, r.kubeconfig!, r.progress!, r.available!, r.progressing!, r.message!]), { headers: ['NAMESPACE', 'NAME', 'VERSION', 'KUBECONFIG', 'PROGRESS', 'AVAILABLE', 'PROGRESSING', 'MESSAGE'], width, shrinkFirst: [7], notes: [7], notesBelow: 20 });
}

const ready = (o: KubeObject) => ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Where the cluster's VMs are: the management cluster, or the infrastructure cluster its credentials Secret reaches. */
async function vmSide(kube: Kube, hc: Hc, cp: string): Promise<{ kube: Kube; namespace: string; external: boolean; server?: string; close(): Promise<void> }> {
  const creds = (hc.spec as { platform?: { kubevirt?: { credentials?: { infraKubeConfigSecret?: { name: string; key?: string }; infraNamespace?: string } } } } | undefined)?.platform?.kubevirt?.credentials;
  if (!creds?.infraKubeConfigSecret || !creds.infraNamespace) return { kube, namespace: cp, external: false, close: async () => {} };
  const secret = await kube.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', name: creds.infraKubeConfigSecret.name, namespace: hc.metadata.namespace });
  const text = Buffer.from(secret?.data?.[creds.infraKubeConfigSecret.key ?? 'kubeconfig'] ?? '', 'base64').toString('utf8');
  if (!text) throw new HcpError(`Secret ${hc.metadata.namespace}/${creds.infraKubeConfigSecret.name} holds no infrastructure kubeconfig`, { hint: 're-create the cluster with --infra-kubeconfig-file' });
  const { connectWithClusterKubeconfig, limitsOf } = await import('../kube/cluster-kubeconfig.js');
  const infra = await connectWithClusterKubeconfig({ text, source: `Secret ${hc.metadata.namespace}/${creds.infraKubeConfigSecret.name} (key ${creds.infraKubeConfigSecret.key ?? 'kubeconfig'}, the infrastructure kubeconfig of HostedCluster ${hc.metadata.namespace}/${hc.metadata.name})` }, { limits: limitsOf(kube) });
  return { kube: infra, namespace: creds.infraNamespace, external: true, server: infra.server, close: async () => infra.close() };
}

/** The guest's PVCs and what backs each on the infrastructure side (kubevirt-csi: a PVC in the control-plane namespace). */
async function guestVolumes(guest: Kube, infra: Kube, cp: string): Promise<Array<Record<string, string>>> {
  const pvs = new Map((await guest.list('v1', 'PersistentVolume')).map((pv) => [pv.metadata.name, pv.spec as { csi?: { driver?: string; volumeHandle?: string } }]));
  const out: Array<Record<string, string>> = [];
  for (const pvc of await guest.list('v1', 'PersistentVolumeClaim')) {
    const spec = pvc.spec as { storageClassName?: string; volumeName?: string };
    const csi = spec.volumeName ? pvs.get(spec.volumeName)?.csi : undefined;
    const backing = csi?.driver === 'csi.kubevirt.io' && csi.volumeHandle ? await infra.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: csi.volumeHandle, namespace: cp }) : undefined;
    out.push({
      namespace: pvc.metadata.namespace ?? '',
      name: pvc.metadata.name,
      storageClass: spec.storageClassName ?? '',
      phase: (pvc.status as { phase?: string } | undefined)?.phase ?? '',
      backedBy: backing ? `${cp}/${backing.metadata.name}` : '',
      infraStorageClass: (backing?.spec as { storageClassName?: string } | undefined)?.storageClassName ?? '',
      infraPhase: (backing?.status as { phase?: string } | undefined)?.phase ?? '',
    });
  }
  return out;
}

/** A VM's host devices and secondary networks (multus), as its template asks for them. */
function vmExtras(vm: KubeObject): { hostDevices?: string[]; networks?: string[] } {
  const spec = (vm.spec as { template?: { spec?: { domain?: { devices?: { hostDevices?: Array<{ deviceName: string }> } }; networks?: Array<{ multus?: { networkName: string } }> } } } | undefined)?.template?.spec;
  const hostDevices = (spec?.domain?.devices?.hostDevices ?? []).map((h) => h.deviceName);
  const networks = (spec?.networks ?? []).flatMap((n) => (n.multus ? [n.multus.networkName] : []));
  return { ...(hostDevices.length ? { hostDevices } : {}), ...(networks.length ? { networks } : {}) };
}

export async function clusterStatus(kube: Kube, o: { name: string; namespace: string }): Promise<Record<string, unknown>> {
  const hc = await kube.get<Hc>({ apiVersion: HS_API, kind: 'HostedCluster', name: o.name, namespace: o.namespace });
  if (!hc) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} not found`, { hint: 'list them with `hcp-kv list -A`', exitCode: ExitCode.usage });
  const cp = controlPlaneNamespace(o.namespace, o.name);
  const nodePools = (await kube.list(HS_API, 'NodePool', { namespace: o.namespace })).filter((np) => (np.spec as { clusterName?: string }).clusterName === o.name);
  const pods = await kube.list('v1', 'Pod', { namespace: cp });
  // With external infrastructure the VMs, their launcher pods and volumes are on the infra cluster.
  const side = await vmSide(kube, hc, cp);
  let vms: KubeObject[];
  let vmNodes: Map<string, string | undefined>;
  let launchers: KubeObject[];
  let launcherError: string | undefined;
  try {
    vms = await side.kube.list('kubevirt.io/v1', 'VirtualMachine', { namespace: side.namespace });
    vmNodes = new Map((await side.kube.list('kubevirt.io/v1', 'VirtualMachineInstance', { namespace: side.namespace })).map((vmi) => [vmi.metadata.name, (vmi.status as { nodeName?: string } | undefined)?.nodeName]));
    // The docs' least-privilege Role does not grant pods: without it, say so instead of failing.
    launchers = side.external ? await side.kube.list('v1', 'Pod', { namespace: side.namespace }).catch((e: unknown) => {
      launcherError = (e as Error).message;
      return [];
    }) : pods;
  } finally {
    await side.close();
  }
  const nodeOf = (p: KubeObject) => (p.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  const pendingReason = (p: KubeObject) => ((p.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message;
  const out: Record<string, unknown> = {
    name: o.name,
    namespace: o.namespace,
    version: hc.status?.version?.history?.[0] ?? null,
    conditions: (hc.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    nodePools: nodePools.map((np) => ({ name: np.metadata.name, replicas: (np.spec as { replicas?: number }).replicas, ready: (np.status as { replicas?: number } | undefined)?.replicas ?? 0, conditions: ((np.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, message: c.message })) })),
    controlPlanePods: pods.filter((p) => !p.metadata.name.startsWith('virt-launcher-')).map((p) => ({ name: p.metadata.name, phase: (p.status as { phase?: string } | undefined)?.phase, node: nodeOf(p), ...(pendingReason(p) ? { reason: pendingReason(p) } : {}) })),
    virtualMachines: vms.map((vm) => ({ name: vm.metadata.name, status: (vm.status as { printableStatus?: string } | undefined)?.printableStatus, ready: Boolean((vm.status as { ready?: boolean } | undefined)?.ready), node: vmNodes.get(vm.metadata.name) ?? '', ...vmExtras(vm) })),
    volumes: (await kube.list('v1', 'PersistentVolumeClaim', { namespace: cp })).map((v) => ({ name: v.metadata.name, storageClass: (v.spec as { storageClassName?: string }).storageClassName ?? '', phase: (v.status as { phase?: string } | undefined)?.phase ?? '' })),
    ...(side.external ? { infrastructure: { server: side.server, namespace: side.namespace, ...(launcherError ? { virtLauncherPods: `not readable with the infrastructure credentials: ${launcherError}` } : {}) } } : {}),
    virtLauncherPods: launchers.filter((p) => p.metadata.name.startsWith('virt-launcher-')).map((p) => ({ name: p.metadata.name, phase: (p.status as { phase?: string } | undefined)?.phase })),
  };
  // Through the hosted cluster's own API: Nodes and ClusterOperators.
  if (hc.status?.kubeconfig?.name) {
    const { withClusterKubeconfig, limitsOf } = await import('../kube/cluster-kubeconfig.js');
    try {
      await withClusterKubeconfig(await adminKubeconfigSource(kube, o), { limits: limitsOf(kube) }, async (guest) => {
        const nodes = await guest.list('v1', 'Node');
        out.nodes = nodes.map((n) => ({ name: n.metadata.name, ready: ready(n), version: (n.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion }));
        out.guestVolumes = await guestVolumes(guest, kube, cp);
        const cos = await guest.list('config.openshift.io/v1', 'ClusterOperator');
        out.clusterOperators = cos.map((c) => ({ name: c.metadata.name, available: findCondition(c, 'Available')?.status, degraded: findCondition(c, 'Degraded')?.status, message: findCondition(c, 'Degraded')?.status === 'True' ? findCondition(c, 'Degraded')?.message : undefined }));
      });
    } catch (e) {
      out.guestError = (e as Error).message;
    }
  }
  return out;
}

/** A condition in the state that means trouble: Degraded True, or any other positive condition False. */
export function conditionIsWrong(c: { type: string; status: string }): boolean {
  if (c.type === 'Degraded') return c.status === 'True';
  if (c.type === 'Progressing' || c.type === 'ReconciliationPaused') return false;
  return c.status === 'False' || c.status === 'Unknown';
}

/** What is wrong, one line each, so it leads the report. */
export function problems(s: Record<string, any>): string[] {
  const out: string[] = [];
  if (s.version?.state !== 'Completed') out.push(`version ${s.version?.version ?? '?'} is ${s.version?.state ?? 'not started'}`);
  for (const c of s.conditions as any[]) if (conditionIsWrong(c)) out.push(`${c.type} is ${c.status}${c.message ? `: ${c.message}` : ''}`);
  for (const n of s.nodePools as any[]) if (n.ready < (n.replicas ?? 0)) out.push(`NodePool ${n.name}: ${n.ready} of ${n.replicas} ready`);
  for (const v of s.virtualMachines as any[]) if (!v.ready) out.push(`VM ${v.name} is ${v.status ?? 'not ready'}`);
  for (const p of [...s.controlPlanePods, ...s.virtLauncherPods] as any[]) if (p.phase !== 'Running' && p.phase !== 'Succeeded') out.push(`pod ${p.name} is ${p.phase ?? 'Unknown'}`);
  for (const n of (s.nodes ?? []) as any[]) if (!n.ready) out.push(`node ${n.name} is not Ready`);
  for (const c of (s.clusterOperators ?? []) as any[]) if (c.available !== 'True' || c.degraded === 'True') out.push(`ClusterOperator ${c.name}: ${c.degraded === 'True' ? `Degraded${c.message ? `: ${c.message}` : ''}` : 'not Available'}`);
  if (s.guestError) out.push(`hosted cluster API not reachable: ${s.guestError}`);
  return out;
}

/** status for a person: what is wrong first, then every table, each fitting `width` when on a terminal. */
export function statusText(s: Record<string, any>, width?: number): string {
  const parts: string[] = [];
  const wrong = problems(s);
  // Messages come from the cluster: control characters shown, not obeyed (src/output/escape.ts).
  const fit = (raw: string) => {
    const line = escapeControl(raw, { lines: true });
    return width === undefined ? line : wrap(line, width, '    ').join('\n');
  };
  parts.push(`${fit(`HostedCluster ${s.namespace}/${s.name}: version ${s.version?.version ?? '?'} ${s.version?.state ?? ''}`.trimEnd())}\n`);
  parts.push(wrong.length ? `${wrong.length} problem${wrong.length > 1 ? 's' : ''}:\n${wrong.map((w) => `${fit(`  ✖ ${w}`)}\n`).join('')}\n` : 'No problems found.\n\n');
  // Free-text messages give way first, names last.
  const t = (headers: string[], rows: string[][]) => renderTable(rows, { headers, width, shrinkFirst: headers[headers.length - 1] === 'message' ? [headers.length - 1] : [] });
  const conditions = [...s.conditions].sort((a: any, b: any) => Number(conditionIsWrong(b)) - Number(conditionIsWrong(a)));
  parts.push(t(['condition', 'status', 'reason', 'message'], conditions.map((c: any) => [c.type, c.status, c.reason ?? '', c.message ?? ''])));
  parts.push(`\nNodePools\n${t(['name', 'replicas', 'ready'], s.nodePools.map((n: any) => [n.name, String(n.replicas), String(n.ready)]))}`);
  parts.push(`\nControl-plane pods\n${t(['name', 'phase', 'node', 'reason'], s.controlPlanePods.map((p: any) => [p.name, p.phase ?? '', p.node ?? '', p.reason ?? '']))}`);
  parts.push(`\nVirtual machines\n${t(['name', 'status', 'ready', 'node', 'devices', 'networks'], s.virtualMachines.map((v: any) => [v.name, v.status ?? '', String(v.ready), v.node ?? '', (v.hostDevices ?? []).join(','), (v.networks ?? []).join(',')]))}`);
  if (s.volumes?.length) parts.push(`\nVolumes (control-plane namespace)\n${t(['name', 'storage class', 'phase'], s.volumes.map((v: any) => [v.name, v.storageClass, v.phase]))}`);
  parts.push(`\nvirt-launcher pods\n${t(['name', 'phase'], s.virtLauncherPods.map((p: any) => [p.name, p.phase ?? '']))}`);
  if (s.nodes) parts.push(`\nNodes (hosted cluster)\n${t(['name', 'ready', 'version'], s.nodes.map((n: any) => [n.name, String(n.ready), n.version ?? '']))}`);
  if (s.guestVolumes?.length) parts.push(`\nPersistent volumes (hosted cluster, kubevirt-csi)\n${t(['namespace', 'name', 'class', 'phase', 'backed by', 'infra class', 'infra phase'], s.guestVolumes.map((v: any) => [v.namespace, v.name, v.storageClass, v.phase, v.backedBy, v.infraStorageClass, v.infraPhase]))}`);
  if (s.clusterOperators) parts.push(`\nClusterOperators (hosted cluster)\n${t(['name', 'available', 'degraded', 'message'], s.clusterOperators.map((c: any) => [c.name, c.available ?? '', c.degraded ?? '', c.message ?? '']))}`);
  return parts.join('');
}

/** `hcp-kv list`. */
/** The flags of `list`, `status` and `create-kubeconfig` (declared once; clusters.ts binds them). */
export interface ListFlags {
  allNamespaces?: boolean;
  namespace: string;
  output?: string;
}
export interface StatusFlags {
  name?: string;
  namespace: string;
  output?: string;
}
export interface CreateKubeconfigFlags {
  name?: string;
  namespace: string;
  out?: string;
  force?: boolean;
}

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
