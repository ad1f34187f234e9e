// The orders: backup create checks, pauses the cluster, backs up, waits, resumes; backup schedule checks and
// creates the Schedule (Velero's backups of it run unpaused, as upstream's oadp-schedule).
import { checkBackup } from './check-backup.js';
import type { BackupStep } from './context.js';
import { createBackup } from './create-backup.js';
import { createSchedule } from './create-schedule.js';
import { pauseClusterStep } from './pause-cluster.js';
import { resumeCluster } from './resume-cluster.js';
import { waitBackup } from './wait-backup.js';

export const BACKUP_STEPS: BackupStep[] = [checkBackup, pauseClusterStep, createBackup, waitBackup, resumeCluster];
export const SCHEDULE_STEPS: BackupStep[] = [checkBackup, createSchedule];
