// One prerequisite check's verdict (prerequisites.ts, infra-versions.ts, storage-profiles.ts): its own module so
// those three import it without importing each other in a circle.
export interface Finding {
  id: 'network-type' | 'cnv-version' | 'mtu' | 'live-migration' | 'wildcard-routes' | 'etcd-storage-modes' | 'infra-kubernetes-version' | 'infra-kubevirt-version';
  ok: boolean;
  /** A warning leaves the cluster usable; a refusal does not. */
  severity: 'refuse' | 'warn';
  message: string;
  hint?: string;
}
