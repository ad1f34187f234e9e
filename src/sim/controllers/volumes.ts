// The simulated storage behind hosted etcd: each etcd PersistentVolumeClaim's volume, by the claim's uid, holds
// the hosted cluster's API data (the store of its embedded API server). While the guest API server runs, the
// volume is that server's live store; a Velero data upload reads it, a data download fills a new claim's volume,
// and a guest API server started on a filled volume starts from it. A claim deleted with its namespace loses its
// volume (reclaim policy Delete): hypershift.ts drops it when the hosted cluster is gone.
import type { Snapshot } from '../apiserver/persist.js';

interface Volume {
  live?: () => Snapshot;
  data?: Snapshot;
}

const volumes = new Map<string, Volume>();

export const etcdVolumes = {
  /** The guest API server now serves this volume. */
  attach(claimUid: string, live: () => Snapshot): void {
    volumes.set(claimUid, { live });
  },
  /** What the volume holds now (a snapshot of the live store, or the data written to it); undefined when empty. */
  read(claimUid: string): Snapshot | undefined {
    const v = volumes.get(claimUid);
    return v?.live ? v.live() : v?.data;
  },
  /** A data download (restore) fills the volume of a new claim. */
  write(claimUid: string, data: Snapshot): void {
    volumes.set(claimUid, { data: structuredClone(data) });
  },
  drop(claimUid: string): void {
    volumes.delete(claimUid);
  },
};
