// Not a step: what the restore steps share.
import type { VeleroRestore } from '../../backup/objects.js';
import type { Step, StepContext } from '../../run/step.js';

export interface RestoreOptions {
  /** The hosted cluster to bring back. */
  name: string;
  namespace: string;
  oadpNamespace: string;
  timeoutMs: number;
  /** --force: restore although the HostedCluster exists (Velero leaves existing objects as they are). */
  force: boolean;
  restore: VeleroRestore;
}

export interface RestoreState {
  /** The backup the restore reads (--from, or the schedule's latest Completed one). */
  backup?: string;
}

export type RestoreStep = Step<RestoreOptions, RestoreState>;
export type RestoreContext = StepContext<RestoreOptions, RestoreState>;
