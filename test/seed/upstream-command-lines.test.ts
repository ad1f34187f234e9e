// Every `hcp` / `hypershift` command line of the seed walkthrough and of upstream's KubeVirt how-to pages
// (test/seed/command-lines.txt, copied verbatim with their sources), run with only the binary replaced by
// hcp-kv against the embedded cluster (real CRDs): each `create cluster` line parses, validates and renders
// (`--render`, upstream's own flag); the seed's and create-kubevirt-cluster.md's walkthroughs run for real —
// create, kubeconfig (stdout redirected as the shell would), nodepool, destroy.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { get } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';
import { readCommandLines, shellWords, type CommandLine } from './command-lines.js';

const HS = 'hypershift.openshift.io/v1beta1';
const LINES = readCommandLines(fileURLToPath(new URL('./command-lines.txt', import.meta.url)));
const ran = new Set<string>();
let env: SimEnv;
let vars: Record<string, string>;

beforeAll(async () => {
  env = await simEnv({ profile: 'instant', crdsDir: CRDS_DIR });
  // The values the seed and the docs export; files they name are created.
  vars = { KUBEVIRT_CLUSTER_NAME: 'kv-00', PULL_SECRET: join(env.dir, 'pull-secret'), CLUSTER_NAME: 'example', WORKER_COUNT: '2', MEM: '6Gi', CPU: '2', BASE_DOMAIN: 'hypershift.lab', HOME: env.dir };
  writeFileSync(vars.PULL_SECRET!, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  writeFileSync(join(env.dir, 'external-infra-kubeconfig'), env.sim.api.kubeconfig());
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  expect(boot.code, boot.stderr).toBe(0);
}, 90_000);
afterAll(async () => {
  await env.stop();
  rmSync(env.dir, { recursive: true, force: true });
});

const at = (path: string) => LINES.filter((l) => l.source.endsWith(path) || l.source.includes(`${path}:`));
const one = (source: string) => {
  const hit = LINES.filter((l) => l.source.endsWith(source));
  expect(hit, source).toHaveLength(1);
  return hit[0]!;
};

/** Runs a fixture line as hcp-kv (the binary replaced, nothing else), stdout redirected as the shell would. */
async function run(line: CommandLine, o: { extra?: string[]; vars?: Record<string, string>; fix?: (t: string) => string } = {}) {
  const p = shellWords((o.fix ?? ((t) => t))(line.text), { ...vars, ...o.vars });
  expect(['hcp', 'hypershift']).toContain(p.binary);
  const r = await env.cli([...p.args, ...(o.extra ?? [])], { timeout: 150_000 });
  if (p.stdoutTo) writeFileSync(join(env.dir, p.stdoutTo), r.stdout);
  ran.add(line.source);
  return { ...r, stdoutTo: p.stdoutTo };
}

const rendered = (stdout: string) => loadAll(stdout).filter(Boolean) as any[];
const readyNodes = async (kubeconfigFile: string) => {
  const guest = SimClient.fromKubeconfig(readFileSync(join(env.dir, kubeconfigFile), 'utf8'));
  try {
    return (await guest.list('v1', 'Node')).items.filter((n) => n.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));
  } finally {
    guest.close();
  }
};

describe('the fixture', () => {
  it('holds the seed lines and every hcp line of the KubeVirt how-to pages, each with its source', () => {
    expect(LINES.filter((l) => l.source.startsWith('seed '))).toHaveLength(2);
    expect(LINES.filter((l) => l.source.startsWith('openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf docs/content/how-to/kubevirt/')).length).toBeGreaterThanOrEqual(20);
    for (const l of LINES) expect(l.text, l.source).toMatch(/^(hcp|hypershift) /);
  });
});

describe("the seed's walkthrough (hypershift CLI spellings)", () => {
  it('create cluster kubevirt with the digest release image: renders, then creates 2 Ready workers on 4.12.3', async () => {
    const create = one('000_7826e1e435f54047.txt:187');
    const render = await run(create, { extra: ['--render'] });
    expect(render.code, render.stderr).toBe(0);
    const hc = rendered(render.stdout).find((o) => o.kind === 'HostedCluster');
    expect(hc.spec.release.image).toBe('quay.io/openshift-release-dev/ocp-release@sha256:382f271581b9b907484d552bd145e9a5678e9366330059d31b007f4445d99e36');
    const r = await run(create);
    expect(r.code, r.stderr).toBe(0);
    expect((await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters')).status.version.desired.version).toBe('4.12.3');
  }, 200_000);

  it('create kubeconfig --name="$KUBEVIRT_CLUSTER_NAME" > file: a kubeconfig that reaches the 2 Ready workers', async () => {
    const r = await run(one('000_7826e1e435f54047.txt:201'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdoutTo).toBe('kv-00-kubeconfig');
    expect(await readyNodes('kv-00-kubeconfig')).toHaveLength(2);
  });
});

describe("upstream's KubeVirt how-to command lines (hcp spellings)", () => {
  it('every `hcp create cluster kubevirt` line parses, validates and renders', async () => {
    for (const line of LINES.filter((l) => l.source.startsWith('openshift/') && / create cluster kubevirt/.test(l.text))) {
      const enDash = line.text.includes('\u2013');
      if (enDash) {
        // configuring-network.md writes "–additional-network" (an en dash): a shell passes the words as
        // arguments, which hcp-kv refuses (exit 2); with the dashes the doc means, it renders the networks.
        const verbatim = await run(line, { extra: ['--render'] });
        expect(verbatim.code, line.source).toBe(2);
        expect(verbatim.stderr).toMatch(/too many arguments for 'kubevirt'/);
      }
      const r = await run(line, { extra: ['--render'], fix: (t) => t.replace(/\u2013/g, '--') });
      expect(r.code, `${line.source}: ${r.stderr}`).toBe(0);
      const objects = rendered(r.stdout);
      const hc = objects.find((o) => o.kind === 'HostedCluster');
      const np = objects.find((o) => o.kind === 'NodePool');
      expect(hc.metadata.name, line.source).toBe('example');
      expect(np.spec.platform.kubevirt.compute).toMatchObject({ cores: 2, memory: '6Gi' });
      if (enDash) expect(np.spec.platform.kubevirt.additionalNetworks).toEqual([{ name: 'my-namespace/network1' }, { name: 'my-namespace/network2' }]);
    }
  }, 200_000);

  it('create-kubevirt-cluster.md end to end: create cluster, create kubeconfig, create nodepool, destroy cluster', async () => {
    const create = await run(one('create-kubevirt-cluster.md:91'));
    expect(create.code, create.stderr).toBe(0);
    for (const line of [...at('create-kubevirt-cluster.md:140'), ...at('ingress-and-dns.md:81')]) {
      const r = await run(line);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdoutTo).toBe('example-kubeconfig');
      expect(await readyNodes('example-kubeconfig')).toHaveLength(2);
    }
    // The doc's exports for this block: NODEPOOL_NAME=$CLUSTER_NAME-extra-cpu WORKER_COUNT=2 MEM=6Gi CPU=4 DISK=16.
    const npVars = { NODEPOOL_NAME: 'example-extra-cpu', CPU: '4', DISK: '16' };
    const nodepool = one('create-kubevirt-cluster.md:257');
    const render = await run(nodepool, { vars: npVars, extra: ['--render'] });
    expect(render.code, render.stderr).toBe(0);
    expect(rendered(render.stdout)[0]).toMatchObject({
      kind: 'NodePool',
      metadata: { name: 'example-extra-cpu' },
      spec: { clusterName: 'example', replicas: 2, platform: { kubevirt: { compute: { cores: 4, memory: '6Gi' }, rootVolume: { persistent: { size: '16Gi' } } } } },
    });
    const np = await run(nodepool, { vars: npVars });
    expect(np.code, np.stderr).toBe(0);
    expect((await readyNodes('example-kubeconfig')).filter((n) => n.metadata.labels?.['hypershift.openshift.io/nodePool'] === 'example-extra-cpu')).toHaveLength(2);
    const destroy = await run(one('create-kubevirt-cluster.md:307'));
    expect(destroy.code, destroy.stderr).toBe(0);
    expect(await get(env.sim.api, HS, 'hostedclusters', 'example', 'clusters')).toBeUndefined();
  }, 300_000);

  it('ran every line of the fixture but those it says hcp-kv does not offer (each with its reason)', () => {
    const left = LINES.filter((l) => !ran.has(l.source));
    expect(left.map((l) => l.source)).toEqual(LINES.filter((l) => l.skip).map((l) => l.source));
    for (const l of left) expect(l.skip!.length).toBeGreaterThan(20);
  });
});
