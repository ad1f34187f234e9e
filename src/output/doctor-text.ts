// doctor as a person reads it: the verdict first, then only the checks that matter, grouped, each with one
// hint; whatever bootstrap fixes is one command at the end, with the flags this cluster still needs.
import type { DoctorCheck, DoctorReport } from '../doctor/doctor.js';
import { fitLine, nextCommand, renderTable, wrap } from './table.js';
import { BACKUP_CHECKS, BACKUPS_ABSENT } from '../doctor/backups.js';

const GROUPS: Array<{ name: string; checks: Record<string, string> }> = [
  {
    name: 'cluster',
    checks: { api: 'API server', permissions: 'Permissions', openshift: 'OpenShift version', nodes: 'Nodes', 'default-storage-class-count': 'Default StorageClass' },
  },
  { name: 'catalogs', checks: { 'default-sources': 'Default catalog sources', catalogs: 'Catalogs', 'mirror-sets': 'Mirror sets', 'mirror-trust': 'Mirror registry CA', 'mirror-coverage': 'Mirrored images' } },
  {
    name: 'operators',
    checks: {
      'install-local-storage': 'Local Storage operator',
      'install-odf': 'ODF operator',
      'install-cnv': 'OpenShift Virtualization operator',
      'install-metallb': 'MetalLB operator',
      'install-mce': 'multicluster engine operator',
    },
  },
  {
    name: 'configuration',
    checks: {
      storage: 'ODF storage cluster',
      hyperconverged: 'OpenShift Virtualization (HyperConverged)',
      metallb: 'MetalLB address pool',
      'multicluster-engine': 'multicluster engine with HyperShift',
      'local-cluster': 'local-cluster ManagedCluster',
      'hypershift-addon': 'hypershift-addon',
      'hypershift-operator': 'HyperShift operator',
      'wildcard-ingress': 'Wildcard routes',
      'supported-versions': 'Supported OpenShift versions',
    },
  },
  {
    name: 'capacity and prerequisites',
    checks: { 'network-type': 'Network type', mtu: 'Cluster network MTU', 'live-migration': 'Live migration (RWX storage)', 'cnv-version': 'OpenShift Virtualization version', capacity: 'Capacity' },
  },
  // Optional (doctor/backups.ts): never part of the verdict on creating hosted clusters; each row has its own hint.
  { name: 'backups', checks: { 'oadp-operator': 'OADP operator', 'oadp-dpa': 'DataProtectionApplication', 'oadp-location': 'Backup storage location', 'oadp-plugins': 'Hosted-cluster plugins' } },
];

const BACKUPS = new Set<string>(BACKUP_CHECKS);

/** Checks about the cluster itself: bootstrap cannot fix them, so they keep their own hint. */
const OWN_HINT = new Set(['api', 'permissions', 'openshift', 'nodes', 'network-type', 'mtu', 'live-migration', 'cnv-version', 'capacity', ...BACKUP_CHECKS]);

export function label(check: string): string {
  for (const g of GROUPS) if (g.checks[check]) return g.checks[check]!;
  return check;
}

function state(c: DoctorCheck): string {
  if (c.status === 'ok') return c.detail;
  if (c.detail === 'not done') return c.check.startsWith('install-') ? 'not installed' : 'not set up';
  return c.detail;
}

export function verdict(r: DoctorReport): string {
  const bad = r.checks.filter((c) => c.status !== 'ok' && !BACKUPS.has(c.check));
  if (!bad.length) {
    const versions = r.checks.find((c) => c.check === 'supported-versions')?.detail.replace(/^.*OpenShift /, '');
    const backups = r.checks.find((c) => BACKUPS.has(c.check) && c.status !== 'ok' && c.detail !== BACKUPS_ABSENT);
    return `ready: hosted clusters can be created${versions ? ` (OpenShift ${versions})` : ''}${backups ? `; backups are not possible: ${backups.detail}` : ''}`;
  }
  const api = bad.find((c) => c.check === 'api');
  if (api) return `not ready: the API server cannot be reached — ${api.detail}`;
  const own = bad.filter((c) => OWN_HINT.has(c.check));
  if (own.length) return `not ready: ${own.map((c) => `${label(c.check)}: ${c.detail}`).join('; ')}`;
  const { total, todo } = r.steps;
  if (total && todo.length === total) return `not ready: bootstrap has not run — ${todo.length} of ${total} steps to do`;
  return `not ready: ${todo.length || bad.length} of ${total} bootstrap steps to do`;
}

/** The first of kv-00, kv-01, … that is not a hosted cluster yet: the name the next command suggests. */
export function freeClusterName(existing: Iterable<string>): string {
  const taken = new Set(existing);
  for (let i = 0; ; i++) {
    const name = `kv-${String(i).padStart(2, '0')}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * The report for a terminal (width) or a pipe (no width: nothing shortened). `all` also lists the checks that
 * pass; `clusters` are the hosted clusters that exist, so the create-cluster suggested names a new one.
 */
export function doctorText(r: DoctorReport, o: { width?: number; all?: boolean; clusters?: string[] } = {}): string {
  const bad = r.checks.filter((c) => c.status !== 'ok');
  // Backups are optional: a ready cluster without them still shows every check.
  const blocking = bad.filter((c) => !BACKUPS.has(c.check));
  // OADP not installed is news only on a cluster otherwise ready: beside bootstrap's own work it would be a second
  // bootstrap command (JSON and --all keep the row).
  const shown = o.all || !blocking.length ? r.checks : bad.filter((c) => c.detail !== BACKUPS_ABSENT);
  const parts = [`${fitLineWrapped(verdict(r), o.width)}\n`];
  const known = new Set(GROUPS.flatMap((g) => Object.keys(g.checks)));
  const groups = [...GROUPS.map((g) => ({ name: g.name, ids: Object.keys(g.checks) })), { name: 'other', ids: shown.map((c) => c.check).filter((id) => !known.has(id)) }];
  for (const g of groups) {
    const rows = g.ids.map((id) => shown.find((c) => c.check === id)).filter((c): c is DoctorCheck => Boolean(c));
    if (!rows.length) continue;
    const hints = rows.map((c) => (c.status !== 'ok' && OWN_HINT.has(c.check) ? (c.hint ?? '') : ''));
    const withHint = hints.some(Boolean);
    // A group where nothing is done yet is one line: the same "not set up" nine times says nothing.
    const allMissing = rows.length > 2 && rows.every((c) => c.status !== 'ok' && !OWN_HINT.has(c.check));
    if (allMissing && !o.all) {
      const line = `✖ none of ${rows.length} ${g.name === 'operators' ? 'installed' : 'set up'}: ${rows.map((c) => label(c.check)).join(', ')}`;
      parts.push(`\n${g.name.toUpperCase()}\n${fitLineWrapped(line, o.width)}\n`);
      continue;
    }
    const cells = rows.map((c, i) => [`${c.status === 'ok' ? '✔' : '✖'} ${label(c.check)}`, state(c), ...(withHint ? [hints[i]!] : [])]);
    parts.push(`\n${renderTable(cells, { headers: [g.name, 'state', ...(withHint ? ['hint'] : [])], width: o.width, notes: withHint ? [2] : [], shrinkFirst: [1] })}`);
  }
  // What bootstrap fixes: one command, named on the last line so it can be copied.
  if (bad.some((c) => !OWN_HINT.has(c.check))) parts.push(`\n${nextCommand('Next:', r.bootstrapCommand, o.width)}\n`);
  else if (!blocking.length) parts.push(`\n${nextCommand('Next:', `hcp-kv create-cluster ${freeClusterName(o.clusters ?? [])} --replicas 2 --pull-secret pull-secret.json`, o.width)}\n`);
  return parts.join('');
}

function fitLineWrapped(line: string, width: number | undefined): string {
  return width === undefined
    ? line
    : wrap(line, width, '  ')
        .map((l) => fitLine(l, width))
        .join('\n');
}
