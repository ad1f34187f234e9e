// The `hcp create cluster kubevirt` command lines of upstream's KubeVirt docs (openshift/hypershift
// @3ee9615567acffaf3e3ee25c2ca2942d650565cf, docs/content/how-to/kubevirt/*.md), with what each must produce.
// configuring-network.md writes "–additional-network" with an en dash (a typo no shell turns into a flag): here "--".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

type Obj = Record<string, any>;

/** The docs' command lines with CLUSTER_NAME=example WORKER_COUNT=2 MEM=6Gi CPU=2; files they need are written to dir. */
export function docsCommandLines(dir: string, pullSecret: string) {
  const infraKubeconfig = join(dir, 'external-infra-kubeconfig');
  writeFileSync(infraKubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n- name: infra\n  cluster:\n    server: https://infra.example.com:6443\ncontexts: []\nusers: []\n');
  const BASE = ['--name', 'example', '--node-pool-replicas', '2', '--pull-secret', pullSecret, '--memory', '6Gi', '--cores', '2'];

  const lines: Array<[string, string[], (hc: Obj, np: Obj, all: Obj[]) => void]> = [
    ['create-kubevirt-cluster.md: basic', [], (_hc, np) => expect(np.spec.platform.kubevirt.compute).toMatchObject({ cores: 2, memory: '6Gi' })],
    [
      'create-kubevirt-cluster.md: --vm-node-selector',
      ['--vm-node-selector', 'labelKey1=labelVal1,labeKey2=labelVal2'],
      (_hc, np) => expect(np.spec.platform.kubevirt.nodeSelector).toEqual({ labelKey1: 'labelVal1', labeKey2: 'labelVal2' }),
    ],
    [
      'configuring-network.md: additional networks',
      ['--additional-network', 'name:my-namespace/network1', '--additional-network', 'name:my-namespace/network2'],
      (_hc, np) => expect(np.spec.platform.kubevirt.additionalNetworks).toEqual([{ name: 'my-namespace/network1' }, { name: 'my-namespace/network2' }]),
    ],
    [
      'configuring-network.md: only an additional network',
      ['--attach-default-network=false', '--additional-network', 'name:my-namespace/network1'],
      (_hc, np) => expect(np.spec.platform.kubevirt).toMatchObject({ attachDefaultNetwork: false, additionalNetworks: [{ name: 'my-namespace/network1' }] }),
    ],
    ['configuring-network.md: --cluster-cidr', ['--cluster-cidr', '10.128.0.0/14'], (hc) => expect(hc.spec.networking.clusterNetwork).toEqual([{ cidr: '10.128.0.0/14' }])],
    [
      'configuring-storage.md: two storage class mappings',
      ['--infra-storage-class-mapping=infra-sc1/guest-sc1', '--infra-storage-class-mapping=infra-sc2/guest-sc2'],
      (hc) =>
        expect(hc.spec.platform.kubevirt.storageDriver).toEqual({
          type: 'Manual',
          manual: {
            storageClassMapping: [
              { infraStorageClassName: 'infra-sc1', guestStorageClassName: 'guest-sc1' },
              { infraStorageClassName: 'infra-sc2', guestStorageClassName: 'guest-sc2' },
            ],
          },
        }),
    ],
    [
      'configuring-storage.md: storage and snapshot class',
      ['--infra-storage-class-mapping=infra-sc1/guest-sc1', '--infra-volumesnapshot-class-mapping=infra-vsc1/guest-vsc1'],
      (hc) => expect(hc.spec.platform.kubevirt.storageDriver.manual.volumeSnapshotClassMapping).toEqual([{ infraVolumeSnapshotClassName: 'infra-vsc1', guestVolumeSnapshotClassName: 'guest-vsc1' }]),
    ],
    [
      'configuring-storage.md: groups',
      [
        '--infra-storage-class-mapping=infra-sca/guest-sca,group=a',
        '--infra-storage-class-mapping=infra-scb/guest-scb,group=b',
        '--infra-storage-class-mapping=infra-scc/guest-scc,group=a',
        '--infra-volumesnapshot-class-mapping=infra-vsca/guest-vsca,group=a',
        '--infra-volumesnapshot-class-mapping=infra-vscb/guest-vscb,group=b',
      ],
      (hc) => {
        expect(hc.spec.platform.kubevirt.storageDriver.manual.storageClassMapping.map((m: Obj) => [m.infraStorageClassName, m.guestStorageClassName, m.group])).toEqual([
          ['infra-sca', 'guest-sca', 'a'],
          ['infra-scb', 'guest-scb', 'b'],
          ['infra-scc', 'guest-scc', 'a'],
        ]);
        expect(hc.spec.platform.kubevirt.storageDriver.manual.volumeSnapshotClassMapping.map((m: Obj) => m.group)).toEqual(['a', 'b']);
      },
    ],
    [
      'configuring-storage.md: root volume',
      ['--root-volume-storage-class', 'ocs-storagecluster-ceph-rbd', '--root-volume-size', '64'],
      (_hc, np) => expect(np.spec.platform.kubevirt.rootVolume.persistent).toMatchObject({ size: '64Gi', storageClass: 'ocs-storagecluster-ceph-rbd' }),
    ],
    ['configuring-storage.md: cache strategy', ['--root-volume-cache-strategy=PVC'], (_hc, np) => expect(np.spec.platform.kubevirt.rootVolume.cacheStrategy).toEqual({ type: 'PVC' })],
    ['configuring-storage.md: etcd storage class', ['--etcd-storage-class="local"'.replace(/"/g, '')], (hc) => expect(hc.spec.etcd.managed.storage.persistentVolume.storageClassName).toBe('local')],
    [
      'external-infrastructure.md',
      ['--infra-namespace=clusters-example', `--infra-kubeconfig-file=${infraKubeconfig}`],
      (hc, _np, all) => {
        expect(hc.spec.platform.kubevirt.credentials).toEqual({ infraKubeConfigSecret: { name: `${hc.metadata.name}-infra-credentials`, key: 'kubeconfig' }, infraNamespace: 'clusters-example' });
        expect(all.some((o) => o.kind === 'Secret')).toBe(false); // rendered only with --render-sensitive
      },
    ],
    ['gpu-devices.md', ['--host-device-name=nvidia-a100,count:2'], (_hc, np) => expect(np.spec.platform.kubevirt.hostDevices).toEqual([{ deviceName: 'nvidia-a100', count: 2 }])],
    [
      'ingress-and-dns.md: --base-domain',
      ['--base-domain', 'hypershift.lab'],
      (hc) => {
        expect(hc.spec.dns.baseDomain).toBe('hypershift.lab');
        expect(hc.spec.platform.kubevirt.baseDomainPassthrough).toBeUndefined();
      },
    ],
    ['performance-tuning.md: --qos-class', ['--qos-class', 'Guaranteed'], (_hc, np) => expect(np.spec.platform.kubevirt.compute.qosClass).toBe('Guaranteed')],
  ];
  return { base: BASE, lines };
}
