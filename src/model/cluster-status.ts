// The document `hcp-kv status` reports; src/commands/clusters-impl.ts reads it, src/output/status-text.ts shows it.
import type { Finding } from '../diagnose/finding.js';

/** What `hcp-kv status` reports (its -o json/yaml document, less `ok`), read through the model (src/model). */
export interface ClusterStatus {
  name: string;
  namespace: string;
  /** The newest entry of status.version.history, as the server has it. */
  version?: { state?: string; version?: string; image?: string } | null;
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  nodePools: Array<{ name: string; replicas?: number; ready: number; conditions?: Array<{ type: string; status: string; message?: string }> }>;
  controlPlanePods: Array<{ name: string; phase?: string; node?: string; reason?: string }>;
  virtualMachines: Array<{ name: string; status?: string; ready: boolean; node?: string; hostDevices?: string[]; networks?: string[] }>;
  volumes?: Array<{ name: string; storageClass: string; phase: string }>;
  infrastructure?: { server?: string; namespace: string; virtLauncherPods?: string };
  virtLauncherPods: Array<{ name: string; phase?: string }>;
  nodes?: Array<{ name: string; ready: boolean; version?: string }>;
  guestVolumes?: GuestVolume[];
  clusterOperators?: Array<{ name: string; available?: string; degraded?: string; message?: string }>;
  guestError?: string;
  diagnosis?: Finding[];
}

export interface GuestVolume {
  namespace: string;
  name: string;
  storageClass: string;
  phase: string;
  backedBy: string;
  infraStorageClass: string;
  infraPhase: string;
}
