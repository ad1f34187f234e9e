// doctor: the read-only half of bootstrap. Preflight's checks plus every step's "is it done?", as rows.
import semver from 'semver';
import { isHcpError } from '../errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import { conditionCheck } from '../kube/conditions.js';
import { poolSize, parsePool } from '../config/ip.js';
import type { BootstrapOptions } from '../config/bootstrap.js';
import { BOOTSTRAP_STEPS } from '../steps/bootstrap/index.js';
import { checkAccess, installedOperators, MIN_OPENSHIFT, openshiftVersion, supportedVersions } from '../preflight/checks.js';
import type { BootstrapContext, BootstrapStepId } from '../steps/bootstrap/context.js';
import { addressesHeld } from '../preflight/metallb-in-use.js';
import { etcdStorageCheck } from '../preflight/etcd-storage-check.js';
import { capacityRows } from '../capacity/doctor-rows.js';
import type { CapacityReport } from '../capacity/report.js';
import { disconnectedRows, readDisconnected } from '../preflight/disconnected-check.js';
import type { IPAddressPool, Node } from '../model/index.js';
import { backupRows } from './backups.js';

export interface DoctorCheck {
  check: string;
  /** warn: usable, but not what the docs advise (still ready). */
  status: 'ok' | 'warn' | 'missing' | 'failed';
  detail: string;
  hint?: string;
}

const HINTS: Partial<Record<BootstrapStepId, string>> = {
  'install-local-storage': 'hcp-kv bootstrap --only install-local-storage',
  'install-odf': 'hcp-kv bootstrap --only install-odf',
  'install-cnv': 'hcp-kv bootstrap --only install-cnv',
  'install-metallb': 'hcp-kv bootstrap --only install-metallb',
  'install-mce': 'hcp-kv bootstrap --only install-mce',
  storage: 'hcp-kv bootstrap --only storage (or --storage existing)',
  'default-storage-class': 'pick the class to make the default from `oc get sc` and pass it to `hcp-kv bootstrap --only default-storage-class --storage-class`',
  hyperconverged: 'hcp-kv bootstrap --only hyperconverged',
  'multicluster-engine': 'hcp-kv bootstrap --only multicluster-engine',
  'local-cluster': 'hcp-kv bootstrap --only local-cluster',
  'hypershift-addon': 'hcp-kv bootstrap --only hypershift-addon',
  'hypershift-operator': 'hcp-kv bootstrap --only hypershift-operator',
  'wildcard-ingress': 'hcp-kv bootstrap --only wildcard-ingress',
};

export interface DoctorReport {
  checks: DoctorCheck[];
  /** Bootstrap steps (preflight aside) that apply to this cluster, and those not done yet. */
  steps: { total: number; todo: string[] };
  /** The bootstrap command with the flags this cluster still needs (its pool, its storage). */
  bootstrapCommand: string;
  /** How many more hosted control planes and workers fit (hcp-kv capacity), when it could be read. */
  capacity?: CapacityReport;
}

/** Checks that map to a bootstrap step of another name. */
const STEP_OF_CHECK: Record<string, string> = { 'default-storage-class-count': 'default-storage-class' };

const PLACEHOLDER_COMMAND = 'hcp-kv bootstrap --metallb-addresses START-END';

export async function runDoctor(kube: Kube): Promise<DoctorReport> {
  // Unreachable or unauthorized is exit 3 for doctor too, not one more missing row: no catch.
  const v = await kube.version();
  const checks: DoctorCheck[] = [row('api', true, `${kube.server} (Kubernetes ${v.gitVersion})`)];
  const classes = await kube.list('storage.k8s.io/v1', 'StorageClass');
  const defaults = defaultClassNames(classes);
  const opts = doctorOptions(classes, defaults);
  const ctx: BootstrapContext = { opts, kube, signal: new AbortController().signal, state: {}, dryRun: false, report: () => {} };
  const access = await accessRows(ctx);
  checks.push(...access.rows);
  if (!access.ok) return doctorReport(checks, [], PLACEHOLDER_COMMAND);
  checks.push(await nodesRow(kube));
  ctx.state.installed = await installedOperators(ctx);
  checks.push(defaultClassRow(defaults));
  checks.push({ check: 'etcd-storage', ...(await etcdStorageCheck(kube)) });
  checks.push(...disconnectedRows(await readDisconnected(kube)));
  const stepIds = BOOTSTRAP_STEPS.filter((s) => s.id !== 'preflight' && (!s.enabled || s.enabled(ctx))).map((s) => s.id);
  checks.push(...(await stepRows(ctx)));
  const metallb = await metallbRow(kube);
  checks.push(metallb.row);
  const versions = await supportedVersions(ctx);
  checks.push(supportedVersionsRow(versions, ctx.state.mceVersion));
  const sized = await capacityRows(kube, versions?.[0]);
  checks.push(...sized.rows);
  checks.push(...(await backupRows(kube)));
  return doctorReport(checks, stepIds, bootstrapCommand(opts, metallb.pools), sized.capacity);
}

/** The report: a step is still to do when its check (or the check standing for it) is not ok. */
function doctorReport(checks: DoctorCheck[], stepIds: string[], bootstrapCommand: string, capacity?: CapacityReport): DoctorReport {
  const missing = new Set(checks.filter((c) => c.status !== 'ok').map((c) => STEP_OF_CHECK[c.check] ?? c.check));
  return { checks, steps: { total: stepIds.length, todo: stepIds.filter((id) => missing.has(id)) }, bootstrapCommand, ...(capacity ? { capacity } : {}) };
}

function row(check: string, ok: boolean, detail: string, hint?: string): DoctorCheck {
  return { check, status: ok ? 'ok' : 'missing', detail, ...(ok ? {} : { hint }) };
}

const errorDetail = (e: unknown): string => (isHcpError(e) ? e.message : String(e));

function defaultClassNames(classes: KubeObject[]): string[] {
  return classes.filter((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true').map((c) => c.metadata.name);
}

/** Bootstrap options as doctor guesses them: the storage is the class that is default now (doctor has no bootstrap flags). */
function doctorOptions(classes: KubeObject[], defaults: string[]): BootstrapOptions {
  return {
    storage: classes.some((c) => c.metadata.name === 'ocs-storagecluster-ceph-rbd') || !defaults.length ? 'odf-local' : defaults[0]?.startsWith('lvms-') ? 'lvms' : 'existing',
    storageClass: defaults[0] ?? 'ocs-storagecluster-ceph-rbd',
    metallbAddresses: [],
    poolName: 'hcp-kv',
    channels: {},
    timeoutMs: 0,
  };
}

/** Permissions and OpenShift version; not ok when either could not be read (doctor stops there). */
async function accessRows(ctx: BootstrapContext): Promise<{ rows: DoctorCheck[]; ok: boolean }> {
  const rows: DoctorCheck[] = [];
  try {
    const denied = await checkAccess(ctx);
    rows.push(row('permissions', !denied.length, denied.length ? `may not ${denied.join(', ')}` : 'cluster-admin level access', 'log in as a cluster admin'));
    const version = await openshiftVersion(ctx);
    rows.push(row('openshift', semver.gte(semver.coerce(version)?.version ?? '0.0.0', MIN_OPENSHIFT), `OpenShift ${version}`, 'upgrade to OpenShift 4.12 or later'));
    return { rows, ok: true };
  } catch (e) {
    rows.push({ check: 'openshift', status: 'failed', detail: errorDetail(e), hint: isHcpError(e) ? e.hint : undefined });
    return { rows, ok: false };
  }
}

async function nodesRow(kube: Kube): Promise<DoctorCheck> {
  const nodes = await kube.list<Node>('v1', 'Node');
  const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  return row('nodes', ready > 0, `${ready}/${nodes.length} Ready`, 'check `oc get nodes`');
}

function defaultClassRow(defaults: string[]): DoctorCheck {
  return row(
    'default-storage-class-count',
    defaults.length === 1,
    defaults.length ? `default: ${defaults.join(', ')}` : 'no default StorageClass',
    defaults.length > 1 ? 'exactly one class may be default: hcp-kv bootstrap --only default-storage-class' : HINTS['default-storage-class'],
  );
}

/** Every enabled bootstrap step's "is it done?" (preflight, and the steps doctor checks its own way, aside). */
async function stepRows(ctx: BootstrapContext): Promise<DoctorCheck[]> {
  const rows: DoctorCheck[] = [];
  for (const step of BOOTSTRAP_STEPS) {
    if (step.id === 'preflight' || step.id === 'default-storage-class' || step.id === 'metallb') continue;
    if (step.enabled && !step.enabled(ctx)) continue;
    try {
      const done = await step.skip!(ctx);
      rows.push(row(step.id, done !== false, done === false ? 'not done' : done, HINTS[step.id]));
    } catch (e) {
      rows.push({ check: step.id, status: 'failed', detail: errorDetail(e), hint: HINTS[step.id] });
    }
  }
  return rows;
}

/** MetalLB: Available, with an advertised pool that still has free addresses. */
async function metallbRow(kube: Kube): Promise<{ row: DoctorCheck; pools: IPAddressPool[] }> {
  const mlb = await kube.get({ apiVersion: 'metallb.io/v1beta1', kind: 'MetalLB', name: 'metallb', namespace: 'metallb-system' });
  const available = conditionCheck('Available')(mlb);
  const mlbOk = 'done' in available && available.done;
  const pools = await kube.list<IPAddressPool>('metallb.io/v1beta1', 'IPAddressPool', { namespace: 'metallb-system' });
  const { size, free } = await poolAddresses(kube, pools);
  const ranges = pools.flatMap((p) => p.spec?.addresses ?? []).join(',');
  const metallb = row(
    'metallb',
    mlbOk && free > 0n,
    mlbOk ? `${pools.length} pool(s), ${free} of ${size} addresses free` : 'MetalLB is not Available',
    mlbOk
      ? `add a free range to the pool: pass the current ranges (${ranges || 'none'}) plus the new one to \`hcp-kv bootstrap --only metallb --metallb-addresses\``
      : 'configure it: `hcp-kv bootstrap --only install-metallb,metallb --metallb-addresses` with your free range',
  );
  return { row: metallb, pools };
}

/** Addresses in the pools, and how many no Service holds yet. */
async function poolAddresses(kube: Kube, pools: IPAddressPool[]): Promise<{ size: bigint; free: bigint }> {
  let size = 0n;
  let used = 0n;
  for (const p of pools) {
    try {
      size += poolSize(parsePool(p.spec?.addresses ?? []));
      // Only addresses inside a pool use it up (a Service may hold one from elsewhere); never below zero.
      used += BigInt(new Set((await addressesHeld(kube, p.spec?.addresses ?? [])).map((h) => h.ip)).size);
    } catch {
      /* an invalid pool gives no addresses */
    }
  }
  return { size, free: size > used ? size - used : 0n };
}

function supportedVersionsRow(versions: string[] | undefined, mceVersion: string | undefined): DoctorCheck {
  return row(
    'supported-versions',
    Boolean(versions?.length),
    versions?.length ? `MCE ${mceVersion ?? '?'}: OpenShift ${versions.join(', ')}` : 'no hypershift/supported-versions ConfigMap',
    'the HyperShift operator publishes it once installed',
  );
}

/** The flags bootstrap still needs: the addresses already in a pool (else a placeholder), the storage in use. */
function bootstrapCommand(opts: BootstrapOptions, pools: IPAddressPool[]): string {
  const addresses = pools.find((p) => p.metadata.name === opts.poolName)?.spec?.addresses ?? pools[0]?.spec?.addresses;
  return ['hcp-kv bootstrap', `--metallb-addresses ${addresses?.length ? addresses.join(',') : 'START-END'}`, ...(opts.storage === 'existing' ? [`--storage existing --storage-class ${opts.storageClass}`] : [])].join(' ');
}
