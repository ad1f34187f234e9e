// Not a step: what the backup create / backup schedule steps share (options, the run's state).
import type { Paused } from '../../backup/pause.js';
import type { PolicyConfigMap, VeleroBackup, VeleroSchedule } from '../../backup/objects.js';
import type { Step, StepContext } from '../../run/step.js';

export interface BackupOptions {
  /** The hosted cluster. */
  name: string;
  namespace: string;
  oadpNamespace: string;
  storageLocation: string;
  timeoutMs: number;
  policy: PolicyConfigMap;
  /** backup create: the Backup; backup schedule: the Schedule. */
  backup?: VeleroBackup;
  schedule?: VeleroSchedule;
}

export interface BackupState {
  /** What pause-cluster paused (resume-cluster, or the command after a failure, puts it back). */
  paused: Paused[];
  resumed?: boolean;
}

export type BackupStep = Step<BackupOptions, BackupState>;
export type BackupContext = StepContext<BackupOptions, BackupState>;
