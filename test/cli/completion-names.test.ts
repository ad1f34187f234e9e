// `status <TAB>` offers the hosted clusters and `nodepool scale <TAB>` the node pools of the cluster the typed
// --kubeconfig points at, read at TAB by the hidden `__complete` command; an unreachable cluster offers nothing
// (no error text in the command line) and the typed --namespace and --cluster-name narrow the lists.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { create } from '../helpers/sim-api.js';
import { simEnv, type SimEnv } from '../helpers/sim-env.js';

const BASH = spawnSync('bash', ['--version']).status === 0;
const HS = 'hypershift.openshift.io/v1beta1';

describe.skipIf(!BASH)('completion of names from the cluster', () => {
  let env: SimEnv;
  let dir: string;
  let script: string;
  let bin: string;
  beforeAll(async () => {
    // Raw HostedClusters written by the test (not through create-cluster): the minimal CRDs take them as they are.
    env = await simEnv({ profile: 'instant', preinstalled: true, minimalCrds: true });
    dir = mkdtempSync(join(tmpdir(), 'hcp-kv-complete-'));
    script = join(dir, 'hcp-kv.bash');
    writeFileSync(script, (await runCli(['completion', 'bash'])).stdout);
    // The command the user typed: COMP_WORDS[0] is run for the names.
    bin = join(dir, 'hcp-kv');
    writeFileSync(bin, `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(bin, 0o755);
    const api = env.sim.api;
    for (const ns of ['clusters', 'other']) await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: ns } });
    const hc = (name: string, namespace = 'clusters') => ({
      kind: 'HostedCluster',
      metadata: { name, namespace },
      spec: {
        release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' },
        pullSecret: { name: 'ps' },
        platform: { type: 'KubeVirt' },
        networking: {},
        services: [],
        dns: { baseDomain: '' },
        etcd: { managementType: 'Managed' },
      },
    });
    const np = (name: string, clusterName: string) => ({
      kind: 'NodePool',
      metadata: { name, namespace: 'clusters' },
      spec: { clusterName, replicas: 0, release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' }, platform: { type: 'KubeVirt', kubevirt: {} }, management: { upgradeType: 'Replace' } },
    });
    await create(api, HS, 'hostedclusters', hc('kv-00'));
    await create(api, HS, 'hostedclusters', hc('kv-01'));
    await create(api, HS, 'hostedclusters', hc('elsewhere', 'other'));
    await create(api, HS, 'nodepools', np('np-a', 'kv-00'));
    await create(api, HS, 'nodepools', np('np-b', 'kv-01'));
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Asynchronous: the embedded cluster answers from this very process, so the test must not block it.
  const complete = async (...words: string[]): Promise<string[]> => {
    const line = [bin, ...words].map((w) => `'${w}'`).join(' ');
    // A loaded test machine may need more than the 2 s a person's TAB waits.
    const r = await promisify(execFile)('bash', ['--norc', '-c', `source '${script}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _hcp_kv; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
      cwd: dir,
      timeout: 60_000,
      env: { ...process.env, HCP_KV_COMPLETION_TIMEOUT_MS: '30000' },
    });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  };

  it('completes cluster names for status, dump, destroy-cluster; node-pool names for nodepool scale', async () => {
    expect(await complete('--kubeconfig', env.kubeconfig, 'status', '')).toEqual(['kv-00', 'kv-01']);
    expect(await complete('--kubeconfig', env.kubeconfig, 'dump', 'kv-0')).toEqual(['kv-00', 'kv-01']);
    expect(await complete('--kubeconfig', env.kubeconfig, 'destroy-cluster', '--namespace', 'other', '')).toEqual(['elsewhere']);
    expect(await complete('--kubeconfig', env.kubeconfig, 'nodepool', 'scale', '')).toEqual(['np-a', 'np-b']);
    expect(await complete('--kubeconfig', env.kubeconfig, 'nodepool', 'scale', '--cluster-name', 'kv-01', '')).toEqual(['np-b']);
    expect(await complete('--kubeconfig', env.kubeconfig, 'nodepool', 'list', '--cluster-name', '')).toEqual(['kv-00', 'kv-01']);
  });

  it('offers nothing, and prints nothing, when the cluster cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const down = join(dir, 'down.kubeconfig');
    writeFileSync(
      down,
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: x}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`,
    );
    expect(await complete('--kubeconfig', down, 'status', '')).toEqual([]);
    const r = await runCli(['--kubeconfig', down, '__complete', 'clusters']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});
