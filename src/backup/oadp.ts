// Reading OADP/Velero state before acting (nothing here writes): Velero's API served (OADP installed), a
// BackupStorageLocation Available, a Backup's phase and whether it holds a hosted cluster. Every refusal is an
// HcpError saying what failed, on which object, and what to do next; exit 3 for a cluster not ready for backups,
// exit 2 for bad input. Velero's phases: vmware-tanzu/velero pkg/apis/velero/v1/backup_types.go and
// restore_types.go @d30d389b56068eebd675d9953492183cb7b58a78.
import { ExitCode, HcpError, usageError } from '../errors.js';
import type { Check, Kube, KubeObject } from '../kube/types.js';
import { VELERO } from './objects.js';

export type Velero = KubeObject & {
  spec?: { includedNamespaces?: string[]; storageLocation?: string; ttl?: string; schedule?: string; paused?: boolean; template?: { includedNamespaces?: string[] } };
  status?: {
    phase?: string;
    validationErrors?: string[];
    errors?: number;
    warnings?: number;
    failureReason?: string;
    startTimestamp?: string;
    completionTimestamp?: string;
    expiration?: string;
    lastBackup?: string;
    progress?: { totalItems?: number; itemsBackedUp?: number; itemsRestored?: number };
  };
};

export const veleroRef = (kind: 'Backup' | 'Restore' | 'Schedule' | 'BackupStorageLocation', name: string, namespace: string) => ({ apiVersion: VELERO, kind, name, namespace });

const notInstalled = () =>
  new HcpError('OADP is not installed: run hcp-kv bootstrap --with-oadp', { hint: 'the Velero API (backups.velero.io) is not served on this management cluster; nothing was changed', exitCode: ExitCode.unreachable });

/** Velero's kinds are served (OADP installed), else exit 3. */
export async function requireOadp(kube: Kube): Promise<void> {
  for (const kind of ['Backup', 'Restore', 'Schedule', 'BackupStorageLocation']) if (!(await kube.hasKind(VELERO, kind))) throw notInstalled();
}

/** The BackupStorageLocation exists and is Available, else exit 3 naming its phase. */
export async function requireLocation(kube: Kube, name: string, namespace: string): Promise<void> {
  const bsl = await kube.get<Velero>(veleroRef('BackupStorageLocation', name, namespace));
  if (!bsl) {
    const others = (await kube.list(VELERO, 'BackupStorageLocation', { namespace })).map((b) => b.metadata.name);
    throw new HcpError(`BackupStorageLocation ${namespace}/${name} not found${others.length ? ` (there: ${others.join(', ')})` : ''}`, {
      hint: `pass --storage-location with one of them, or configure the location with hcp-kv bootstrap --with-oadp; nothing was changed`,
      exitCode: ExitCode.unreachable,
    });
  }
  const phase = bsl.status?.phase;
  if (phase !== 'Available')
    throw new HcpError(`BackupStorageLocation ${namespace}/${name} is ${phase ?? 'not validated yet'}, not Available`, {
      hint: `check its bucket and credentials (\`oc get backupstoragelocation ${name} -n ${namespace} -o yaml\`, hcp-kv doctor); nothing was changed`,
      exitCode: ExitCode.unreachable,
    });
}

/** Nothing of that kind and name exists yet (exit 2 otherwise). */
export async function requireNew(kube: Kube, kind: 'Backup' | 'Restore' | 'Schedule', name: string, namespace: string): Promise<void> {
  if (await kube.get(veleroRef(kind, name, namespace))) throw usageError(`${kind} ${namespace}/${name} already exists`, `choose another --name (\`oc get ${kind.toLowerCase()}s -n ${namespace}\`); nothing was changed`);
}

/** Does a Backup's (or Schedule template's) selection hold the hosted cluster: its namespace and its control-plane namespace. */
export function holdsCluster(b: Velero, name: string, namespace: string): boolean {
  const ns = b.spec?.includedNamespaces ?? b.spec?.template?.includedNamespaces ?? [];
  return ns.includes('*') || (ns.includes(namespace) && ns.includes(`${namespace}-${name}`));
}

const FAILED = ['Failed', 'FailedValidation', 'PartiallyFailed', 'WaitingForPluginOperationsPartiallyFailed', 'FinalizingPartiallyFailed'];

/** A Backup or Restore reached Completed; a failed or partly failed one ends the wait with Velero's reasons. */
export function veleroDone(kind: 'Backup' | 'Restore'): (o: KubeObject | undefined) => Check {
  return (o) => {
    const v = o as Velero | undefined;
    if (!v) return { done: false, reason: `the ${kind} does not exist` };
    const s = v.status ?? {};
    const phase = s.phase ?? 'New';
    if (phase === 'Completed') return { done: true };
    const items = kind === 'Backup' ? s.progress?.itemsBackedUp : s.progress?.itemsRestored;
    if (FAILED.includes(phase) && !phase.startsWith('WaitingFor') && !phase.startsWith('Finalizing')) {
      const why = [...(s.validationErrors ?? []), ...(s.failureReason ? [s.failureReason] : []), ...(s.errors ? [`${s.errors} errors`] : []), ...(s.warnings ? [`${s.warnings} warnings`] : [])].join('; ');
      return { failed: `${kind} ${v.metadata.namespace}/${v.metadata.name} is ${phase}${why ? `: ${why}` : ''} (velero ${kind.toLowerCase()} logs ${v.metadata.name} has the details)` };
    }
    return { done: false, reason: `phase ${phase}${s.progress?.totalItems ? ` (${items ?? 0} of ${s.progress.totalItems} items)` : ''}` };
  };
}
