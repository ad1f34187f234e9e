// `hcp-kv status` for a person: what is wrong first, then every table, each fitting the terminal.
import { nodePoolConditionProblems } from '../diagnose/kubevirt-rules.js';
import type { ClusterStatus } from '../model/cluster-status.js';
import { escapeControl } from './escape.js';
import { renderTable, wrap } from './table.js';

/** A condition in the state that means trouble: Degraded True, or any other positive condition False. */
export function conditionIsWrong(c: { type: string; status: string }): boolean {
  if (c.type === 'Degraded') return c.status === 'True';
  if (c.type === 'Progressing' || c.type === 'ReconciliationPaused') return false;
  return c.status === 'False' || c.status === 'Unknown';
}

/** What is wrong, one line each, so it leads the report. */
export function problems(s: ClusterStatus): string[] {
  const out: string[] = [];
  if (s.version?.state !== 'Completed') out.push(`version ${s.version?.version ?? '?'} is ${s.version?.state ?? 'not started'}`);
  for (const c of s.conditions) if (conditionIsWrong(c)) out.push(`${c.type} is ${c.status}${c.message ? `: ${c.message}` : ''}`);
  for (const n of s.nodePools) if (n.ready < (n.replicas ?? 0)) out.push(`NodePool ${n.name}: ${n.ready} of ${n.replicas} ready`);
  out.push(...nodePoolConditionProblems(s.nodePools));
  for (const v of s.virtualMachines) if (!v.ready) out.push(`VM ${v.name} is ${v.status ?? 'not ready'}`);
  for (const p of [...s.controlPlanePods, ...s.virtLauncherPods]) if (p.phase !== 'Running' && p.phase !== 'Succeeded') out.push(`pod ${p.name} is ${p.phase ?? 'Unknown'}`);
  for (const n of s.nodes ?? []) if (!n.ready) out.push(`node ${n.name} is not Ready`);
  for (const c of s.clusterOperators ?? []) if (c.available !== 'True' || c.degraded === 'True') out.push(`ClusterOperator ${c.name}: ${c.degraded === 'True' ? `Degraded${c.message ? `: ${c.message}` : ''}` : 'not Available'}`);
  if (s.guestError) out.push(`hosted cluster API not reachable: ${s.guestError}`);
  return out;
}

/** status for a person: what is wrong first, then every table, each fitting `width` when on a terminal. */
export function statusText(s: ClusterStatus, width?: number): string {
  // Messages come from the cluster: control characters shown, not obeyed (src/output/escape.ts).
  const fit = (raw: string) => {
    const line = escapeControl(raw, { lines: true });
    return width === undefined ? line : wrap(line, width, '    ').join('\n');
  };
  const wrong = problems(s);
  const headline = `${fit(`HostedCluster ${s.namespace}/${s.name}: version ${s.version?.version ?? '?'} ${s.version?.state ?? ''}`.trimEnd())}\n`;
  const problemLines = wrong.length ? `${wrong.length} problem${wrong.length > 1 ? 's' : ''}:\n${wrong.map((w) => `${fit(`  ✖ ${w}`)}\n`).join('')}\n` : 'No problems found.\n\n';
  const tables = statusTables(s).map((t) => `${t.title === undefined ? '' : `\n${t.title}\n`}${sectionTable(t, width)}`);
  return [headline, problemLines, ...tables].join('');
}

interface StatusTable {
  /** Printed above the table; the conditions table, right under the problems, has none. */
  title?: string;
  headers: string[];
  rows: string[][];
}

/** Free-text messages give way first, names last. */
function sectionTable(t: StatusTable, width: number | undefined): string {
  const { headers } = t;
  return renderTable(t.rows, { headers, width, shrinkFirst: headers[headers.length - 1] === 'message' ? [headers.length - 1] : [] });
}

/** The tables of the report, in order; optional ones only when the status has them. */
function statusTables(s: ClusterStatus): StatusTable[] {
  const conditions = [...s.conditions].sort((a, b) => Number(conditionIsWrong(b)) - Number(conditionIsWrong(a)));
  const tables: Array<StatusTable | false | undefined> = [
    { headers: ['condition', 'status', 'reason', 'message'], rows: conditions.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']) },
    { title: 'NodePools', headers: ['name', 'replicas', 'ready'], rows: s.nodePools.map((n) => [n.name, String(n.replicas), String(n.ready)]) },
    { title: 'Control-plane pods', headers: ['name', 'phase', 'node', 'reason'], rows: s.controlPlanePods.map((p) => [p.name, p.phase ?? '', p.node ?? '', p.reason ?? '']) },
    {
      title: 'Virtual machines',
      headers: ['name', 'status', 'ready', 'node', 'devices', 'networks'],
      rows: s.virtualMachines.map((v) => [v.name, v.status ?? '', String(v.ready), v.node ?? '', (v.hostDevices ?? []).join(','), (v.networks ?? []).join(',')]),
    },
    Boolean(s.volumes?.length) && { title: 'Volumes (control-plane namespace)', headers: ['name', 'storage class', 'phase'], rows: (s.volumes ?? []).map((v) => [v.name, v.storageClass, v.phase]) },
    { title: 'virt-launcher pods', headers: ['name', 'phase'], rows: s.virtLauncherPods.map((p) => [p.name, p.phase ?? '']) },
    s.nodes && { title: 'Nodes (hosted cluster)', headers: ['name', 'ready', 'version'], rows: s.nodes.map((n) => [n.name, String(n.ready), n.version ?? '']) },
    Boolean(s.guestVolumes?.length) && {
      title: 'Persistent volumes (hosted cluster, kubevirt-csi)',
      headers: ['namespace', 'name', 'class', 'phase', 'backed by', 'infra class', 'infra phase'],
      rows: (s.guestVolumes ?? []).map((v) => [v.namespace, v.name, v.storageClass, v.phase, v.backedBy, v.infraStorageClass, v.infraPhase]),
    },
    s.clusterOperators && { title: 'ClusterOperators (hosted cluster)', headers: ['name', 'available', 'degraded', 'message'], rows: s.clusterOperators.map((c) => [c.name, c.available ?? '', c.degraded ?? '', c.message ?? '']) },
  ];
  return tables.filter((t): t is StatusTable => Boolean(t));
}
