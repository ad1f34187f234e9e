// The sizing arithmetic against Red Hat's worked example (openshift/openshift-docs
// modules/hcp-sizing-calculation.adoc@026086bd47993f78c56b27ac2d2e1fc9e8bc4d8c) and the addon's baseline override keys
// (stolostron/hypershift-addon-operator docs/management/cluster_capacity_metrics_hcp.md@e1ee8ef836a986133c8ed2e84e2a0d8e68f004f2).
import { describe, expect, it } from 'vitest';
import { baselineFromConfigMap } from '../../src/capacity/baseline.js';
import { controlPlanesThatFit, DEFAULT_BASELINE, vmMemoryOverhead, vmRequest, workersThatFit, type NodeRoom } from '../../src/capacity/sizing.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const nodes = (n: number, cpu: number, gib: number, pods: number): NodeRoom[] => Array.from({ length: n }, (_, i) => ({ name: `w${i}`, cpu, memory: gib * GiB, pods }));

describe('hosted control planes that fit', () => {
  it.each([
    // server, workers, vCPU, GiB, maxPods → request-based, medium (1,000 QPS) and what bounds the medium figure
    ['docs server 1', 3, 64, 128, 500, 20, 16, 'cpu usage'],
    ['docs server 2', 3, 128, 256, 500, 20, 20, 'pods'],
    ['docs: maxPods 250 → about 3 per node', 1, 128, 256, 250, 3, 3, 'pods'],
  ] as const)('%s', (_name, n, cpu, gib, pods, requestBased, medium, bound) => {
    const fit = controlPlanesThatFit(nodes(n, cpu, gib, pods));
    expect(fit.requestBased.count).toBe(requestBased);
    expect(fit.mediumLoad.count).toBe(medium);
    expect(fit.mediumLoad.boundBy).toBe(bound);
  });

  it('high load needs more than low load: 3 × 64 vCPU / 128 GiB', () => {
    const fit = controlPlanesThatFit(nodes(3, 64, 128, 500));
    // low: 64 ÷ (2.9 + 0.45) = 19.1 by vCPU usage, but 500 maxPods ÷ 75 = 6.67 per node bound it → 20
    expect(fit.lowLoad).toEqual({ count: 20, boundBy: 'pods' });
    // high: 64 ÷ (2.9 + 18) = 3.06 per node → 9
    expect(fit.highLoad).toEqual({ count: 9, boundBy: 'cpu usage' });
  });

  it('nothing fits on no node, or on nodes already full', () => {
    expect(controlPlanesThatFit([]).requestBased).toEqual({ count: 0, boundBy: 'nodes' });
    // the docs add fractional shares across nodes (a control plane's pods spread): 3 × 1 ÷ 5 = 0.6 → 0
    expect(controlPlanesThatFit(nodes(3, 1, 128, 500)).requestBased).toEqual({ count: 0, boundBy: 'cpu' });
    expect(controlPlanesThatFit(nodes(3, 4, 128, 500)).requestBased).toEqual({ count: 2, boundBy: 'cpu' });
    expect(controlPlanesThatFit([{ name: 'x', cpu: -3, memory: -1, pods: -5 }]).requestBased.count).toBe(0);
  });

  it('takes an overridden baseline', () => {
    const b = { ...DEFAULT_BASELINE, cpuRequestPerHCP: 10 };
    expect(controlPlanesThatFit(nodes(3, 64, 1024, 5000), b).requestBased).toEqual({ count: 19, boundBy: 'cpu' }); // 64 ÷ 10 = 6.4 per node
  });
});

describe('the hcp-sizing-baseline ConfigMap', () => {
  it('overrides only the keys it names, as the addon does', () => {
    const b = baselineFromConfigMap({ cpuRequestPerHCP: '6', idleMemoryUsage: '12.5' });
    expect(b).toEqual({ ...DEFAULT_BASELINE, cpuRequestPerHCP: 6, idleMemoryUsage: 12.5 });
  });
  it('refuses a value that is not a positive number, naming the key', () => {
    expect(() => baselineFromConfigMap({ memoryRequestPerHCP: 'lots' })).toThrow(/memoryRequestPerHCP.*"lots"/);
    expect(() => baselineFromConfigMap({ podsPerHCP: '0' })).toThrow(/podsPerHCP/);
  });
});

describe('worker VMs that fit', () => {
  it("adds KubeVirt's overhead to the guest memory", () => {
    // 8Gi, 2 cores: 220Mi fixed + 16Mi page tables + 16Mi vCPUs + 8Mi IO thread + 32Mi video = 292Mi
    expect(vmMemoryOverhead({ memory: 8 * GiB, cores: 2 })).toBe(292 * MiB);
    expect(vmRequest({ memory: 8 * GiB, cores: 2 })).toEqual({ cpu: 0.2, memory: 8 * GiB + 292 * MiB, pods: 1 });
  });
  it('counts whole VMs per node', () => {
    // 125 GiB free: 15 × 8.29 GiB = 124.3 → 15 per node (16 without the overhead)
    expect(workersThatFit(nodes(3, 31.5, 125, 250), { memory: 8 * GiB, cores: 2 })).toEqual({ count: 45, boundBy: 'memory' });
    expect(workersThatFit(nodes(2, 1, 125, 250), { memory: 1 * GiB, cores: 4 })).toEqual({ count: 4, boundBy: 'cpu' });
    expect(workersThatFit(nodes(1, 64, 512, 10), { memory: 1 * GiB, cores: 1 })).toEqual({ count: 10, boundBy: 'pods' });
  });
});
