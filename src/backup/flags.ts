// The flag defaults of upstream's commands (openshift/hypershift cmd/oadp/backup.go, schedule.go, restore.go
// @3ee9615567acffaf3e3ee25c2ca2942d650565cf, the cmd.Flags() definitions), which hcp-kv's backup and restore
// commands take over under the same names; test/backup/upstream-objects.test.ts reads them from upstream.
export const BACKUP_DEFAULTS = { 'oadp-namespace': 'openshift-adp', 'storage-location': 'default', ttl: '2h0m0s', 'snapshot-move-data': true, 'default-volumes-to-fs-backup': false } as const;
export const SCHEDULE_DEFAULTS = { ...BACKUP_DEFAULTS, 'snapshot-move-data': false, paused: false, 'use-owner-references': false, 'skip-immediately': false } as const;
export const RESTORE_DEFAULTS = { 'oadp-namespace': 'openshift-adp', 'existing-resource-policy': 'update', 'restore-pvs': true, 'preserve-node-ports': true } as const;
