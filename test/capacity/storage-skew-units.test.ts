// Pure tables for issue 20's second half: storage as a bound (etcd: three 8 GiB volumes per highly available control
// plane, spread over nodes on node-local storage — openshift/openshift-docs
// hosted_control_planes/hcp-prepare/hcp-sizing-guidance.adoc@b533066b33f146960dd2bb347a5f6e7d62f080f2), the etcd
// class's modes, an external infrastructure cluster's versions (openshift/hypershift
// kubevirtexternalinfra/externalinfra.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf), the node-pool version skew
// (openshift/openshift-docs modules/hcp-np-version-skew.adoc@675a6958f5a90eeb4b3037f2301e887021b26fb0) and the
// simulated operator's SupportedVersionSkew (openshift/hypershift support/supportedversion/version.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf).
import { describe, expect, it } from 'vitest';
import { infraVersionFindings } from '../../src/capacity/infra-versions.js';
import { boundByStorage, controlPlanesByStorage, workersByStorage } from '../../src/capacity/storage-fit.js';
import { etcdModesFinding } from '../../src/capacity/storage-profiles.js';
import type { StorageRoom } from '../../src/capacity/storage-room.js';
import { checkPoolsLeftBehind, maxNodePoolSkew, nodePoolSkewProblem } from '../../src/config/upgrade-rules.js';
import { nodePoolConditionProblems } from '../../src/diagnose/kubevirt-rules.js';
import { versionSkewCondition } from '../../src/sim/controllers/kubevirt-conditions.js';

const GiB = 2 ** 30;
const nodes = (...free: number[]): StorageRoom => ({ className: 'lvms-vg1', source: 'CSIStorageCapacity', segments: free.map((f, i) => ({ where: `topology.topolvm.io/node=worker-${i}`, free: f * GiB })) });

describe('storage as a bound', () => {
  it.each([
    ['three nodes of 24 GiB: three control planes', nodes(24, 24, 24), 3],
    ['one big node cannot hold two members of one etcd', nodes(100, 0, 0), 0],
    ['two nodes are not enough for three members', nodes(100, 100), 0],
    ['uneven: 16, 8, 8 → one', nodes(16, 8, 8), 1],
    ['7 GiB holds no 8 GiB volume', nodes(7, 100, 100), 0],
    ['unknown room', { className: 'ceph', source: 'unknown' } as StorageRoom, undefined],
    ['network storage (every node reaches it): 50 GiB pooled → two', { className: 'nfs', source: 'CSIStorageCapacity', segments: [{ where: '', free: 50 * GiB }] } as StorageRoom, 2],
  ])('etcd: %s', (_n, room, want) => expect(controlPlanesByStorage(room, 8 * GiB, 3)).toBe(want));

  it('a single-replica control plane needs one volume, on any node', () => expect(controlPlanesByStorage(nodes(16, 0, 0), 8 * GiB, 1)).toBe(2));

  it('root volumes count whole volumes per segment; the largest volume a segment takes limits it', () => {
    expect(workersByStorage(nodes(70, 40, 10), 32 * GiB)).toBe(3);
    expect(workersByStorage({ className: 'x', source: 'CSIStorageCapacity', segments: [{ where: '', free: 500 * GiB, maxVolume: 16 * GiB }] }, 32 * GiB)).toBe(0);
  });

  it('bounds a figure only when storage holds fewer', () => {
    expect(boundByStorage({ count: 6, boundBy: 'cpu' }, 2)).toEqual({ count: 2, boundBy: 'storage' });
    expect(boundByStorage({ count: 6, boundBy: 'cpu' }, 9)).toEqual({ count: 6, boundBy: 'cpu' });
    expect(boundByStorage({ count: 6, boundBy: 'cpu' }, undefined)).toEqual({ count: 6, boundBy: 'cpu' });
  });
});

describe("the etcd class's modes (etcd asks ReadWriteOnce Filesystem)", () => {
  it.each([
    [
      [
        { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
      ],
      true,
      /its ReadWriteMany is not used by etcd/,
    ],
    [[{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }], true, /no ReadWriteMany needed: etcd members do not live-migrate/],
    [[{ accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' }], true, /offers ReadWriteOnce Filesystem/],
    [
      [
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
        { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
      ],
      false,
      /offers only ReadWriteOnce Block, ReadWriteMany Block .*would never bind/,
    ],
  ])('%j → ok %s', (sets, ok, message) => {
    const f = etcdModesFinding('c', sets);
    expect(f).toMatchObject({ id: 'etcd-storage-modes', ok, severity: 'refuse', message: expect.stringMatching(message) });
    if (!ok) expect(f.hint).toMatch(/--etcd-storage-class/);
  });
});

describe('external infrastructure versions (KubeVirt ≥ 1.0, Kubernetes ≥ 1.27)', () => {
  const ids = (k8s: string | undefined, kv: string | undefined) => infraVersionFindings('https://infra', k8s, kv).map((f) => `${f.id}:${f.ok}`);
  it.each([
    ['v1.27.4+18eadca', 'v1.0.0', ['infra-kubernetes-version:true', 'infra-kubevirt-version:true']],
    ['v1.26.9', 'v1.0.1', ['infra-kubernetes-version:false', 'infra-kubevirt-version:true']],
    ['v1.30.2', 'v0.59.2', ['infra-kubernetes-version:true', 'infra-kubevirt-version:false']],
    ['v1.30.2', '1.1.0-rc.1', ['infra-kubernetes-version:true', 'infra-kubevirt-version:true']],
    ['v1.30.2', undefined, ['infra-kubernetes-version:true', 'infra-kubevirt-version:true']],
  ])('Kubernetes %s, KubeVirt %s', (k8s, kv, want) => expect(ids(k8s, kv)).toEqual(want));

  it('names the server and the requirement when refusing', () => {
    const [k] = infraVersionFindings('https://infra:6443', 'v1.26.9', undefined);
    expect(k!.message).toMatch(/the infrastructure cluster https:\/\/infra:6443 runs Kubernetes v1\.26\.9: an external infrastructure cluster needs Kubernetes 1\.27 or later/);
    expect(infraVersionFindings('s', 'v1.30.0', undefined)[1]!.message).toMatch(/KubeVirt version not checked/);
  });
});

describe('node-pool version skew: two minors behind on even releases, one on odd, never ahead', () => {
  it.each([
    ['4.18.5', '4.16.3', undefined],
    ['4.18.5', '4.15.9', /more than two minor versions older .*4\.18, an even release/],
    ['4.17.5', '4.16.3', undefined],
    ['4.17.5', '4.15.3', /more than one minor version older .*4\.17, an odd release/],
    ['4.18.5', '4.18.6', /newer than the control plane's 4\.18\.5/],
    ['4.18.5', '4.18.4', undefined],
    ['4.12.3', '4.10.1', undefined],
  ])('control plane %s, pool %s', (controlPlane, nodePool, want) => {
    const p = nodePoolSkewProblem({ controlPlane, nodePool });
    if (want) expect(p).toMatch(want);
    else expect(p).toBeUndefined();
  });

  it('max skew by parity', () => expect([maxNodePoolSkew('4.16.0'), maxNodePoolSkew('4.17.0')]).toEqual([2, 1]));

  it('an upgrade that would leave a pool outside the skew is refused, naming it', () => {
    expect(() =>
      checkPoolsLeftBehind('4.13.2', [
        { name: 'a', version: '4.12.8' },
        { name: 'b', version: '4.11.3' },
      ]),
    ).toThrow(/would leave node pool b \(4\.11\.3\) more than one minor behind it/);
    expect(() => checkPoolsLeftBehind('4.14.2', [{ name: 'a', version: '4.12.8' }])).not.toThrow();
  });
});

describe("the simulated operator's SupportedVersionSkew (upstream n-3, never ahead)", () => {
  const hc = (history: Array<{ state: string; version: string }>, desired = '4.18.5') => ({ status: { version: { desired: { version: desired }, history } } });
  it.each([
    [hc([{ state: 'Completed', version: '4.18.5' }]), '4.15.1', 'True', 'Release image version is valid'],
    [hc([{ state: 'Completed', version: '4.18.5' }]), '4.14.1', 'False', 'NodePool minor version 4.14 is less than 4.15, which is the minimum NodePool version compatible with the 4.18 HostedCluster'],
    [hc([{ state: 'Completed', version: '4.18.5' }]), '4.18.6', 'False', 'NodePool version 4.18.6 cannot be higher than the HostedCluster version 4.18.5'],
    [
      hc([
        { state: 'Partial', version: '4.19.0' },
        { state: 'Completed', version: '4.18.5' },
      ]),
      '4.19.0',
      'False',
      'NodePool version 4.19.0 cannot be higher than the HostedCluster version 4.18.5',
    ],
    [hc([]), '4.18.5', 'True', 'Release image version is valid'],
    [{ status: {} }, '4.18.5', 'Unknown', 'HostedCluster version is not available yet, waiting for version information'],
  ])('%#', (h, pool, status, message) => expect(versionSkewCondition(h, pool)).toMatchObject({ type: 'SupportedVersionSkew', status, message }));

  it('status lists a False KubeVirt node-pool condition, first line of its message', () => {
    expect(
      nodePoolConditionProblems([
        {
          name: 'np',
          conditions: [
            { type: 'SupportedVersionSkew', status: 'False', message: 'NodePool version 4.19.0 cannot be higher' },
            { type: 'KubeVirtNodesLiveMigratable', status: 'False', message: '1 of 1 machines are not live migratable\nMachine x: …' },
            { type: 'Ready', status: 'False' },
          ],
        },
      ]),
    ).toEqual(['NodePool np: SupportedVersionSkew is False: NodePool version 4.19.0 cannot be higher', 'NodePool np: KubeVirtNodesLiveMigratable is False: 1 of 1 machines are not live migratable']);
  });
});
