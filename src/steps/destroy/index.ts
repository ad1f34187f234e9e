// destroy-cluster, in order: mark cloud resources for cleanup → delete → wait (grace period, --force) → secrets.
import type { Step } from '../../run/step.js';
import { deleteHostedCluster, deleteSecrets } from '../cluster/destroy-cluster.js';
import type { ForceDestroyOptions } from './context.js';
import { markCleanup } from './mark-cleanup.js';
import { waitDeleted } from './wait-deleted.js';

export const FORCE_DESTROY_STEPS: Step<ForceDestroyOptions>[] = [markCleanup, { ...(deleteHostedCluster as Step<ForceDestroyOptions>), needs: ['mark-cleanup'] }, waitDeleted, deleteSecrets as Step<ForceDestroyOptions>];
