// diagnose surfaces the KubeVirt conditions the operator sets once a cluster runs: KubeVirtNodesLiveMigratable,
// ValidKubeVirtInfraNetworkMTU (HostedCluster) and SupportedVersionSkew (NodePool). Pure rules over a snapshot;
// a cluster whose conditions are True (or absent, as on releases before they exist) yields nothing.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/rules.js';
import type { Snapshot } from '../../src/diagnose/snapshot.js';

const cond = (type: string, status: string, message = '') => ({ type, status, message, reason: status === 'True' ? 'AsExpected' : 'Failed', lastTransitionTime: '2026-01-01T00:00:00Z' });
const healthy = [cond('Available', 'True'), cond('ValidReleaseImage', 'True'), cond('ValidConfiguration', 'True')];

function snapshot(hcConditions: object[], npConditions: object[] = [cond('Ready', 'True')]): Snapshot {
  return {
    name: 'kv-00',
    namespace: 'clusters',
    hc: {
      apiVersion: 'hypershift.openshift.io/v1beta1',
      kind: 'HostedCluster',
      metadata: { name: 'kv-00', namespace: 'clusters' },
      status: { conditions: [...healthy, ...hcConditions], version: { history: [{ state: 'Completed', version: '4.17.3' }] } },
    } as never,
    nodePools: [{ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'NodePool', metadata: { name: 'kv-00', namespace: 'clusters' }, spec: { clusterName: 'kv-00' }, status: { conditions: npConditions } } as never],
    services: [],
    events: [],
    vms: [],
    dataVolumes: [],
    storageClasses: [],
    pools: [],
    loadBalancers: [],
    nodes: [],
    vmis: [],
  };
}

describe('diagnose: KubeVirt platform conditions', () => {
  it('is quiet when they hold or are absent', () => {
    expect(diagnose(snapshot([]))).toEqual([]);
    expect(diagnose(snapshot([cond('KubeVirtNodesLiveMigratable', 'True'), cond('ValidKubeVirtInfraNetworkMTU', 'True')], [cond('Ready', 'True'), cond('SupportedVersionSkew', 'True')]))).toEqual([]);
  });

  it.each([
    ['KubeVirtNodesLiveMigratable', 'not-live-migratable', /cannot live-migrate/, /--root-volume-access-modes ReadWriteMany/],
    ['ValidKubeVirtInfraNetworkMTU', 'infra-mtu', /MTU is too small/, /MTU of the infrastructure cluster network to 9000/],
  ])('%s=False → %s', (type, id, problem, next) => {
    const [f] = diagnose(snapshot([cond(type, 'False', 'the reason the operator gives')]));
    expect(f).toMatchObject({ id, problem: expect.stringMatching(problem), next: expect.stringMatching(next) });
    expect(f!.evidence[0]).toBe(`HostedCluster clusters/kv-00 ${type}=False: the reason the operator gives`);
  });

  it('SupportedVersionSkew=False on a node pool → version-skew with the upgrade command', () => {
    const [f] = diagnose(snapshot([], [cond('Ready', 'True'), cond('SupportedVersionSkew', 'False', 'NodePool minor version 4.18 is newer than the HostedCluster 4.17')]));
    expect(f).toMatchObject({ id: 'version-skew', next: 'bring it within the skew: hcp-kv upgrade kv-00 --node-pools kv-00 (node pools may not be ahead of the control plane)' });
  });
});
