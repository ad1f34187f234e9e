// The hosted-cluster lifecycle through the CLI (in-process, run()) on a bootstrapped embedded cluster; the kill test spawns it.
import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { CLI } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { get, pathOf } from '../helpers/sim-api.js';
import { createDocsPrerequisites } from '../helpers/docs-prerequisites.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const MARKER = 'MARKER-7f3a9c-SECRET';
const pullSecretJson = JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from(`u:${MARKER}`).toString('base64'), email: MARKER } } });
const sshKey = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH ${MARKER}@example`;

describe('hosted cluster lifecycle', () => {
  let env: SimEnv;
  let pullSecret: string;
  let sshFile: string;
  const outputs: string[] = [];
  const cli = async (args: string[], o?: Parameters<SimEnv['cli']>[1]) => {
    const r = await env.cli(args, o);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    pullSecret = join(env.dir, 'pull-secret.json');
    writeFileSync(pullSecret, pullSecretJson);
    sshFile = join(env.dir, 'id.pub');
    writeFileSync(sshFile, sshKey);
    const boot = await cli(['bootstrap', '--metallb-addresses', POOL]);
    expect(boot.code, boot.stderr).toBe(0);
    // The secondary network ns1/nad1 and StorageClass "a" that the --engine hypershift case names (preflight checks them).
    await createDocsPrerequisites(env.sim.api, { namespaces: ['ns1'] });
  }, 60_000);
  afterAll(async () => {
    // The pull secret and ssh key never appear in anything hcp-kv printed.
    for (const o of outputs) expect(o).not.toContain(MARKER);
    await env.stop();
  });

  it('creates kv-00 with 2 workers, lists it, shows its status, and destroys it', async () => {
    const created = await cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', pullSecret, '--ssh-key', sshFile, '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).ok).toBe(true);
    expect(created.stderr).toMatch(/waiting up to 30m for HostedCluster clusters\/kv-00/);
    const file = join(env.dir, 'kv-00-kubeconfig');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { readFileSync } = await import('node:fs');
    const guest = SimClient.fromKubeconfig(readFileSync(file, 'utf8'));
    const nodes = (await guest.list('v1', 'Node')).items;
    guest.close();
    expect(nodes.filter((n: any) => n.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(2);
    // 4.12.3 needs no ingress passthrough.
    expect((await call(env.sim.api, 'GET', pathOf('route.openshift.io/v1', 'routes', 'clusters-kv-00'))).body.items).toEqual([]);
    expect((await get(env.sim.api, 'v1', 'secrets', 'kv-00-ssh-key', 'clusters')).data['id_rsa.pub']).toBeTruthy();

    // An identical re-run (a retried CI job) converges: exit 0, every object left as it is, the file not rewritten.
    const before = statSync(file);
    const again = await cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', pullSecret, '--ssh-key', sshFile]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/HostedCluster clusters\/kv-00 already exists, unchanged/);
    expect(again.stderr).toMatch(/NodePool clusters\/kv-00 already exists, unchanged/);
    expect(again.stderr).toMatch(/kv-00-kubeconfig unchanged/);
    expect(again.stderr).not.toMatch(/ (created|configured)$/m);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);

    const list = await cli(['list', '-A', '-o', 'json']);
    expect(JSON.parse(list.stdout).items).toEqual([expect.objectContaining({ name: 'kv-00', namespace: 'clusters', available: 'True', progress: 'Completed', version: '4.12.3' })]);
    const table = await cli(['list', '-A']);
    expect(table.stdout).toMatch(/^NAMESPACE\s+NAME\s+VERSION\s+KUBECONFIG\s+PROGRESS\s+AVAILABLE\s+PROGRESSING\s+MESSAGE/);

    const status = await cli(['status', 'kv-00', '-o', 'json']);
    const s = JSON.parse(status.stdout);
    expect(s.controlPlanePods.map((p: any) => p.name)).toEqual(expect.arrayContaining(['etcd-0', expect.stringMatching(/^kube-apiserver-/)]));
    expect(s.virtualMachines.filter((v: any) => v.ready)).toHaveLength(2);
    expect(s.virtLauncherPods).toHaveLength(2);
    expect(s.nodes.filter((n: any) => n.ready)).toHaveLength(2);
    expect(s.clusterOperators.length).toBeGreaterThan(5);

    const destroyed = await cli(['destroy-cluster', 'kv-00', '--yes']);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    // The kubeconfig file create-cluster wrote (unchanged) goes with the cluster.
    expect(destroyed.stderr).toMatch(/removed kv-00-kubeconfig/);
    expect(existsSync(file)).toBe(false);
    expect((await call(env.sim.api, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', 'kv-00'))).status).toBe(404);
    expect((await call(env.sim.api, 'GET', pathOf('v1', 'namespaces', undefined, 'clusters-kv-00'))).status).toBe(404);
    const secrets = (await call(env.sim.api, 'GET', pathOf('v1', 'secrets', 'clusters'))).body.items.map((x: any) => x.metadata.name);
    expect(secrets.filter((n: string) => n.startsWith('kv-00-'))).toEqual([]);
    // Destroying what is gone is a typo unless --ignore-not-found says it is fine.
    const twice = await cli(['destroy-cluster', 'kv-00', '--yes']);
    expect(twice.code, twice.stderr).toBe(2); // "not found" is exit 2 for every command (README, Exit codes)
    expect(twice.stderr).toMatch(/HostedCluster clusters\/kv-00 not found/);
    const ignored = await cli(['destroy-cluster', 'kv-00', '--yes', '--ignore-not-found']);
    expect(ignored.code, ignored.stderr).toBe(0);
  }, 90_000);

  it('creates the ingress passthrough for 4.12.1 only, and clusters of different releases coexist', async () => {
    const a = cli(['create-cluster', 'old-1', '--replicas', '1', '--release', '4.12.1', '--pull-secret', pullSecret]);
    const b = cli(['create-cluster', 'new-3', '--replicas', '1', '--release', '4.12.3', '--pull-secret', pullSecret]);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const routes = (await call(env.sim.api, 'GET', pathOf('route.openshift.io/v1', 'routes', 'clusters-old-1'))).body.items;
    expect(routes).toHaveLength(1);
    expect(routes[0].spec).toMatchObject({ wildcardPolicy: 'Subdomain', tls: { termination: 'passthrough' } });
    const svc = (await get(env.sim.api, 'v1', 'services', 'old-1-apps-ingress', 'clusters-old-1')).spec;
    expect(svc.ports.map((p: any) => p.port)).toEqual([443, 80]);
    // The target ports are the hosted cluster's router NodePorts, read through its own API.
    for (const p of svc.ports) expect(p.targetPort).toBeGreaterThanOrEqual(30000);
    expect(svc.selector).toMatchObject({ 'kubevirt.io': 'virt-launcher' });
    expect((await call(env.sim.api, 'GET', pathOf('route.openshift.io/v1', 'routes', 'clusters-new-3'))).body.items).toEqual([]);
    const list = JSON.parse((await cli(['list', '-A', '-o', 'json'])).stdout).items;
    expect(list.map((r: any) => [r.name, r.version])).toEqual(
      expect.arrayContaining([
        ['old-1', '4.12.1'],
        ['new-3', '4.12.3'],
      ]),
    );
  }, 90_000);

  it('converges after being killed mid-way: one healthy cluster, no duplicates', async () => {
    const child = spawn(process.execPath, [CLI, '--kubeconfig', env.kubeconfig, '--progress', 'plain', 'create-cluster', 'kill-me', '--replicas', '2', '--release', '4.12.3', '--pull-secret', pullSecret], { cwd: env.dir, stdio: 'ignore' });
    // Kill it once the HostedCluster exists (mid-way through the waits).
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await call(env.sim.api, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', 'kill-me'))).status !== 200) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const infraBefore = (await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kill-me', 'clusters')).spec.infraID;
    const r = await cli(['create-cluster', 'kill-me', '--replicas', '2', '--release', '4.12.3', '--pull-secret', pullSecret]);
    expect(r.code, r.stderr).toBe(0);
    const hcs = (await call(env.sim.api, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters'))).body.items.filter((h: any) => h.metadata.name === 'kill-me');
    expect(hcs).toHaveLength(1);
    expect(hcs[0].spec.infraID).toBe(infraBefore);
    const vms = (await call(env.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kill-me'))).body.items;
    expect(vms).toHaveLength(2);
  }, 90_000);

  it('--no-wait returns once the objects are applied', async () => {
    const r = await cli(['create-cluster', 'no-wait', '--release', '4.12.3', '--pull-secret', pullSecret, '--no-wait', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const steps = JSON.parse(r.stdout).steps;
    expect(steps.find((s: any) => s.id === 'apply-cluster').status).toBe('done');
    expect(steps.find((s: any) => s.id === 'wait-version').status).toBe('disabled');
    expect((await call(env.sim.api, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', 'no-wait'))).status).toBe(200);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(env.dir, 'no-wait-kubeconfig'))).toBe(false);
  });

  it('--engine hypershift says clearly when the hypershift binary is not on PATH', async () => {
    const r = await cli(['create-cluster', 'via-hs', '--release', '4.12.3', '--pull-secret', pullSecret, '--engine', 'hypershift'], { env: { PATH: '/nonexistent' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Error: the hypershift binary is not on PATH/);
    expect(r.stderr).toMatch(/Hint: .*--engine native/);
  });

  it('--engine hypershift passes the equivalent flags to the hypershift binary and reports its failure', async () => {
    const { mkdirSync, chmodSync, readFileSync } = await import('node:fs');
    const bin = join(env.dir, 'fakebin');
    mkdirSync(bin, { recursive: true });
    const argsFile = join(env.dir, 'hypershift-args.txt');
    writeFileSync(join(bin, 'hypershift'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${argsFile}\necho "error: quota exceeded" >&2\nexit 4\n`);
    chmodSync(join(bin, 'hypershift'), 0o755);
    const r = await cli(
      [
        'create-cluster',
        'via-bin',
        '--replicas',
        '3',
        '--memory',
        '6Gi',
        '--release',
        '4.12.5',
        '--pull-secret',
        pullSecret,
        '--engine',
        'hypershift',
        '--cores',
        '4',
        '--additional-network',
        'name:ns1/nad1',
        '--attach-default-network=false',
        '--infra-storage-class-mapping',
        'a/b,group=g',
        '--toleration',
        'key=k,effect=NoSchedule',
      ],
      { env: { PATH: `${bin}:/usr/bin:/bin` } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hypershift create cluster kubevirt failed \(exit 4\): error: quota exceeded/);
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(args.slice(0, 3)).toEqual(['create', 'cluster', 'kubevirt']);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect([flag('--name'), flag('--node-pool-replicas'), flag('--memory'), flag('--release-image')]).toEqual(['via-bin', '3', '6Gi', 'quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64']);
    // Every upstream flag the user gave goes through unchanged.
    expect(args).toEqual(expect.arrayContaining(['--cores=4', '--additional-network=name:ns1/nad1', '--attach-default-network=false', '--infra-storage-class-mapping=a/b,group=g', '--toleration=key=k,effect=NoSchedule']));
    expect(args.some((a) => a.startsWith('--release='))).toBe(false);
    // The binary acts on the same management cluster as hcp-kv.
    expect(args).toContain(`--kubeconfig=${env.kubeconfig}`);
    expect(readFileSync(argsFile, 'utf8')).not.toContain(MARKER); // the pull secret goes by a temporary file
  });

  it('--engine hypershift refuses, before anything runs, a flag the binary would silently drop', async () => {
    env.sim.api.resetStats();
    for (const extra of [['--default-dual'], ['--network-multiqueue', 'Disable'], ['--host-device-name', 'gpu'], ['--base-domain-prefix', 'x']]) {
      const r = await cli(['create-cluster', 'via-bin2', '--release', '4.12.3', '--pull-secret', pullSecret, '--engine', 'hypershift', ...extra]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--engine hypershift cannot honour ${extra[0]}`));
    }
    const ctx = await cli(['--context', 'other', 'create-cluster', 'via-bin2', '--release', '4.12.3', '--pull-secret', pullSecret, '--engine', 'hypershift']);
    expect(ctx.code, ctx.stderr).toBe(2);
    expect(ctx.stderr).toMatch(/--engine hypershift cannot honour --context/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('refuses an unsupported release before sending anything, unless told to skip the check', async () => {
    env.sim.api.resetStats();
    const r = await cli(['create-cluster', 'too-new', '--release', '4.16.2', '--pull-secret', pullSecret]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OpenShift 4\.16\.2 is not supported by this HyperShift operator \(supported: 4\.12, 4\.11, 4\.10\)/);
    expect(r.stderr).toMatch(/Hint: .*--skip-version-check/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});

describe('create-cluster without wildcard routes', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--skip', 'wildcard-ingress']);
    expect(boot.code, boot.stderr).toBe(0);
  }, 60_000);
  afterAll(() => env.stop());

  it('refuses before any write, naming the cause and the fix', async () => {
    const ps = join(env.dir, 'ps.json');
    writeFileSync(ps, pullSecretJson);
    const r = await env.cli(['create-cluster', 'nowild', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--timeout', '4s']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Error: the default IngressController does not admit wildcard routes \(wildcardPolicy WildcardsDisallowed\)/);
    expect(r.stderr).toMatch(/Hint: .*hcp-kv bootstrap --only wildcard-ingress/);
    expect((await call(env.sim.api, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters', 'nowild'))).status).toBe(404);
  }, 60_000);
});
