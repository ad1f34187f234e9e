// The simulated redhat-operators catalog: which packages exist, their channels and CSVs (derived from the
// configured OpenShift and MCE versions), the operator Deployment each installs, and the CRDs it owns.
export interface PackageInfo {
  name: string;
  displayName: string;
  defaultChannel: string;
  channels: Array<{ name: string; csv: string; version: string }>;
  deployment: string;
  crds: string[];
}

export function catalog(ocp: string, mce: string): PackageInfo[] {
  const [major, minor] = ocp.split('.');
  const ocpMinor = `${major}.${minor}`;
  const [mMajor, mMinor] = mce.split('.');
  const mceMinor = `${mMajor}.${mMinor}`;
  const v = `${ocpMinor}.0`;
  return [
    {
      name: 'local-storage-operator',
      displayName: 'Local Storage',
      defaultChannel: 'stable',
      channels: [{ name: 'stable', csv: `local-storage-operator.v${v}`, version: v }],
      deployment: 'local-storage-operator',
      crds: ['localvolumesets.local.storage.openshift.io', 'localvolumes.local.storage.openshift.io'],
    },
    {
      name: 'odf-operator',
      displayName: 'OpenShift Data Foundation',
      defaultChannel: `stable-${ocpMinor}`,
      channels: [{ name: `stable-${ocpMinor}`, csv: `odf-operator.v${v}`, version: v }],
      deployment: 'odf-operator-controller-manager',
      crds: ['storageclusters.ocs.openshift.io'],
    },
    {
      name: 'lvms-operator',
      displayName: 'LVM Storage',
      defaultChannel: `stable-${ocpMinor}`,
      channels: [{ name: `stable-${ocpMinor}`, csv: `lvms-operator.v${v}`, version: v }],
      deployment: 'lvms-operator',
      crds: ['lvmclusters.lvm.topolvm.io'],
    },
    {
      name: 'kubevirt-hyperconverged',
      displayName: 'OpenShift Virtualization',
      defaultChannel: 'stable',
      channels: [{ name: 'stable', csv: `kubevirt-hyperconverged-operator.v${v}`, version: v }],
      deployment: 'hco-operator',
      crds: ['hyperconvergeds.hco.kubevirt.io', 'virtualmachines.kubevirt.io', 'virtualmachineinstances.kubevirt.io', 'kubevirts.kubevirt.io', 'datavolumes.cdi.kubevirt.io', 'storageprofiles.cdi.kubevirt.io'],
    },
    {
      name: 'metallb-operator',
      displayName: 'MetalLB Operator',
      defaultChannel: 'stable',
      channels: [{ name: 'stable', csv: `metallb-operator.v${v}`, version: v }],
      deployment: 'metallb-operator-controller-manager',
      crds: ['metallbs.metallb.io', 'ipaddresspools.metallb.io', 'l2advertisements.metallb.io'],
    },
    // OADP: channel stable carries 1.5 (the first with the hypershift default plugin), stable-1.4 the release before
    // (openshift/openshift-docs modules/about-oadp-update-channels.adoc: one stable-1.y channel per release); the
    // operator Deployment and the CRDs its bundle owns (openshift/oadp-operator bundle/manifests@b3e7f02d6fdc).
    {
      name: 'redhat-oadp-operator',
      displayName: 'OADP Operator',
      defaultChannel: 'stable',
      channels: [
        { name: 'stable', csv: 'oadp-operator.v1.5.2', version: '1.5.2' },
        { name: 'stable-1.4', csv: 'oadp-operator.v1.4.5', version: '1.4.5' },
      ],
      deployment: 'openshift-adp-controller-manager',
      crds: ['dataprotectionapplications.oadp.openshift.io', 'backupstoragelocations.velero.io', 'backups.velero.io', 'restores.velero.io', 'schedules.velero.io'],
    },
    {
      name: 'multicluster-engine',
      displayName: 'multicluster engine for Kubernetes',
      defaultChannel: `stable-${mceMinor}`,
      channels: [{ name: `stable-${mceMinor}`, csv: `multicluster-engine.v${mce}`, version: mce }],
      deployment: 'multicluster-engine-operator',
      crds: ['multiclusterengines.multicluster.openshift.io'],
    },
  ];
}

// What a CatalogSource's index image serves, and whether the cluster can pull it. The rule (the simulator's own,
// documented in docs/embedded-cluster.md terms): an index whose repository name contains `redhat-operator-index`
// serves the packages above, wherever it lives — registry.redhat.io/redhat/redhat-operator-index:v4.12 or the copy
// oc-mirror pushed to a mirror (mirror.example.com:5000/redhat/redhat-operator-index:v4.12); any other index
// serves no package the simulator knows. On a disconnected site (`sim --disconnected`) the public registries are
// unreachable and every other host counts as the site's mirror registry.
export const PUBLIC_REGISTRIES = ['registry.redhat.io', 'registry.access.redhat.com', 'registry.connect.redhat.com', 'quay.io', 'docker.io', 'registry.stage.redhat.io'];

export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.replace(/:\d+$/, '') : 'docker.io';
}

export function servesRedHatIndex(image: string | undefined): boolean {
  const repo = (image ?? '').split('@')[0]!.split('/').pop()!.split(':')[0]!;
  return repo.includes('redhat-operator-index');
}

export function reachable(image: string | undefined, disconnected: boolean): boolean {
  if (!image) return false;
  return !disconnected || !PUBLIC_REGISTRIES.includes(registryOf(image));
}
