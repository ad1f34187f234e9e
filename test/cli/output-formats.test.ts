// oc habits (issue 22.6): -o yaml prints the same document as -o json ({ok, items} for the lists, {ok, ...} for
// status), and -o wide is the table with every cell whole even on a narrow terminal.
import { rmSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, waitUntil } from '../helpers/sim-api.js';
import { simEnv, type SimEnv } from '../helpers/sim-env.js';
import { Terminal, TMUX } from '../helpers/tmux.js';

const HS = 'hypershift.openshift.io/v1beta1';

describe('-o yaml and -o wide', () => {
  let env: SimEnv;
  beforeAll(async () => {
    // Raw HostedClusters written by the test (not through create-cluster): the minimal CRDs take them as they are.
    env = await simEnv({ profile: 'instant', preinstalled: true, minimalCrds: true });
    const api = env.sim.api;
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'clusters' } });
    await create(api, HS, 'hostedclusters', {
      kind: 'HostedCluster',
      metadata: { name: 'kv-00', namespace: 'clusters' },
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
    await create(api, HS, 'nodepools', {
      kind: 'NodePool',
      metadata: { name: 'kv-00', namespace: 'clusters' },
      spec: { clusterName: 'kv-00', replicas: 0, release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' }, platform: { type: 'KubeVirt', kubevirt: {} }, management: { upgradeType: 'Replace' } },
    });
    // The operator has had its say (conditions set): the outputs compared below read one state.
    await waitUntil(api, HS, 'hostedclusters', 'kv-00', 'clusters', (hc) => (hc.status?.conditions ?? []).some((c: { type: string }) => c.type === 'Available'));
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    if (env) rmSync(env.dir, { recursive: true, force: true });
  });

  it.each([[['list']], [['nodepool', 'list']]])('%j -o yaml is the -o json document', async (args) => {
    const json = await env.cli([...args, '-o', 'json']);
    const yaml = await env.cli([...args, '-o', 'yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: true, items: [expect.objectContaining({ name: 'kv-00' })] });
    expect(load(yaml.stdout)).toEqual(doc);
  });

  it('status -o yaml has the -o json shape', async () => {
    const json = JSON.parse((await env.cli(['status', 'kv-00', '-o', 'json'])).stdout);
    const yaml = load((await env.cli(['status', 'kv-00', '-o', 'yaml'])).stdout) as Record<string, unknown>;
    expect(Object.keys(yaml).sort()).toEqual(Object.keys(json).sort());
    expect(yaml.ok).toBe(true);
  });

  it.skipIf(!TMUX)('-o wide keeps every cell whole on a 60-column terminal, where the table is cut', async () => {
    const term = await new Terminal(60, env.dir).start();
    try {
      const wide = await term.run(['--kubeconfig', env.kubeconfig, 'list', '-o', 'wide']);
      expect(wide.code).toBe(0);
      expect(wide.lines.join('\n')).not.toContain('…');
      expect(wide.lines[0]).toMatch(/^NAMESPACE\s+NAME\s+VERSION\s+KUBECONFIG\s+PROGRESS\s+AVAILABLE\s+PROGRESSING\s+MESSAGE$/);
      // The same list as a plain table is fitted to the 60 columns (cut cells and headers).
      const table = await term.run(['--kubeconfig', env.kubeconfig, 'list']);
      expect(table.code).toBe(0);
      expect(table.lines.join('\n')).toContain('…');
    } finally {
      term.close();
    }
  });
});
