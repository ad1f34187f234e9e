// Every delay of the simulated operators, in one table per profile (milliseconds, before --time-scale).
// realistic follows the field: OLM installs 1–3 min, ODF Ready ~10 min, HyperConverged ~5 min, MCE up to
// 10 min, a hosted cluster Available in 10–15 min.
export const DELAYS = {
  //                     instant  fast   realistic
  installPlan: [5, 100, 20_000],
  csvInstalling: [5, 150, 40_000],
  csvSucceeded: [5, 250, 60_000],
  crdEstablish: [5, 50, 5_000],
  localVolumeSet: [5, 150, 30_000],
  storageCluster: [10, 600, 600_000],
  lvmCluster: [5, 300, 180_000],
  hcoWebhookWindow: [10, 600, 60_000],
  hcoAvailable: [10, 500, 300_000],
  metallbAvailable: [5, 200, 30_000],
  mceAvailable: [10, 800, 600_000],
  managedClusterCrd: [10, 700, 120_000],
  managedClusterJoin: [5, 200, 60_000],
  addonAvailable: [10, 400, 120_000],
  hypershiftOperator: [5, 300, 60_000],
  etcdReady: [5, 300, 120_000],
  kubeAPIServerReady: [5, 300, 180_000],
  hostedClusterAvailable: [5, 300, 300_000],
  vmReady: [10, 600, 300_000],
  nodeReady: [5, 300, 120_000],
  versionCompleted: [5, 400, 300_000],
  teardown: [5, 300, 120_000],
  controlPlaneUpgrade: [10, 800, 600_000],
  oadpReconcile: [5, 100, 10_000],
  bslValidation: [5, 150, 30_000],
} as const satisfies Record<string, readonly [number, number, number]>;

export type DelayKey = keyof typeof DELAYS;
export type ProfileName = 'instant' | 'fast' | 'realistic';
export const PROFILES: ProfileName[] = ['instant', 'fast', 'realistic'];

export function delayMs(profile: ProfileName, key: DelayKey, timeScale = 1): number {
  const [instant, fast, realistic] = DELAYS[key];
  const base = profile === 'instant' ? instant : profile === 'fast' ? fast : realistic;
  return Math.round(base * timeScale);
}

/** The chains bootstrap walks through, for the benchmark's physical floor (longest chain) and sum. */
export const BOOTSTRAP_CHAINS: Record<string, DelayKey[]> = {
  storage: ['installPlan', 'csvInstalling', 'csvSucceeded', 'crdEstablish', 'localVolumeSet', 'storageCluster'],
  virtualization: ['installPlan', 'csvInstalling', 'csvSucceeded', 'crdEstablish', 'hcoWebhookWindow', 'hcoAvailable'],
  metallb: ['installPlan', 'csvInstalling', 'csvSucceeded', 'crdEstablish', 'metallbAvailable'],
  mce: ['installPlan', 'csvInstalling', 'csvSucceeded', 'crdEstablish', 'mceAvailable', 'managedClusterCrd', 'crdEstablish', 'managedClusterJoin', 'addonAvailable', 'crdEstablish', 'hypershiftOperator'],
};
