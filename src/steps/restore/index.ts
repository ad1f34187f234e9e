// The restore order: check, create the Velero Restore, wait for it, resume the restored (paused) cluster, wait
// until it is Available with its nodes — the restore half of the docs' OADP procedure.
import { checkRestore } from './check-restore.js';
import type { RestoreStep } from './context.js';
import { createRestore } from './create-restore.js';
import { resumeRestored } from './resume-restored.js';
import { waitRestore } from './wait-restore.js';
import { waitRestored } from './wait-restored.js';

export const RESTORE_STEPS: RestoreStep[] = [checkRestore, createRestore, waitRestore, resumeRestored, waitRestored];
