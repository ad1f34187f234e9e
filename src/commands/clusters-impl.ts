// Examining hosted clusters: list (like `oc get hc -A`), status (what the seed inspects by hand), and
// create-kubeconfig.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { HcpError } from '../errors.js';
import { findCondition } from '../kube/conditions.js';
import type { Condition, Kube, KubeObject } from '../kube/types.js';
import { controlPlaneNamespace, HS_API } from '../manifests/hypershift.js';
import { writeJson } from '../output/json.js';
import { table } from '../output/table.js';
import { adminKubeconfig, writePrivateFile } from '../steps/cluster/hosted-cluster.js';
import { connectKube, outputFormat, type Globals } from './common.js';

type Hc = KubeObject & { status?: { conditions?: Condition[]; version?: { history?: Array<{ state: string; version: string }> }; kubeconfig?: { name: string } } };

export async function listClusters(kube: Kube, namespace?: string): Promise<Array<Record<string, string>>> {
  const hcs = await kube.list<Hc>(HS_API, 'HostedCluster', namespace ? { namespace } : {});
  return hcs.map((hc) => {
    const available = findCondition(hc, 'Available');
    const progressing = findCondition(hc, 'Progressing');
    const degraded = findCondition(hc, 'Degraded');
    const h = hc.status?.version?.history?.[0];
    return {
      namespace: hc.metadata.namespace ?? '',
      name: hc.metadata.name,
      version: h?.state === 'Completed' ? h.version : '',
      kubeconfig: hc.status?.kubeconfig?.name ?? '',
      progress: h?.state ?? '',
      available: available?.status ?? '',
      progressing: progressing?.status ?? '',
      message: (degraded?.status === 'True' ? degraded.message : available?.status === 'True' ? '' : available?.message) ?? '',
    };
  });
}

export function listTable(rows: Array<Record<string, string>>): string {
  return table(['NAMESPACE', 'NAME', 'VERSION', 'KUBECONFIG', 'PROGRESS', 'AVAILABLE', 'PROGRESSING', 'MESSAGE'], rows.map((r) => [r.namespace!, r.name!, r.version!, r.kubeconfig!, r.progress!, r.available!, r.progressing!, r.message!]));
}

const ready = (o: KubeObject) => ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export async function clusterStatus(kube: Kube, o: { name: string; namespace: string }): Promise<Record<string, unknown>> {
  const hc = await kube.get<Hc>({ apiVersion: HS_API, kind: 'HostedCluster', name: o.name, namespace: o.namespace });
  if (!hc) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} not found`, { hint: 'list them with `hcp-kv list -A`' });
  const cp = controlPlaneNamespace(o.namespace, o.name);
  const nodePools = (await kube.list(HS_API, 'NodePool', { namespace: o.namespace })).filter((np) => (np.spec as { clusterName?: string }).clusterName === o.name);
  const pods = await kube.list('v1', 'Pod', { namespace: cp });
  const vms = await kube.list('kubevirt.io/v1', 'VirtualMachine', { namespace: cp });
  const out: Record<string, unknown> = {
    name: o.name,
    namespace: o.namespace,
    version: hc.status?.version?.history?.[0] ?? null,
    conditions: (hc.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    nodePools: nodePools.map((np) => ({ name: np.metadata.name, replicas: (np.spec as { replicas?: number }).replicas, ready: (np.status as { replicas?: number } | undefined)?.replicas ?? 0, conditions: ((np.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, message: c.message })) })),
    controlPlanePods: pods.filter((p) => !p.metadata.name.startsWith('virt-launcher-')).map((p) => ({ name: p.metadata.name, phase: (p.status as { phase?: string } | undefined)?.phase })),
    virtualMachines: vms.map((vm) => ({ name: vm.metadata.name, status: (vm.status as { printableStatus?: string } | undefined)?.printableStatus, ready: Boolean((vm.status as { ready?: boolean } | undefined)?.ready) })),
    virtLauncherPods: pods.filter((p) => p.metadata.name.startsWith('virt-launcher-')).map((p) => ({ name: p.metadata.name, phase: (p.status as { phase?: string } | undefined)?.phase })),
  };
  // Through the hosted cluster's own API: Nodes and ClusterOperators.
  if (hc.status?.kubeconfig?.name) {
    const dir = await mkdtemp(join(tmpdir(), 'hcp-kv-guest-'));
    try {
      const file = join(dir, 'kubeconfig');
      await writePrivateFile(file, await adminKubeconfig(kube, o));
      const { connect } = await import('../kube/client.js');
      const guest = await connect({ kubeconfig: file });
      try {
        const nodes = await guest.list('v1', 'Node');
        out.nodes = nodes.map((n) => ({ name: n.metadata.name, ready: ready(n), version: (n.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion }));
        const cos = await guest.list('config.openshift.io/v1', 'ClusterOperator');
        out.clusterOperators = cos.map((c) => ({ name: c.metadata.name, available: findCondition(c, 'Available')?.status, degraded: findCondition(c, 'Degraded')?.status, message: findCondition(c, 'Degraded')?.status === 'True' ? findCondition(c, 'Degraded')?.message : undefined }));
      } catch (e) {
        out.guestError = (e as Error).message;
      } finally {
        guest.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export function statusText(s: Record<string, any>): string {
  const parts: string[] = [];
  parts.push(`HostedCluster ${s.namespace}/${s.name}: version ${s.version?.version ?? '?'} ${s.version?.state ?? ''}\n`);
  parts.push(table(['condition', 'status', 'reason', 'message'], s.conditions.map((c: any) => [c.type, c.status, c.reason ?? '', c.message ?? ''])));
  parts.push(`\nNodePools\n${table(['name', 'replicas', 'ready'], s.nodePools.map((n: any) => [n.name, String(n.replicas), String(n.ready)]))}`);
  parts.push(`\nControl-plane pods\n${table(['name', 'phase'], s.controlPlanePods.map((p: any) => [p.name, p.phase ?? '']))}`);
  parts.push(`\nVirtual machines\n${table(['name', 'status', 'ready'], s.virtualMachines.map((v: any) => [v.name, v.status ?? '', String(v.ready)]))}`);
  parts.push(`\nvirt-launcher pods\n${table(['name', 'phase'], s.virtLauncherPods.map((p: any) => [p.name, p.phase ?? '']))}`);
  if (s.nodes) parts.push(`\nNodes (hosted cluster)\n${table(['name', 'ready', 'version'], s.nodes.map((n: any) => [n.name, String(n.ready), n.version ?? '']))}`);
  if (s.clusterOperators) parts.push(`\nClusterOperators (hosted cluster)\n${table(['name', 'available', 'degraded', 'message'], s.clusterOperators.map((c: any) => [c.name, c.available ?? '', c.degraded ?? '', c.message ?? '']))}`);
  if (s.guestError) parts.push(`\nhosted cluster API not reachable: ${s.guestError}\n`);
  return parts.join('');
}

/** `hcp-kv list`. */
export async function runList(f: { allNamespaces?: boolean; namespace: string; output?: string }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'json', 'yaml']);
  const kube = await connectKube(g);
  try {
    const rows = await listClusters(kube, f.allNamespaces ? undefined : f.namespace);
    if (output === 'json') writeJson({ ok: true, items: rows });
    else process.stdout.write(output === 'yaml' ? dump(rows) : rows.length ? listTable(rows) : 'No hosted clusters found.\n');
  } finally {
    kube.close();
  }
}

/** `hcp-kv status NAME`. */
export async function runStatus(name: string, f: { namespace: string; output?: string }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json', 'yaml']);
  const kube = await connectKube(g);
  try {
    const s = await clusterStatus(kube, { name, namespace: f.namespace });
    if (output === 'json') writeJson({ ok: true, ...s });
    else process.stdout.write(output === 'yaml' ? dump(s) : statusText(s));
  } finally {
    kube.close();
  }
}

/** `hcp-kv create-kubeconfig NAME`. */
export async function runCreateKubeconfig(name: string, f: { namespace: string; out?: string }, g: Globals): Promise<void> {
  const kube = await connectKube(g);
  try {
    const text = await adminKubeconfig(kube, { name, namespace: f.namespace });
    if (f.out === '-') process.stdout.write(text);
    else {
      const out = f.out ?? `${name}-kubeconfig`;
      await writePrivateFile(out, text);
      process.stderr.write(`wrote ${out} (mode 0600)\n`);
    }
  } finally {
    kube.close();
  }
}
