// kube-apiserver's printer columns for the built-in kinds the embedded cluster serves, after
// kubernetes/kubernetes pkg/printers/internalversion/printers.go (the revision with the VolumeAttributesClass
// columns, v1.31+): AddHandlers' column definitions and printPod, printNode, printNamespace, printService,
// printDeployment, printSecret, printConfigMap, printPersistentVolumeClaim, printEvent. The server always
// generates the wide cells (pkg/printers/storage/storage.go converts with Wide: true); kubectl hides the
// priority-1 columns unless `-o wide`.
import type { Obj } from './merge.js';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Printer = { columns: Column[]; cells: (o: Obj) => unknown[] };

const col = (name: string, type = 'string', priority = 0, format = ''): Column => ({ name, type, format, description: '', priority });
const NAME = col('Name', 'string', 0, 'name');
const AGE = col('Age');

/** k8s.io/apimachinery/pkg/util/duration HumanDuration: 45s, 3m20s, 5h10m, 2d1h, 47h ... */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** translateTimestampSince: "<unknown>" for a missing timestamp. */
export function age(ts: string | undefined | null): string {
  const t = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(Date.now() - t);
}

/** labels.FormatLabels / LabelSelectorAsSelector().String(): sorted k=v pairs, "<none>" when empty. */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

function pod(o: Obj): unknown[] {
  const st = o.status ?? {};
  let reason: string = st.reason || st.phase || '';
  if ((st.conditions ?? []).some((c: Obj) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  let restarts = 0;
  let ready = 0;
  let hasRunning = false;
  const statuses: Obj[] = st.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    restarts += c.restartCount ?? 0;
    const s = c.state ?? {};
    if (s.waiting?.reason) reason = s.waiting.reason;
    else if (s.terminated?.reason) reason = s.terminated.reason;
    else if (s.terminated) reason = s.terminated.signal ? `Signal:${s.terminated.signal}` : `ExitCode:${s.terminated.exitCode ?? 0}`;
    else if (c.ready && s.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) reason = (st.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  if (o.metadata?.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (o.metadata?.deletionTimestamp && st.phase !== 'Succeeded' && st.phase !== 'Failed') reason = 'Terminating';
  const gates: Obj[] = o.spec?.readinessGates ?? [];
  const gatesTrue = gates.filter((g) => (st.conditions ?? []).some((c: Obj) => c.type === g.conditionType && c.status === 'True')).length;
  return [
    o.metadata.name,
    `${ready}/${(o.spec?.containers ?? []).length}`,
    reason,
    String(restarts),
    age(o.metadata.creationTimestamp),
    st.podIPs?.[0]?.ip || st.podIP || '<none>',
    o.spec?.nodeName || '<none>',
    st.nominatedNodeName || '<none>',
    gates.length ? `${gatesTrue}/${gates.length}` : '<none>',
  ];
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
function nodeRoles(labels: Record<string, string> = {}): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function node(o: Obj): unknown[] {
  const readyCond = (o.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
  const status = readyCond ? [readyCond.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (o.spec?.unschedulable) status.push('SchedulingDisabled');
  const addr = (t: string) => (o.status?.addresses ?? []).find((a: Obj) => a.type === t)?.address ?? '<none>';
  const info = o.status?.nodeInfo ?? {};
  return [
    o.metadata.name,
    status.join(','),
    nodeRoles(o.metadata.labels),
    age(o.metadata.creationTimestamp),
    info.kubeletVersion ?? '',
    addr('InternalIP'),
    addr('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

function serviceExternalIP(o: Obj): string {
  const ext: string[] = o.spec?.externalIPs ?? [];
  switch (o.spec?.type) {
    case 'LoadBalancer': {
      const lb = (o.status?.loadBalancer?.ingress ?? []).map((i: Obj) => i.ip || i.hostname).filter(Boolean);
      const all = [...lb, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return o.spec.externalName ?? '<none>';
    default:
      return ext.length ? ext.join(',') : '<none>';
  }
}

function service(o: Obj): unknown[] {
  const ports = (o.spec?.ports ?? []).map((p: Obj) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
  return [o.metadata.name, o.spec?.type ?? 'ClusterIP', o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP ?? '<none>', serviceExternalIP(o), ports || '<none>', age(o.metadata.creationTimestamp), formatLabels(o.spec?.selector)];
}

function deployment(o: Obj): unknown[] {
  const containers: Obj[] = o.spec?.template?.spec?.containers ?? [];
  const sel = o.spec?.selector ?? {};
  const exprs = (sel.matchExpressions ?? []).map((e: Obj) => `${e.key} ${String(e.operator).toLowerCase()} (${(e.values ?? []).join(',')})`);
  const selector =
    [
      ...Object.keys(sel.matchLabels ?? {})
        .sort()
        .map((k) => `${k}=${sel.matchLabels[k]}`),
      ...exprs,
    ].join(',') || '<none>';
  return [
    o.metadata.name,
    `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
    o.status?.updatedReplicas ?? 0,
    o.status?.availableReplicas ?? 0,
    age(o.metadata.creationTimestamp),
    containers.map((c) => c.name).join(','),
    containers.map((c) => c.image).join(','),
    selector,
  ];
}

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

function pvc(o: Obj): unknown[] {
  const bound = !!o.spec?.volumeName;
  const modes = bound
    ? Object.keys(ACCESS_MODES)
        .filter((m) => (o.status?.accessModes ?? []).includes(m))
        .map((m) => ACCESS_MODES[m])
        .join(',')
    : '';
  const sc = o.spec?.storageClassName ?? o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  return [
    o.metadata.name,
    o.metadata?.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
    o.spec?.volumeName ?? '',
    bound ? (o.status?.capacity?.storage ?? '') : '',
    modes,
    sc,
    o.spec?.volumeAttributesClassName || '<unset>',
    age(o.metadata.creationTimestamp),
    o.spec?.volumeMode ?? '<unset>',
  ];
}

function event(o: Obj): unknown[] {
  const first = o.firstTimestamp ? age(o.firstTimestamp) : age(o.eventTime);
  let last = o.lastTimestamp ? age(o.lastTimestamp) : first;
  let count = o.count || 1;
  if (o.series) {
    last = age(o.series.lastObservedTime);
    count = o.series.count;
  }
  const io = o.involvedObject ?? {};
  const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
  const src = o.source?.component ? [o.source.component, o.source.host].filter(Boolean).join(', ') : [o.reportingComponent, o.reportingInstance].filter(Boolean).join(', ');
  return [last, o.type ?? '', o.reason ?? '', target, io.fieldPath ?? '', src, String(o.message ?? '').trim(), first, count, o.metadata.name];
}

const PRINTERS: Record<string, Printer> = {
  '/pods': { columns: [NAME, col('Ready'), col('Status'), col('Restarts'), AGE, col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)], cells: pod },
  '/nodes': {
    columns: [
      NAME,
      col('Status'),
      col('Roles'),
      AGE,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    cells: node,
  },
  '/namespaces': { columns: [NAME, col('Status'), AGE], cells: (o) => [o.metadata.name, o.status?.phase ?? '', age(o.metadata.creationTimestamp)] },
  '/services': { columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 'string', 1)], cells: service },
  'apps/deployments': { columns: [NAME, col('Ready'), col('Up-to-date'), col('Available'), AGE, col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)], cells: deployment },
  '/secrets': { columns: [NAME, col('Type'), col('Data'), AGE], cells: (o) => [o.metadata.name, o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, age(o.metadata.creationTimestamp)] },
  '/configmaps': { columns: [NAME, col('Data'), AGE], cells: (o) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o.metadata.creationTimestamp)] },
  '/persistentvolumeclaims': { columns: [NAME, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), AGE, col('VolumeMode', 'string', 1)], cells: pvc },
  '/events': {
    columns: [
      col('Last Seen'),
      col('Type'),
      col('Reason'),
      col('Object'),
      col('Subobject', 'string', 1),
      col('Source', 'string', 1),
      col('Message'),
      col('First Seen', 'string', 1),
      col('Count', 'string', 1),
      col('Name', 'string', 1, 'name'),
    ],
    cells: event,
  },
};

/** The printer of a built-in kind, or undefined (kube's default NAME / CREATED AT table then). */
export function builtinPrinter(plural: string, group: string): Printer | undefined {
  return PRINTERS[`${group}/${plural}`];
}
