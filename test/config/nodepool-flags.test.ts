// The NodePool flags against upstream's own fixtures. Expected objects are the upstream test data of
// openshift/hypershift @3ee9615567acffaf3e3ee25c2ca2942d650565cf:
//   cmd/nodepool/kubevirt/create_test.go + testdata/zz_fixture_TestCreateNodePool_*.yaml
//   product-cli/cmd/nodepool/kubevirt/create_test.go + testdata/zz_fixture_TestUpdateNodePool_*.yaml
import { Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { addNodePoolFlags } from '../../src/commands/nodepool-flags.js';
import { parseNodePoolFlags } from '../../src/config/nodepool-flags.js';
import { canonicalQuantity, formatGoDuration, parseGoDuration } from '../../src/config/kube-values.js';
import { validateAgainstCrd } from '../helpers/crd-schema.js';

function parse(args: string[]) {
  const cmd = addNodePoolFlags(new Command('np').exitOverride().configureOutput({ writeErr: () => {} }));
  cmd.parse(args, { from: 'user' });
  return parseNodePoolFlags(cmd.opts());
}

const upstream: Array<[string, string[], unknown]> = [
  [
    'cmd/nodepool …minimal_configuration…',
    ['--cores=2', '--memory=4Gi', '--root-volume-size=32'],
    { attachDefaultNetwork: true, compute: { cores: 2, memory: '4Gi' }, networkInterfaceMultiqueue: 'Enable', rootVolume: { persistent: { size: '32Gi' }, type: 'Persistent' } },
  ],
  [
    'cmd/nodepool …full_configuration_with_additional_networks…',
    [
      '--cores=4',
      '--memory=8Gi',
      '--root-volume-size=64',
      '--root-volume-storage-class=fast-storage',
      '--root-volume-access-modes=ReadWriteOnce',
      '--root-volume-volume-mode=Block',
      '--network-multiqueue=Enable',
      '--qos-class=Guaranteed',
      '--additional-network=name:default/nad1',
      '--additional-network=name:default/nad2',
      '--attach-default-network=false',
    ],
    {
      additionalNetworks: [{ name: 'default/nad1' }, { name: 'default/nad2' }],
      attachDefaultNetwork: false,
      compute: { cores: 4, memory: '8Gi', qosClass: 'Guaranteed' },
      networkInterfaceMultiqueue: 'Enable',
      rootVolume: { persistent: { accessModes: ['ReadWriteOnce'], size: '64Gi', storageClass: 'fast-storage', volumeMode: 'Block' }, type: 'Persistent' },
    },
  ],
  [
    'cmd/nodepool …host_devices_are_configured…',
    ['--cores=8', '--memory=16Gi', '--root-volume-size=128', '--host-device-name=gpu-device,count:2', '--qos-class=Burstable'],
    { attachDefaultNetwork: true, compute: { cores: 8, memory: '16Gi' }, hostDevices: [{ count: 2, deviceName: 'gpu-device' }], networkInterfaceMultiqueue: 'Enable', rootVolume: { persistent: { size: '128Gi' }, type: 'Persistent' } },
  ],
  [
    'product-cli …full_configuration…',
    [
      '--cores=4',
      '--memory=8Gi',
      '--root-volume-size=64',
      '--root-volume-storage-class=fast-storage',
      '--root-volume-access-modes=ReadWriteOnce',
      '--root-volume-volume-mode=Block',
      '--root-volume-cache-strategy=None',
      '--network-multiqueue=Enable',
      '--qos-class=Guaranteed',
      '--additional-network=name:default/nad1',
      '--attach-default-network=false',
      '--vm-node-selector=role=kubevirt,size=large',
      '--host-device-name=testdevice,count:1',
    ],
    {
      additionalNetworks: [{ name: 'default/nad1' }],
      attachDefaultNetwork: false,
      compute: { cores: 4, memory: '8Gi', qosClass: 'Guaranteed' },
      hostDevices: [{ count: 1, deviceName: 'testdevice' }],
      networkInterfaceMultiqueue: 'Enable',
      nodeSelector: { role: 'kubevirt', size: 'large' },
      rootVolume: { cacheStrategy: { type: 'None' }, persistent: { accessModes: ['ReadWriteOnce'], size: '64Gi', storageClass: 'fast-storage', volumeMode: 'Block' }, type: 'Persistent' },
    },
  ],
];

describe('NodePool flags (upstream fixtures)', () => {
  it.each(upstream)('%s', (_n, args, expected) => {
    const p = parse(args);
    expect(p.platform.kubevirt).toEqual(expected);
    const np = {
      apiVersion: 'hypershift.openshift.io/v1beta1',
      kind: 'NodePool',
      metadata: { name: 'np', namespace: 'clusters' },
      spec: {
        clusterName: 'kv',
        replicas: 2,
        arch: 'amd64',
        release: { image: 'quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64' },
        management: p.management,
        nodeDrainTimeout: p.nodeDrainTimeout,
        nodeVolumeDetachTimeout: p.nodeVolumeDetachTimeout,
        platform: p.platform,
      },
    };
    expect(validateAgainstCrd(np)).toEqual([]);
  });

  it('defaults: 8Gi (the deliberate difference), 2 cores, 32Gi, Replace, no auto-repair, 0s timeouts', () => {
    const p = parse([]);
    expect(p.platform.kubevirt.compute).toEqual({ cores: 2, memory: '8Gi' });
    expect(p).toMatchObject({ management: { autoRepair: false, upgradeType: 'Replace' }, nodeDrainTimeout: '0s', nodeVolumeDetachTimeout: '0s' });
    expect(p.releaseImage).toBeUndefined();
  });

  it('keeps everything after the first "=" of a node selector, merges repeats, takes Go durations and bools', () => {
    const p = parse([
      '--vm-node-selector',
      'a=b=c',
      '--vm-node-selector=x=',
      '--node-drain-timeout',
      '90s',
      '--node-volume-detach-timeout=1h',
      '--auto-repair',
      '--node-upgrade-type',
      'InPlace',
      '--host-device-name',
      'gpu',
      '--network-multiqueue=Disable',
      '--root-volume-access-modes',
      'ReadOnly,ReadWriteOncePod',
      '--memory',
      '8192Mi',
      '--root-volume-size',
      '1024',
    ]);
    expect(p.platform.kubevirt.nodeSelector).toEqual({ a: 'b=c', x: '' });
    expect(p).toMatchObject({ nodeDrainTimeout: '1m30s', nodeVolumeDetachTimeout: '1h0m0s', management: { autoRepair: true, upgradeType: 'InPlace' } });
    expect(p.platform.kubevirt).toMatchObject({
      hostDevices: [{ deviceName: 'gpu', count: 1 }],
      networkInterfaceMultiqueue: 'Disable',
      compute: { memory: '8Gi' },
      rootVolume: { persistent: { size: '1Ti', accessModes: ['ReadOnly', 'ReadWriteOncePod'] } },
    });
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['ReadOnlyMany (not in the NodePool enum)', ['--root-volume-access-modes', 'ReadOnlyMany'], /--root-volume-access-modes must be one of ReadWriteOnce, ReadWriteMany, ReadOnly, ReadWriteOncePod/],
    ['an unknown qos class', ['--qos-class', 'BestEffort'], /--qos-class must be one of Burstable, Guaranteed/],
    ['an unknown cache strategy', ['--root-volume-cache-strategy', 'Disk'], /--root-volume-cache-strategy/],
    ['an unknown multiqueue value', ['--network-multiqueue', 'wrong'], /--network-multiqueue/],
    ['an unknown volume mode', ['--root-volume-volume-mode', 'Raw'], /--root-volume-volume-mode/],
    ['a NAD without a namespace', ['--additional-network', 'name:nad1'], /--additional-network "name:nad1" does not name NAMESPACE\/NAD/],
    ['an unknown NAD parameter', ['--additional-network', 'badfield:ns2/nad2'], /--additional-network .*unknown parameter/],
    ['attach-default-network=false alone', ['--attach-default-network=false'], /--attach-default-network=false needs at least one --additional-network/],
    ['a non-boolean attach-default-network', ['--attach-default-network=maybe'], /--attach-default-network takes true or false/],
    ['a misspelled count', ['--host-device-name', 'gpu,cuont:2'], /--host-device-name .*is not count:N/],
    ['a non-integer count', ['--host-device-name', 'gpu,count:1K'], /count must be a positive whole number/],
    ['a negative count', ['--host-device-name', 'gpu,count:-8'], /count must be a positive whole number/],
    ['an extra host device option', ['--host-device-name', 'gpu,count:2,speed:1'], /is not NAME\[,count:N\]/],
    ['a node selector without "="', ['--vm-node-selector', 'novalue'], /--vm-node-selector entry "novalue" is not key=value/],
    ['zero cores', ['--cores', '0'], /--cores must be a whole number of at least 1/],
    ['a small root volume', ['--root-volume-size', '8'], /--root-volume-size must be a whole number of at least 16/],
    ['a bad memory', ['--memory', 'lots'], /--memory "lots" is not a Kubernetes quantity/],
    ['an unknown upgrade type', ['--node-upgrade-type', 'Recreate'], /--node-upgrade-type must be one of Replace, InPlace/],
    ['a bad duration', ['--node-drain-timeout', '10'], /--node-drain-timeout "10" is not a duration/],
    ['a bad release image', ['--release-image', 'fake'], /--release-image "fake" is not an image reference/],
  ];
  it.each(bad)('refuses %s with exit 2 naming the flag', (_n, args, pattern) => {
    expect(() => parse(args)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(pattern) }));
  });
});

describe('Kubernetes and Go value forms', () => {
  it.each([
    ['8Gi', '8Gi'],
    ['8192Mi', '8Gi'],
    ['1.5Gi', '1536Mi'],
    ['1024Gi', '1Ti'],
    ['512', '512'],
    ['8G', '8G'],
    ['1500M', '1500M'],
    ['8000M', '8G'],
    ['0.5', '500m'],
    ['1e3', '1e3'],
    ['100Mi', '100Mi'],
  ])('quantity %s → %s', (i, o) => {
    expect(canonicalQuantity(i)).toBe(o);
  });
  it.each([
    ['0', '0s'],
    ['90s', '1m30s'],
    ['1h', '1h0m0s'],
    ['500ms', '500ms'],
    ['1.5s', '1.5s'],
    ['2h45m', '2h45m0s'],
    ['10m', '10m0s'],
  ])('duration %s → %s', (i, o) => {
    expect(formatGoDuration(parseGoDuration(i)!)).toBe(o);
  });
  it('refuses what Go refuses', () => {
    expect(canonicalQuantity('lots')).toBeUndefined();
    expect(parseGoDuration('10')).toBeUndefined();
    expect(parseGoDuration('1d')).toBeUndefined();
  });
});

describe('nodepool create validation (Raw → Validated) reports every problem at once', () => {
  it('one usage error, the first problem first, each other on its own line', async () => {
    const { validateNodePoolCreate } = await import('../../src/config/nodepool-options.js');
    const ok = validateNodePoolCreate('np2', { namespace: 'clusters', timeout: '20m', output: 'text', clusterName: 'kv-00', cores: '4' });
    expect(ok).toMatchObject({ name: 'np2', clusterName: 'kv-00', replicas: 2, timeoutMs: 1_200_000, spec: { releaseImage: '', arch: 'amd64', pool: { platform: { kubevirt: { compute: { cores: 4, memory: '8Gi' } } } } } });
    let err: unknown;
    try {
      validateNodePoolCreate('np2', { namespace: 'clusters', timeout: 'soon', output: 'text', replicas: '-2', cores: '0', qosClass: 'BestEffort', release: '4.14' });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: 2 });
    expect((err as Error).message.split('\n').map((l) => l.replace(/^ {2}also: /, '').replace(/ \(.*$/, ''))).toEqual([
      '--cluster-name is required',
      '--replicas must be a whole number from 0 to 500, got "-2"',
      '--release "4.14" is not an OpenShift version',
      '--cores must be a whole number of at least 1, got "0"',
      '--qos-class must be one of Burstable, Guaranteed, got "BestEffort"',
      'invalid duration "soon"',
    ]);
  });
});
