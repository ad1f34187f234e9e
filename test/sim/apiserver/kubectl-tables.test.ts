// The seed walkthrough's `oc get` commands, run with kubectl against the embedded cluster after the real CLI
// created a hosted cluster: the server answers Table requests, so kubectl prints the seed's columns (from the
// real CRDs' additionalPrinterColumns and kube-apiserver's built-in printers), not just NAME and AGE.
import { execFile, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, get } from '../../helpers/sim-api.js';
import { simEnv, type SimEnv } from '../../helpers/sim-env.js';

const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

/**
 * kubectl's table output as header names and rows of cells. Columns are aligned under their header (which is
 * separated from the next by 2+ spaces), so a cell is the text under its header, possibly empty.
 */
function parse(out: string): { header: string[]; rows: string[][] } {
  const lines = out.split('\n').filter((l) => l.trim());
  const starts = [...(lines[0] ?? '').matchAll(/\S+(?: \S+)*/g)].map((m) => m.index!);
  const header = starts.map((s, i) => lines[0]!.slice(s, starts[i + 1]).trim());
  return { header, rows: lines.slice(1).map((l) => starts.map((s, i) => l.slice(s, starts[i + 1]).trim())) };
}

/** Whether `seed` appears in `header` in order (the current upstream CRDs may add columns the seed lacks). */
const inOrder = (header: string[], seed: string[]) => seed.every((h, i) => header.indexOf(h) > (i ? header.indexOf(seed[i - 1]!) : -1));

describe.skipIf(!KUBECTL)("the seed's oc get commands, with kubectl, print the seed's columns", () => {
  let env: SimEnv;
  let guestKubeconfig: string;
  const kubectl = (kubeconfig: string, ...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(KUBECTL!, ['--kubeconfig', kubeconfig, ...args], { timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)));
    });

  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', preinstalled: true });
    const pullSecret = join(env.dir, 'pull-secret.json');
    writeFileSync(pullSecret, JSON.stringify({ auths: { 'quay.io': { auth: 'eDp5' } } }));
    const created = await env.cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', pullSecret], { timeout: 240_000 });
    expect(created.code, created.stderr).toBe(0);
    const secret = await get(env.sim.api, 'v1', 'secrets', 'kv-00-admin-kubeconfig', 'clusters');
    guestKubeconfig = join(env.dir, 'kv-00-kubeconfig');
    writeFileSync(guestKubeconfig, Buffer.from(secret.data.kubeconfig, 'base64'));
  }, 300_000);
  afterAll(async () => {
    await env?.stop();
  });

  it('oc get hc -A: NAMESPACE NAME VERSION KUBECONFIG PROGRESS AVAILABLE PROGRESSING MESSAGE', async () => {
    const t = parse(await kubectl(env.kubeconfig, 'get', 'hc', '-A'));
    // The seed's header, plus the CP VERSION column today's HostedCluster CRD has.
    expect(inOrder(t.header, ['NAMESPACE', 'NAME', 'VERSION', 'KUBECONFIG', 'PROGRESS', 'AVAILABLE', 'PROGRESSING', 'MESSAGE'])).toBe(true);
    expect(t.header.filter((h) => !['NAMESPACE', 'NAME', 'VERSION', 'KUBECONFIG', 'PROGRESS', 'AVAILABLE', 'PROGRESSING', 'MESSAGE'].includes(h))).toEqual(['CP VERSION']);
    expect(t.rows).toHaveLength(1);
    const row = Object.fromEntries(t.header.map((h, i) => [h, t.rows[0]![i]]));
    expect(row).toMatchObject({
      NAMESPACE: 'clusters',
      NAME: 'kv-00',
      VERSION: '4.12.3',
      KUBECONFIG: 'kv-00-admin-kubeconfig',
      PROGRESS: 'Completed',
      AVAILABLE: 'True',
      PROGRESSING: 'False',
      MESSAGE: expect.stringMatching(/^The hosted control plane is available/),
    });
  });

  it('oc get np -A: the NodePool columns of the real CRD', async () => {
    const t = parse(await kubectl(env.kubeconfig, 'get', 'np', '-A'));
    expect(t.header).toEqual(['NAMESPACE', 'NAME', 'CLUSTER', 'DESIRED NODES', 'CURRENT NODES', 'AUTOSCALING', 'AUTOREPAIR', 'VERSION', 'UPDATINGVERSION', 'UPDATINGCONFIG', 'MESSAGE']);
    const row = Object.fromEntries(t.header.map((h, i) => [h, t.rows[0]![i]]));
    expect(row).toMatchObject({ NAMESPACE: 'clusters', NAME: 'kv-00', CLUSTER: 'kv-00', 'DESIRED NODES': '2', 'CURRENT NODES': '2', VERSION: '4.12.3', UPDATINGVERSION: 'False' });
  });

  it('oc get pod -n clusters-kv-00: NAME READY STATUS RESTARTS AGE, etcd and kube-apiserver and virt-launchers Running', async () => {
    const t = parse(await kubectl(env.kubeconfig, 'get', 'pod', '-n', 'clusters-kv-00'));
    expect(t.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const byName = new Map(t.rows.map((r) => [r[0]!, r]));
    expect(byName.get('etcd-0')?.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect([...byName.keys()].some((n) => n.startsWith('kube-apiserver-'))).toBe(true);
    const launchers = t.rows.filter((r) => r[0]!.startsWith('virt-launcher-kv-00-'));
    expect(launchers.map((r) => r.slice(1, 4))).toEqual([
      ['1/1', 'Running', '0'],
      ['1/1', 'Running', '0'],
    ]);
    expect(t.rows.every((r) => /^\d+(s|m|m\d+s)$/.test(r[4]!))).toBe(true);
  });

  it('oc get vm -n clusters-kv-00: NAME AGE STATUS READY', async () => {
    const t = parse(await kubectl(env.kubeconfig, 'get', 'vm', '-n', 'clusters-kv-00'));
    expect(t.header).toEqual(['NAME', 'AGE', 'STATUS', 'READY']);
    expect(t.rows).toHaveLength(2);
    for (const r of t.rows) expect(r.slice(2)).toEqual(['Running', 'True']);
  });

  it("the guest's get nodes: NAME STATUS ROLES AGE VERSION", async () => {
    const t = parse(await kubectl(guestKubeconfig, 'get', 'nodes'));
    expect(t.header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    const vms = parse(await kubectl(env.kubeconfig, 'get', 'vm', '-n', 'clusters-kv-00'))
      .rows.map((r) => r[0])
      .sort();
    expect(t.rows.map((r) => r[0]).sort()).toEqual(vms);
    for (const r of t.rows) expect([r[1], r[2], r[4]]).toEqual(['Ready', 'worker', 'v1.25.3']);
  });

  it("the guest's get clusterversion version: VERSION AVAILABLE PROGRESSING SINCE STATUS", async () => {
    const t = parse(await kubectl(guestKubeconfig, 'get', 'clusterversion', 'version'));
    expect(t.header).toEqual(['NAME', 'VERSION', 'AVAILABLE', 'PROGRESSING', 'SINCE', 'STATUS']);
    expect(t.rows).toHaveLength(1);
    const [name, version, available, progressing, since, status] = t.rows[0]!;
    expect([name, version, available, progressing, status]).toEqual(['version', '4.12.3', 'True', 'False', 'Cluster version is 4.12.3']);
    expect(since).toMatch(/^\d+(s|m)/);
  });

  it("the guest's get co: every ClusterOperator at 4.12.3, Available, not Degraded", async () => {
    const t = parse(await kubectl(guestKubeconfig, 'get', 'co'));
    expect(t.header).toEqual(['NAME', 'VERSION', 'AVAILABLE', 'PROGRESSING', 'DEGRADED', 'SINCE']);
    expect(t.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['console', 'dns', 'ingress', 'monitoring', 'network']));
    for (const r of t.rows) expect(r.slice(1, 5)).toEqual(['4.12.3', 'True', 'False', 'False']);
  });

  it('kubectl get -w prints each new object as a row under the same columns (a watch of Tables)', async () => {
    const child = spawn(KUBECTL!, ['--kubeconfig', env.kubeconfig, 'get', 'ns', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const seen = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (re.test(out) ? resolve() : undefined);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        child.once('exit', () => reject(new Error(`kubectl get -w exited before printing ${re}:\n${out}`)));
        check();
      });
    try {
      await seen(/^NAME\s+STATUS\s+AGE\n[\s\S]*clusters-kv-00\s+Active/m);
      await create(env.sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'watched-ns' } });
      await seen(/\nwatched-ns\s+Active\s+\d+s\n/);
      expect(out.match(/^NAME\s+STATUS\s+AGE$/gm)).toHaveLength(1);
    } finally {
      child.kill();
    }
  });

  it('kubectl -o wide shows the priority-1 columns, and plain JSON is unchanged', async () => {
    const t = parse(await kubectl(guestKubeconfig, 'get', 'nodes', '-o', 'wide'));
    expect(t.header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    const json = JSON.parse(await kubectl(env.kubeconfig, 'get', 'hc', '-n', 'clusters', 'kv-00', '-o', 'json'));
    expect(json).toMatchObject({ kind: 'HostedCluster', metadata: { name: 'kv-00' } });
  });
});
if (!KUBECTL) console.log('kubectl not found in /usr/bin or /usr/local/bin: the kubectl table tests were skipped');
