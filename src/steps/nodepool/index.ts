// The node-pool commands, in order.
import { applyNodePool } from './apply-nodepool.js';
import { checkNewNodePool } from './check-new-nodepool.js';
import { checkNodePool } from './check-nodepool.js';
import { checkNodes } from './check-nodes.js';
import type { NodePoolStep } from './context.js';
import { deleteNodePool } from './delete-nodepool.js';
import { scaleNodePool } from './scale-nodepool.js';
import { waitNodePoolGone } from './wait-nodepool-gone.js';
import { waitNodePoolReplicas } from './wait-nodepool-replicas.js';

export const CREATE_NODEPOOL_STEPS: NodePoolStep[] = [checkNewNodePool, applyNodePool, waitNodePoolReplicas(['apply-nodepool']), checkNodes];
export const SCALE_NODEPOOL_STEPS: NodePoolStep[] = [checkNodePool, scaleNodePool, waitNodePoolReplicas(['scale-nodepool']), checkNodes];
export const DELETE_NODEPOOL_STEPS: NodePoolStep[] = [checkNodePool, deleteNodePool, waitNodePoolGone];
