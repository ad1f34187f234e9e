// destroy-cluster, in order: delete the HostedCluster (its NodePools go with it), wait until it is gone, then
// delete the secrets hcp-kv created for it. Every step tolerates what a previous, interrupted run already did.
import type { DestroyOptions, DestroyStep } from './context.js';
import { deleteHostedCluster } from './delete-hosted-cluster.js';
import { deleteSecrets } from './delete-secrets.js';
import { waitDeleted } from './wait-deleted.js';

export type { DestroyOptions };

export const DESTROY_STEPS: DestroyStep[] = [deleteHostedCluster, waitDeleted, deleteSecrets];
