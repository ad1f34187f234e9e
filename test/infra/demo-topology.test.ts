// hcp-kv demo --topology isolated|external: each variation on the embedded cluster, checked by the demo itself
// through the API (it fails when the topology does not hold) and shown in its output.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('hcp-kv demo --topology', () => {
  it('isolated: control planes on worker-0, VMs elsewhere', async () => {
    const r = await runCli(['demo', '--topology', 'isolated', '--profile', 'instant'], { timeout: 120_000 });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr).toMatch(/\$ hcp-kv bootstrap --metallb-addresses \S+ --control-plane-nodes kubernetes.io\/hostname=worker-0/);
    expect(r.stdout).toMatch(/etcd-0\s+Running\s+worker-0/);
    expect(r.stdout).toMatch(/Topology isolated: every control-plane pod of kv-00 \(2\) runs on worker-0, every VM \(2\) on another node/);
  }, 150_000);

  it('external: VMs on the infrastructure cluster, none on the management cluster', async () => {
    const r = await runCli(['demo', '--topology', 'external', '--profile', 'instant'], { timeout: 120_000 });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr).toMatch(/bootstrap --infra-only/);
    expect(r.stdout).toMatch(/Topology external: kv-00's 2 VMs run on the infrastructure cluster \(kv-00-infra\), none on the management cluster/);
  }, 150_000);

  it('refuses an unknown topology', async () => {
    const r = await runCli(['demo', '--topology', 'mesh'], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--topology must be isolated or external, got "mesh"/);
  });
});
