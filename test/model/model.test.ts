// The read model (src/model): its generated types are current with the upstream schemas they come from, a field
// that is not in a schema cannot be asked for, and readHostedCluster reads one cluster's objects and no other's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, MODEL, OUT } from '../../scripts/gen-model.mjs';
import type { Kube, KubeObject, ObjectRef } from '../../src/kube/types.js';
import { isNodePoolOf, readHostedCluster, requireHostedCluster, type NodePool } from '../../src/model/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('src/model/generated.ts', () => {
  it('is what scripts/gen-model.mjs generates from the upstream CRDs and KubeVirt’s OpenAPI document (run it when this fails)', () => {
    expect(readFileSync(`${ROOT}${OUT}`, 'utf8')).toBe(generate());
  });

  it('refuses a field the schema does not have', () => {
    const hc = MODEL.find((m) => m.kind === 'HostedCluster')!;
    expect(() => generate([{ ...hc, paths: ['spec.release.imag'] }])).toThrow(/HostedCluster: spec\.release\.imag: no field "imag"/);
    const vm = MODEL.find((m) => m.kind === 'VirtualMachine')!;
    expect(() => generate([{ ...vm, paths: ['status.printablestatus'] }])).toThrow(/no field "printablestatus"/);
  });

  it('keeps the schema’s enums and required fields', () => {
    const text = readFileSync(`${ROOT}${OUT}`, 'utf8');
    expect(text).toMatch(/upgradeType: 'Replace' \| 'InPlace';/);
    expect(text).toMatch(/clusterName: string;/);
    expect(text).toMatch(/status: 'True' \| 'False' \| 'Unknown';/);
  });
});

/** A Kube over fixed objects: get and list only (namespace filter), counting the lists. */
function fakeKube(objects: KubeObject[]): Kube & { lists: string[] } {
  const lists: string[] = [];
  const match = (o: KubeObject, apiVersion: string, kind: string, ns?: string) => o.apiVersion === apiVersion && o.kind === kind && (!ns || o.metadata.namespace === ns);
  const kube = {
    server: 'https://fake',
    context: 'fake',
    lists,
    async get<T extends KubeObject>(r: ObjectRef) {
      return objects.find((o) => match(o, r.apiVersion, r.kind, r.namespace) && o.metadata.name === r.name) as T | undefined;
    },
    async list<T extends KubeObject>(apiVersion: string, kind: string, o: { namespace?: string } = {}) {
      lists.push(`${kind}${o.namespace ? ` ${o.namespace}` : ''}`);
      return objects.filter((x) => match(x, apiVersion, kind, o.namespace)) as T[];
    },
  };
  return kube as unknown as Kube & { lists: string[] };
}

const HS = 'hypershift.openshift.io/v1beta1';
const hc = (name: string): KubeObject => ({ apiVersion: HS, kind: 'HostedCluster', metadata: { name, namespace: 'clusters' }, spec: { release: { image: 'x' } } });
const np = (name: string, cluster: string): KubeObject => ({ apiVersion: HS, kind: 'NodePool', metadata: { name, namespace: 'clusters' }, spec: { clusterName: cluster } });
const pod = (name: string, ns: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, status: { phase: 'Running' } });
const vm = (name: string, ns: string): KubeObject => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, namespace: ns }, status: { ready: true } });

describe('readHostedCluster', () => {
  const objects = [
    hc('kv-00'),
    hc('kv-01'),
    np('a', 'kv-00'),
    np('b', 'kv-01'),
    np('c', 'kv-00'),
    pod('kube-apiserver-0', 'clusters-kv-00'),
    pod('virt-launcher-a-x', 'clusters-kv-00'),
    pod('kube-apiserver-0', 'clusters-kv-01'),
    vm('a-x', 'clusters-kv-00'),
    vm('b-y', 'clusters-kv-01'),
  ];

  it('reads the HostedCluster and only its own NodePools', async () => {
    const m = await readHostedCluster(fakeKube(objects), { name: 'kv-00', namespace: 'clusters' });
    expect(m?.hostedCluster.metadata.name).toBe('kv-00');
    expect(m?.controlPlaneNamespace).toBe('clusters-kv-00');
    expect(m?.nodePools.map((p) => p.metadata.name)).toEqual(['a', 'c']);
    expect(m?.pods).toEqual([]);
    expect(m?.workers).toBeUndefined();
  });

  it('reads the control-plane pods and, beside them, the worker VMs when asked', async () => {
    const kube = fakeKube(objects);
    const m = await readHostedCluster(kube, { name: 'kv-00', namespace: 'clusters' }, { pods: true, workers: true });
    expect(m?.pods.map((p) => p.metadata.name)).toEqual(['kube-apiserver-0', 'virt-launcher-a-x']);
    expect(m?.workers?.namespace).toBe('clusters-kv-00');
    expect(m?.workers?.external).toBeUndefined();
    expect(m?.workers?.vms.map((v) => v.metadata.name)).toEqual(['a-x']);
    expect(m?.workers?.launchers).toBe(m?.pods);
    // The control-plane pods are listed once, whether asked for as pods, launchers or both.
    expect(kube.lists.filter((l) => l.startsWith('Pod'))).toEqual(['Pod clusters-kv-00']);
  });

  it('is undefined when there is no such HostedCluster', async () => {
    expect(await readHostedCluster(fakeKube(objects), { name: 'kv-09', namespace: 'clusters' })).toBeUndefined();
  });

  it('requireHostedCluster: exit 2 naming the hosted clusters that do exist', async () => {
    await expect(requireHostedCluster(fakeKube(objects), { name: 'kv-09', namespace: 'clusters' })).rejects.toMatchObject({
      message: 'hosted cluster clusters/kv-09 not found',
      hint: 'hosted clusters in clusters: kv-00, kv-01',
      exitCode: 2,
    });
    expect((await requireHostedCluster(fakeKube(objects), { name: 'kv-01', namespace: 'clusters' })).nodePools.map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('decides "the NodePools of this cluster" by spec.clusterName', () => {
    expect(
      (objects as NodePool[])
        .filter((o) => o.kind === 'NodePool')
        .filter(isNodePoolOf('kv-01'))
        .map((p) => p.metadata.name),
    ).toEqual(['b']);
  });
});
