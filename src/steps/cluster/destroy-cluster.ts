// destroy-cluster, in order: mark the cloud resources for cleanup, delete the HostedCluster (its NodePools go with
// it), wait until it is gone (grace period; --force removes the finalizers it is stuck on), then delete the secrets
// hcp-kv created for it and the kubeconfig file it wrote (when unchanged). Every step tolerates what a previous, interrupted run already did.
import type { DestroyOptions, DestroyStep } from './context.js';
import { deleteHostedCluster } from './delete-hosted-cluster.js';
import { deleteSecrets } from './delete-secrets.js';
import { markCleanup } from './mark-cleanup.js';
import { removeKubeconfig } from './remove-kubeconfig.js';
import { waitDeleted } from './wait-deleted.js';

export type { DestroyOptions };

export const DESTROY_STEPS: DestroyStep[] = [markCleanup, deleteHostedCluster, waitDeleted, deleteSecrets, removeKubeconfig];
