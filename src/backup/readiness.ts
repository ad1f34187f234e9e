// Can hosted clusters be backed up here? Read-only: the OADP operator (its CSV Succeeded), the
// DataProtectionApplication (condition Reconciled, openshift/oadp-operator api/v1alpha1 ConditionReconciled), its
// BackupStorageLocation (status.phase Available, as Velero's BSL controller sets it after validating the store:
// vmware-tanzu/velero pkg/controller/backup_storage_location_controller.go) and the plugins hosted-cluster backups
// need. Doctor's backups rows and the backup/restore commands read the same answer.
import { findCondition } from '../kube/conditions.js';
import type { Kube, KubeObject } from '../kube/types.js';
import { BSL_NAME, HOSTED_CLUSTER_PLUGINS, OADP_API, OADP_NAMESPACE, VELERO_API } from '../manifests/oadp.js';

const OLM = 'operators.coreos.com/v1alpha1';
/** Red Hat's catalog package, and the community one (openshift/oadp-operator bundle/metadata/annotations.yaml). */
const PACKAGES = ['redhat-oadp-operator', 'oadp-operator'];
/** OADP before 1.5 runs the HyperShift plugin as a custom plugin of this name (hypershift docs backup-and-restore-oadp.md). */
const HYPERSHIFT_CUSTOM_PLUGIN = 'hypershift-oadp-plugin';

type Subscription = KubeObject & { spec?: { name?: string }; status?: { installedCSV?: string; currentCSV?: string } };
type Csv = KubeObject & { status?: { phase?: string; message?: string } };
export type Dpa = KubeObject & { spec?: { backupLocations?: Array<{ name?: string; velero?: { default?: boolean } }>; configuration?: { velero?: { defaultPlugins?: string[]; customPlugins?: Array<{ name?: string }> } } } };
export type Bsl = KubeObject & { spec?: { provider?: string; default?: boolean; objectStorage?: { bucket?: string; prefix?: string } }; status?: { phase?: string; message?: string; lastValidationTime?: string } };

export interface BackupReadiness {
  namespace: string;
  operator: { installed: boolean; csv?: string; phase?: string; message?: string };
  dpa?: { name: string; reconciled: boolean; reason?: string; message?: string; plugins: string[] };
  location?: { name: string; phase?: string; message?: string; lastValidationTime?: string; provider?: string; bucket?: string; prefix?: string; default: boolean };
  /** Hosted-cluster plugins the DataProtectionApplication does not enable (all of them without one). */
  missingPlugins: string[];
  /** A backup can be written to the storage location now. */
  ready: boolean;
  /** What stands in the way, one sentence each (empty when ready). */
  problems: string[];
}

export interface ReadinessOptions {
  /** Where OADP runs (default openshift-adp). */
  namespace?: string;
  /** The BackupStorageLocation a backup will use (default: the default location, else `default`). */
  location?: string;
  signal?: AbortSignal;
}

async function listIfServed<T extends KubeObject>(kube: Kube, apiVersion: string, kind: string, namespace: string, signal?: AbortSignal): Promise<T[]> {
  if (!(await kube.hasKind(apiVersion, kind))) return [];
  return kube.list<T>(apiVersion, kind, { namespace, signal });
}

async function readOperator(kube: Kube, ns: string, signal?: AbortSignal): Promise<BackupReadiness['operator']> {
  const subs = await listIfServed<Subscription>(kube, OLM, 'Subscription', ns, signal);
  const sub = subs.find((s) => PACKAGES.includes(s.spec?.name ?? ''));
  const name = sub?.status?.installedCSV ?? sub?.status?.currentCSV;
  if (!name) return { installed: false };
  const csv = await kube.get<Csv>({ apiVersion: OLM, kind: 'ClusterServiceVersion', name, namespace: ns }, { signal });
  return { installed: csv?.status?.phase === 'Succeeded', csv: name, ...(csv?.status?.phase ? { phase: csv.status.phase } : {}), ...(csv?.status?.message ? { message: csv.status.message } : {}) };
}

/** The plugins a DPA enables, the HyperShift custom plugin of OADP < 1.5 counted as `hypershift`. */
export function dpaPluginsOf(dpa: Dpa | undefined): string[] {
  const velero = dpa?.spec?.configuration?.velero;
  const custom = (velero?.customPlugins ?? []).some((p) => p.name === HYPERSHIFT_CUSTOM_PLUGIN) ? ['hypershift'] : [];
  return [...new Set([...(velero?.defaultPlugins ?? []), ...custom])];
}

function pickLocation(bsls: Bsl[], wanted: string | undefined): Bsl | undefined {
  if (wanted) return bsls.find((b) => b.metadata.name === wanted);
  return bsls.find((b) => b.spec?.default) ?? bsls.find((b) => b.metadata.name === BSL_NAME);
}

export async function readBackupReadiness(kube: Kube, o: ReadinessOptions = {}): Promise<BackupReadiness> {
  const ns = o.namespace ?? OADP_NAMESPACE;
  const operator = await readOperator(kube, ns, o.signal);
  const dpas = await listIfServed<Dpa>(kube, OADP_API, 'DataProtectionApplication', ns, o.signal);
  const bsls = await listIfServed<Bsl>(kube, VELERO_API, 'BackupStorageLocation', ns, o.signal);
  const bsl = pickLocation(bsls, o.location);
  const locationName = o.location ?? bsl?.metadata.name ?? BSL_NAME;
  const dpaObj = dpas.find((d) => (d.spec?.backupLocations ?? []).some((l) => l.name === locationName)) ?? dpas[0];
  const reconciled = findCondition(dpaObj, 'Reconciled');
  const plugins = dpaPluginsOf(dpaObj);
  const missingPlugins = HOSTED_CLUSTER_PLUGINS.filter((p) => !plugins.includes(p));
  const problems: string[] = [];
  if (!operator.installed)
    problems.push(operator.csv ? `the OADP operator's ClusterServiceVersion ${operator.csv} is ${operator.phase ?? 'not installed'}${operator.message ? `: ${operator.message}` : ''}` : `the OADP operator is not installed in ${ns}`);
  if (!dpaObj) problems.push(`no DataProtectionApplication in ${ns}`);
  else if (reconciled?.status !== 'True') problems.push(`DataProtectionApplication ${ns}/${dpaObj.metadata.name} is not reconciled${reconciled?.message ? `: ${reconciled.message}` : ''}`);
  if (dpaObj && missingPlugins.length) problems.push(`DataProtectionApplication ${ns}/${dpaObj.metadata.name} does not enable the ${missingPlugins.join(', ')} plugin${missingPlugins.length > 1 ? 's' : ''}`);
  if (!bsl) problems.push(`no BackupStorageLocation ${locationName} in ${ns}`);
  else if (bsl.status?.phase !== 'Available') problems.push(`BackupStorageLocation ${ns}/${bsl.metadata.name} is ${bsl.status?.phase ?? 'not validated yet'}${bsl.status?.message ? `: ${bsl.status.message}` : ''}`);
  return {
    namespace: ns,
    operator,
    ...(dpaObj
      ? { dpa: { name: dpaObj.metadata.name, reconciled: reconciled?.status === 'True', ...(reconciled?.reason ? { reason: reconciled.reason } : {}), ...(reconciled?.message ? { message: reconciled.message } : {}), plugins } }
      : {}),
    ...(bsl
      ? {
          location: {
            name: bsl.metadata.name,
            ...(bsl.status?.phase ? { phase: bsl.status.phase } : {}),
            ...(bsl.status?.message ? { message: bsl.status.message } : {}),
            ...(bsl.status?.lastValidationTime ? { lastValidationTime: bsl.status.lastValidationTime } : {}),
            ...(bsl.spec?.provider ? { provider: bsl.spec.provider } : {}),
            ...(bsl.spec?.objectStorage?.bucket ? { bucket: bsl.spec.objectStorage.bucket } : {}),
            ...(bsl.spec?.objectStorage?.prefix ? { prefix: bsl.spec.objectStorage.prefix } : {}),
            default: Boolean(bsl.spec?.default),
          },
        }
      : {}),
    missingPlugins: [...missingPlugins],
    ready: problems.length === 0,
    problems,
  };
}
