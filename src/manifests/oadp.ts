// Pure builders for OADP (OpenShift API for Data Protection): the DataProtectionApplication bootstrap --with-oadp
// applies and the Secret holding the storage credentials. Facts, all from upstream:
// - the DPA API: openshift/oadp-operator api/v1alpha1/dataprotectionapplication_types.go@b3e7f02d6fdc (plugin
//   names aws, gcp, azure, csi, openshift, kubevirt, hypershift; backupImages defaults to true; the condition
//   Reconciled); the CRD is vendored in crds/dataprotectionapplications.oadp.openshift.io.yaml;
// - the BackupStorageLocation the operator makes of spec.backupLocations[i] is named backupLocations[i].name, else
//   `<dpa>-<i+1>` (internal/controller/bsl.go ReconcileBackupStorageLocations);
// - the default credentials Secret per provider and its key `cloud` (pkg/credentials/credentials.go
//   PluginSpecificFields: cloud-credentials, cloud-credentials-gcp, cloud-credentials-azure);
// - which plugins a hosted cluster's backup needs: `openshift` (mandatory), `kubevirt`, `csi`, `hypershift` (only on
//   a HyperShift management cluster), plus the object-store plugin of the provider (openshift/openshift-docs
//   modules/oadp-plugins.adoc, the OADP plugins table);
// - the node agent with Kopia and CSI snapshot data moved to the bucket, as the hosted control planes DR procedure
//   sets them for KubeVirt (openshift/hypershift docs/content/how-to/disaster-recovery/backup-and-restore-oadp-1-5.md
//   @3ee9615567ac: nodeAgent enable/kopia, snapshotMoveData: true, resourceTimeout 2h).
import type { KubeObject } from '../kube/types.js';

export const OADP_NAMESPACE = 'openshift-adp';
export const OADP_API = 'oadp.openshift.io/v1alpha1';
export const VELERO_API = 'velero.io/v1';
/** The DataProtectionApplication hcp-kv writes (one per namespace: the operator refuses a second, validator.go). */
export const DPA_NAME = 'hcp-kv';
/** The BackupStorageLocation it asks for; `hcp create oadp-backup --storage-location` defaults to it too. */
export const BSL_NAME = 'default';
export const CREDENTIALS_KEY = 'cloud';

export type OadpProvider = 'aws' | 'gcp' | 'azure';
export const OADP_PROVIDERS: readonly OadpProvider[] = ['aws', 'gcp', 'azure'];

/** The plugins every hosted-cluster backup needs, whatever the storage provider. */
export const HOSTED_CLUSTER_PLUGINS = ['openshift', 'kubevirt', 'csi', 'hypershift'] as const;

export const CREDENTIALS_SECRET: Record<OadpProvider, string> = { aws: 'cloud-credentials', gcp: 'cloud-credentials-gcp', azure: 'cloud-credentials-azure' };

export interface OadpOptions {
  provider: OadpProvider;
  bucket: string;
  /** Object prefix inside the bucket (OADP requires one whenever backupImages is true; always set here). */
  prefix: string;
  /** aws: the bucket's region (required with an S3 URL: not discoverable with path-style addressing, bsl.go). */
  region?: string;
  /** aws: an S3-compatible endpoint (MinIO, ODF's Multicloud Object Gateway): path-style addressing. */
  s3Url?: string;
  /** More BackupStorageLocation config (azure: resourceGroup, storageAccount). */
  config?: Record<string, string>;
  /** The credentials file's content, for the Secret (never printed, never rendered). Unset: the Secret must exist. */
  credentials?: string;
  /** Where the content came from (for messages). */
  credentialsFile?: string;
}

export function dpaPlugins(provider: OadpProvider): string[] {
  return ['openshift', provider, 'kubevirt', 'csi', 'hypershift'];
}

export function bslConfig(o: OadpOptions): Record<string, string> {
  const aws: Record<string, string> = o.provider === 'aws' ? { ...(o.region ? { region: o.region } : {}), profile: 'default', ...(o.s3Url ? { s3Url: o.s3Url, s3ForcePathStyle: 'true' } : {}) } : {};
  return { ...aws, ...o.config };
}

export function dataProtectionApplication(o: OadpOptions): KubeObject {
  const config = bslConfig(o);
  return {
    apiVersion: OADP_API,
    kind: 'DataProtectionApplication',
    metadata: { name: DPA_NAME, namespace: OADP_NAMESPACE },
    spec: {
      backupLocations: [
        {
          name: BSL_NAME,
          velero: {
            provider: o.provider,
            default: true,
            objectStorage: { bucket: o.bucket, prefix: o.prefix },
            ...(Object.keys(config).length ? { config } : {}),
            credential: { name: CREDENTIALS_SECRET[o.provider], key: CREDENTIALS_KEY },
          },
        },
      ],
      // Hosted-cluster backups hold no ImageStreams: no image backup (with it, OADP parses the credentials for it, bsl.go).
      backupImages: false,
      configuration: {
        nodeAgent: { enable: true, uploaderType: 'kopia' },
        velero: { defaultPlugins: dpaPlugins(o.provider), defaultSnapshotMoveData: true, resourceTimeout: '2h' },
      },
    },
  };
}

/** The credentials Secret the DPA's location names (`oc create secret generic … --from-file cloud=FILE`). */
export function credentialsSecret(o: OadpOptions & { credentials: string }): KubeObject & { data: Record<string, string> } {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    // The labels the operator puts on the Secret of its locations (bsl.go UpdateCredentialsSecretLabels): its
    // Secret watch reconciles the DPA they name when the Secret is created or changes (labelHandler).
    metadata: { name: CREDENTIALS_SECRET[o.provider], namespace: OADP_NAMESPACE, labels: { 'openshift.io/oadp': 'True', 'dataprotectionapplication.name': DPA_NAME } },
    type: 'Opaque',
    data: { [CREDENTIALS_KEY]: Buffer.from(o.credentials, 'utf8').toString('base64') },
  };
}
