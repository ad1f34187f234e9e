// status for a person: what is wrong leads, bad conditions sit on top of their table, and everything fits.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { problems, statusText } from '../../src/output/status-text.js';

const healthy = {
  name: 'kv-00',
  namespace: 'clusters',
  version: { state: 'Completed', version: '4.12.3' },
  conditions: [
    { type: 'ValidConfiguration', status: 'True', reason: 'AsExpected', message: 'Configuration passes validation' },
    { type: 'Available', status: 'True', reason: 'AsExpected', message: 'The hosted control plane is available' },
    { type: 'Progressing', status: 'False', reason: 'AsExpected', message: 'Cluster version is 4.12.3' },
    { type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'The hosted cluster is not degraded' },
  ],
  nodePools: [{ name: 'kv-00', replicas: 2, ready: 2 }],
  controlPlanePods: [{ name: 'etcd-0', phase: 'Running' }],
  virtualMachines: [{ name: 'kv-00-a', status: 'Running', ready: true }],
  virtLauncherPods: [{ name: 'virt-launcher-kv-00-a-x', phase: 'Running' }],
};
const broken = {
  ...healthy,
  version: { state: 'Partial', version: '4.12.3' },
  conditions: [
    ...healthy.conditions.filter((c) => c.type !== 'Available' && c.type !== 'Degraded'),
    { type: 'Available', status: 'False', reason: 'WaitingForKubeAPIServer', message: 'the kube-apiserver has no MetalLB address: the pool hcp-kv has no free addresses left' },
    { type: 'Degraded', status: 'True', reason: 'Unhealthy', message: 'etcd is not ready' },
  ],
  nodePools: [{ name: 'kv-00', replicas: 2, ready: 1 }],
  virtualMachines: [
    { name: 'kv-00-a', status: 'Running', ready: true },
    { name: 'kv-00-b', status: 'ErrorUnschedulable', ready: false },
  ],
  clusterOperators: [{ name: 'console', available: 'False', degraded: 'False' }],
};

describe('status text', () => {
  it('a healthy cluster: no problems', () => {
    expect(problems(healthy)).toEqual([]);
    expect(statusText(healthy).split('\n')[1]).toBe('No problems found.');
  });

  it('a broken cluster: the problems first, then bad conditions on top of the table', () => {
    expect(problems(broken)).toEqual([
      'version 4.12.3 is Partial',
      'Available is False: the kube-apiserver has no MetalLB address: the pool hcp-kv has no free addresses left',
      'Degraded is True: etcd is not ready',
      'NodePool kv-00: 1 of 2 ready',
      'VM kv-00-b is ErrorUnschedulable',
      'ClusterOperator console: not Available',
    ]);
    const lines = statusText(broken).split('\n');
    expect(lines[1]).toBe('6 problems:');
    const header = lines.findIndex((l) => l.startsWith('CONDITION'));
    expect(lines.slice(header + 1, header + 3).map((l) => l.split(/\s+/)[0])).toEqual(['Available', 'Degraded']);
  });

  it.each([60, 80, 120])('fits %i columns', (width) => {
    for (const s of [healthy, broken]) for (const line of statusText(s, width).split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
  });
});
