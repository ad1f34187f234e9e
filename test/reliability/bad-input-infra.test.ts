// Bad input for isolated control planes, storage per role, host devices and networks, external infrastructure:
// exit 2 (3 for an unreachable infra cluster), one line naming the flag plus a hint, no stack trace, and zero
// mutating requests on the management cluster.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let env: SimEnv;
const f = (name: string, text: string) => {
  const p = join(env.dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  env = await simEnv({ profile: 'instant' });
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--permitted-host-device', 'pciVendorSelector=10DE:1EB8,resourceName=nvidia.com/T4']);
  expect(boot.code, boot.stderr).toBe(0);
  // One T4 on worker-1 (what the GPU operator's device plugin would advertise).
  const r = await call(env.sim.api, 'PATCH', pathOf('v1', 'nodes', undefined, 'worker-1', 'status'), { status: { allocatable: { 'nvidia.com/T4': '1' } } }, { contentType: 'application/merge-patch+json' });
  expect(r.status, r.text).toBe(200);
}, 60_000);
afterAll(() => env.stop());

type Case = [name: string, args: () => string[], code: number, pattern: RegExp];

const PS = () => f('ps.json', '{"auths":{"quay.io":{"auth":"eDp5"}}}');
const cc =
  (...extra: string[]) =>
  () => ['create-cluster', 'kv', '--pull-secret', PS(), '--release', '4.12.3', ...extra];
const boot =
  (...extra: string[]) =>
  () => ['bootstrap', '--metallb-addresses', POOL, ...extra];

/** Kubeconfigs for --infra-kubeconfig-file: the embedded cluster as the infra cluster (admin or read-only), or a dead server. */
const INFRA_KC = (kind: 'admin' | 'readonly' | 'unreachable') =>
  f(`infra-${kind}.kubeconfig`, kind === 'unreachable' ? env.sim.api.kubeconfig().replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1') : env.sim.api.kubeconfig({ readOnly: kind === 'readonly' }));

const cases: Case[] = [
  // isolated control planes
  ['control-plane selector matching no node', boot('--control-plane-nodes', 'example.com/role=nothing'), 2, /--control-plane-nodes example.com\/role=nothing matches no Ready node/],
  ['control-plane selector taking every worker', boot('--control-plane-nodes', 'node-role.kubernetes.io/worker='), 2, /--control-plane-nodes node-role.kubernetes.io\/worker= would leave no node schedulable for VMs/],
  ['VM selector matching no node', boot('--control-plane-nodes', 'kubernetes.io/hostname=worker-0', '--vm-nodes', 'example.com/role=nothing'), 2, /--vm-nodes example.com\/role=nothing matches no Ready node/],
  [
    'VM selector only on control-plane nodes',
    boot('--control-plane-nodes', 'kubernetes.io/hostname=worker-0', '--vm-nodes', 'kubernetes.io/hostname=worker-0'),
    2,
    /--vm-nodes kubernetes.io\/hostname=worker-0 leaves no node schedulable for VMs/,
  ],
  ['VM selector without control-plane nodes', boot('--vm-nodes', 'a=b'), 2, /--vm-nodes needs --control-plane-nodes/],
  ['control-plane selector not key=value', boot('--control-plane-nodes', 'just-a-word'), 2, /--control-plane-nodes entry "just-a-word" is not key=value/],
  ['etcd storage class not a name', boot('--etcd-storage-class', 'Fast_SSD'), 2, /--etcd-storage-class "Fast_SSD" is not a valid StorageClass name/],
  ['control-plane node selector matching nothing', cc('--node-selector', 'example.com/role=nothing'), 2, /--node-selector example.com\/role=nothing matches no Ready node the control-plane pods tolerate/],
  ['control-plane node selector on tainted masters', cc('--node-selector', 'node-role.kubernetes.io/master='), 2, /--node-selector node-role.kubernetes.io\/master= matches no Ready node the control-plane pods tolerate/],
  ['VM node selector matching nothing', cc('--vm-node-selector', 'example.com/role=nothing'), 2, /--vm-node-selector example.com\/role=nothing matches no Ready node schedulable for VMs/],
  // storage per role
  ['etcd storage class that does not exist', cc('--etcd-storage-class', 'fast-nvme'), 2, /--etcd-storage-class fast-nvme does not exist on the management cluster/],
  ['storage mapping to a missing infra class', cc('--infra-storage-class-mapping', 'no-such-class/guest'), 2, /--infra-storage-class-mapping no-such-class\/guest: StorageClass no-such-class does not exist on the infrastructure cluster/],
  // host devices
  ['host device not permitted', cc('--host-device-name', 'nvidia.com/A100'), 2, /--host-device-name nvidia.com\/A100 is not permitted in HyperConverged openshift-cnv\/kubevirt-hyperconverged \(permitted: nvidia.com\/T4\)/],
  ['host device permitted, allocatable nowhere', cc('--host-device-name', 'nvidia.com/T4,count:3'), 2, /--host-device-name nvidia.com\/T4,count:3: no node the VMs may run on has 3 nvidia.com\/T4 allocatable/],
  ['permitted host device selector not hexadecimal', boot('--permitted-host-device', 'pciVendorSelector=nvidia,resourceName=nvidia.com/T4'), 2, /pciVendorSelector must be VENDOR:DEVICE in hexadecimal/],
  ['permitted host device without resource name', boot('--permitted-host-device', 'pciVendorSelector=10DE:1EB8'), 2, /resourceName "" is not a resource name/],
  ['permitted host device unknown field', boot('--permitted-host-device', 'vendor=10DE:1EB8,resourceName=x'), 2, /"vendor=10DE:1EB8" is not pciVendorSelector=, resourceName= or external=/],
  // external infrastructure
  ['infra-only with control-plane nodes', boot('--infra-only', '--control-plane-nodes', 'a=b'), 2, /--infra-only and --control-plane-nodes exclude each other/],
  [
    'infra kubeconfig whose server is unreachable',
    () => cc('--infra-namespace', 'kv-infra', '--infra-kubeconfig-file', INFRA_KC('unreachable'))(),
    3,
    /--infra-kubeconfig-file: the infrastructure cluster https:\/\/127\.0\.0\.1:1 is not reachable/,
  ],
  [
    'infra kubeconfig without the permissions',
    () => cc('--infra-namespace', 'kv-infra', '--infra-kubeconfig-file', INFRA_KC('readonly'))(),
    2,
    /--infra-kubeconfig-file: its credentials may not create virtualmachines\.kubevirt\.io, delete virtualmachineinstances\.kubevirt\.io, create datavolumes\.cdi\.kubevirt\.io, .* in namespace kv-infra of the infrastructure cluster/,
  ],
  [
    'infra storage mapping missing on the infra cluster',
    () => cc('--infra-namespace', 'kv-infra', '--infra-kubeconfig-file', INFRA_KC('admin'), '--infra-storage-class-mapping', 'infra-only-class/guest')(),
    2,
    /StorageClass infra-only-class does not exist on the infrastructure cluster/,
  ],
  ['infra-credentials namespace not a name', () => ['infra-credentials', '--namespace', 'Bad_NS', '--out', join(env.dir, 'x.kubeconfig')], 2, /--namespace "Bad_NS" is not a valid namespace/],
  ['infra-credentials would overwrite a file', () => ['infra-credentials', '--namespace', 'kv-infra', '--out', f('exists.kubeconfig', 'x')], 2, /exists.kubeconfig already exists/],
  // networks
  ['no default network and no other', cc('--attach-default-network=false'), 2, /--attach-default-network=false needs at least one --additional-network/],
  ['secondary network that does not exist', cc('--additional-network', 'name:ns1/nad-missing'), 2, /--additional-network name:ns1\/nad-missing: NetworkAttachmentDefinition ns1\/nad-missing does not exist/],
  ['no default network, missing secondary network', cc('--attach-default-network=false', '--additional-network', 'name:default/nope'), 2, /NetworkAttachmentDefinition default\/nope does not exist/],
];

describe('bad input for placement, storage, devices, networks and external infrastructure', () => {
  it.each(cases)('%s', async (_name, args, code, pattern) => {
    env.sim.api.resetStats();
    const r = await env.cli(args());
    expect(r.code, r.stderr).toBe(code);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: ') || l.startsWith('error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(r.stderr).toMatch(/^(Hint: |\(run with --help)/m);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});
