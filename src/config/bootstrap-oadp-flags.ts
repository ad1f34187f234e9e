// bootstrap's flags for OADP (issue 23), declared in one place so that bootstrap and `render bootstrap` offer the
// same ones; src/config/oadp.ts checks them.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { oneValue } from '../commands/flags.js';

export function addOadpBootstrapFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .option('--with-oadp', 'also install OADP and a DataProtectionApplication with the plugins hosted-cluster backups need (openshift, kubevirt, csi, hypershift)')
    .option('--oadp-provider <provider>', 'with --with-oadp: the object storage: aws (also S3-compatible: MinIO, ODF Multicloud Object Gateway), gcp or azure (default aws)')
    .option('--oadp-bucket <name>', 'with --with-oadp: the bucket (Azure: the blob container) backups are stored in')
    .option('--oadp-prefix <path>', 'with --with-oadp: the path inside the bucket (default hcp-kv)')
    .option('--oadp-region <region>', "with --with-oadp and aws: the bucket's region (required with --oadp-s3-url)")
    .option('--oadp-s3-url <url>', 'with --with-oadp and aws: an S3-compatible endpoint (path-style addressing)')
    .option('--oadp-credentials <file>', 'with --with-oadp: the credentials file, stored as the Secret the location uses (never printed); without it that Secret must exist')
    .option('--oadp-config <key=value,...>', 'with --with-oadp: more BackupStorageLocation config (azure: resourceGroup=…,storageAccount=…)', oneValue)
    .option('--oadp-channel <channel>', 'with --with-oadp: the OADP operator channel (default: the catalog default)');
}
