import type { KubeObject } from '../kube/types.js';

export function localVolumeSet(): KubeObject {
  return {
    apiVersion: 'local.storage.openshift.io/v1alpha1',
    kind: 'LocalVolumeSet',
    metadata: { name: 'lvset', namespace: 'openshift-local-storage' },
    spec: {
      storageClassName: 'lvset',
      volumeMode: 'Block',
      deviceInclusionSpec: { deviceTypes: ['disk', 'part'], minSize: '100Gi' },
      nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/worker', operator: 'Exists' }] }] },
    },
  };
}

export function storageCluster(): KubeObject {
  return {
    apiVersion: 'ocs.openshift.io/v1',
    kind: 'StorageCluster',
    metadata: { name: 'ocs-storagecluster', namespace: 'openshift-storage' },
    spec: {
      monDataDirHostPath: '/var/lib/rook',
      storageDeviceSets: [
        {
          name: 'ocs-deviceset-lvset',
          count: 1,
          replica: 3,
          portable: false,
          dataPVCTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1' } }, storageClassName: 'lvset', volumeMode: 'Block' } },
        },
      ],
    },
  };
}

/** LVM Storage (lvms-operator): one device class over every free disk of the worker nodes; its StorageClass is lvms-<name>. */
export const LVMS_DEVICE_CLASS = 'vg1';
export const LVMS_STORAGE_CLASS = `lvms-${LVMS_DEVICE_CLASS}`;

export function lvmCluster(): KubeObject {
  return {
    apiVersion: 'lvm.topolvm.io/v1alpha1',
    kind: 'LVMCluster',
    metadata: { name: 'lvmcluster', namespace: 'openshift-storage' },
    spec: {
      storage: {
        deviceClasses: [
          {
            name: LVMS_DEVICE_CLASS,
            default: true,
            fstype: 'xfs',
            thinPoolConfig: { name: 'thin-pool-1', sizePercent: 90, overprovisionRatio: 10 },
          },
        ],
      },
    },
  };
}
