// GPU passthrough and secondary networks on the embedded cluster: bootstrap --permitted-host-device writes
// HyperConverged permittedHostDevices (valid against the real CRD); create-cluster --host-device-name and
// --additional-network are checked (permitted, allocatable, NAD exists) and the VM asks for them: its launcher
// pod requests the device and lands on the node that has it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pciHostDevice } from '../../src/config/bootstrap.js';
import { validateAgainstCrd } from '../helpers/crd-schema.js';
import { runCli } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { create, get, pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const GPU = 'nvidia.com/GA100_A100_PCIE_40GB';

describe('--permitted-host-device', () => {
  it.each([
    ['pciVendorSelector=10de:20f1,resourceName=nvidia.com/GA100', { pciDeviceSelector: '10DE:20F1', resourceName: 'nvidia.com/GA100' }],
    ['pciVendorSelector=10DE:1EB8,resourceName=nvidia.com/TU104GL_Tesla_T4,external=true', { pciDeviceSelector: '10DE:1EB8', resourceName: 'nvidia.com/TU104GL_Tesla_T4', externalResourceProvider: true }],
  ])('%s', (text, want) => expect(pciHostDevice(text)).toEqual(want));

  it('renders HyperConverged permittedHostDevices valid against the upstream CRD', async () => {
    const r = await runCli(['bootstrap', '--dry-run', '--metallb-addresses', POOL, '--permitted-host-device', `pciVendorSelector=10DE:20F1,resourceName=${GPU}`]);
    expect(r.code, r.stderr).toBe(0);
    const hco: any = r.stdout
      .split(/^---$/m)
      .map((d) => load(d))
      .find((d: any) => d?.kind === 'HyperConverged');
    expect(hco.spec.permittedHostDevices).toEqual({ pciHostDevices: [{ pciDeviceSelector: '10DE:20F1', resourceName: GPU }] });
    expect(validateAgainstCrd(hco)).toEqual([]);
  });
});

describe('host devices and secondary networks on the embedded cluster', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  }, 30_000);
  afterAll(() => env.stop());

  it('bootstrap permits the GPU; kv-gpu gets a VM with two of them on the node that has them, and a secondary network', async () => {
    const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--permitted-host-device', `pciVendorSelector=10DE:20F1,resourceName=${GPU}`]);
    expect(boot.code, boot.stderr).toBe(0);
    const hco = await get(env.sim.api, 'hco.kubevirt.io/v1beta1', 'hyperconvergeds', 'kubevirt-hyperconverged', 'openshift-cnv');
    expect(hco.spec.permittedHostDevices.pciHostDevices).toEqual([{ pciDeviceSelector: '10DE:20F1', resourceName: GPU }]);
    // A second run with the same device changes nothing.
    const again = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--permitted-host-device', `pciVendorSelector=10DE:20F1,resourceName=${GPU}`, '-o', 'json']);
    expect(JSON.parse(again.stdout).steps.find((s: any) => s.id === 'hyperconverged').status).toBe('already-done');

    // The GPU operator's device plugin advertises two GPUs on worker-2; the admin defines a secondary network.
    const node = await call(env.sim.api, 'PATCH', pathOf('v1', 'nodes', undefined, 'worker-2', 'status'), { status: { capacity: { [GPU]: '2' }, allocatable: { [GPU]: '2' } } }, { contentType: 'application/merge-patch+json' });
    expect(node.status, node.text).toBe(200);
    await create(env.sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'ns1' } });
    await create(env.sim.api, 'k8s.cni.cncf.io/v1', 'network-attachment-definitions', {
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'nad-foo', namespace: 'ns1' },
      spec: { config: '{"cniVersion":"0.3.1","name":"nad-foo","type":"bridge","bridge":"br1"}' },
    });

    const r = await env.cli(['create-cluster', 'kv-gpu', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--host-device-name', `${GPU},count:2`, '--additional-network', 'name:ns1/nad-foo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${GPU.replace(/[./]/g, '\\$&')}×2 on worker-2`));
    const vms = (await call(env.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kv-gpu'))).body.items;
    expect(vms).toHaveLength(1);
    expect(vms[0].spec.template.spec.domain.devices.hostDevices).toEqual([
      { name: 'hostdevice-1', deviceName: GPU },
      { name: 'hostdevice-2', deviceName: GPU },
    ]);
    expect(vms[0].spec.template.spec.networks).toEqual([
      { name: 'default', pod: {} },
      { name: 'iface1_ns1-nad-foo', multus: { networkName: 'ns1/nad-foo' } },
    ]);
    const vmi = await get(env.sim.api, 'kubevirt.io/v1', 'virtualmachineinstances', vms[0].metadata.name, 'clusters-kv-gpu');
    expect(vmi.status.nodeName).toBe('worker-2');
    const launcher = (await call(env.sim.api, 'GET', `${pathOf('v1', 'pods', 'clusters-kv-gpu')}?labelSelector=kubevirt.io%3Dvirt-launcher`)).body.items[0];
    expect(launcher.spec.containers[0].resources.requests[GPU]).toBe('2');
    const status = JSON.parse((await env.cli(['status', 'kv-gpu', '-o', 'json'])).stdout);
    expect(status.virtualMachines[0]).toMatchObject({ node: 'worker-2', hostDevices: [GPU, GPU], networks: ['ns1/nad-foo'] });

    // Both GPUs are in use. Preflight checks what nodes advertise (allocatable), not what is free, so a second
    // cluster asking for one is created; its VM stays unschedulable with the scheduler's reason.
    const second = await env.cli(['create-cluster', 'kv-gpu2', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--host-device-name', GPU, '--no-wait', '--kubeconfig-out', join(env.dir, 'kc2')]);
    expect(second.code, second.stderr).toBe(0);
    const deadline = Date.now() + 20_000;
    let vm2: any;
    while (Date.now() < deadline) {
      vm2 = (await call(env.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kv-gpu2'))).body.items?.[0];
      if (vm2?.status?.printableStatus === 'ErrorUnschedulable') break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(vm2?.status?.printableStatus).toBe('ErrorUnschedulable');
    expect(vm2.status.conditions.find((c: any) => c.type === 'PodScheduled').message).toMatch(new RegExp(`3 Insufficient ${GPU.replace(/[./]/g, '\\$&')}`));
  }, 120_000);
});
