// hcp-kv refuses, before any write, what the real NodePool CRD refuses for the KubeVirt platform: every value of
// the spec.arch enum of the CRD is sent to the embedded API server loaded with the real CRDs (the NodePool CRD
// of openshift/hypershift@3ee9615567ac in CRDS_DIR), and the CLI
// refuses exactly the values the server refuses, with exit 2, naming --arch and the CRD's own message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubevirtArch } from '../../src/config/nodepool-flags.js';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { call } from '../helpers/https.js';
import { pathOf } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, removeSimEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const crd = load(readFileSync(join(CRDS_DIR, 'nodepools.hypershift.openshift.io.yaml'), 'utf8')) as any;
const ENUM: string[] = crd.spec.versions.find((v: any) => v.name === 'v1beta1').schema.openAPIV3Schema.properties.spec.properties.arch.enum;

let env: SimEnv;
beforeAll(async () => {
  env = await bootstrappedSimEnv();
}, 90_000);
afterAll(() => removeSimEnv(env));

/** What the API server answers for a KubeVirt NodePool with this arch (a server-side dry run: nothing stays). */
async function serverVerdict(arch: string): Promise<{ ok: boolean; message: string }> {
  const np = {
    apiVersion: HS,
    kind: 'NodePool',
    metadata: { name: `arch-${arch}`, namespace: 'default' },
    spec: {
      clusterName: 'kv',
      replicas: 1,
      arch,
      release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' },
      management: { upgradeType: 'Replace' },
      platform: { type: 'KubeVirt', kubevirt: { compute: { cores: 2, memory: '8Gi' }, rootVolume: { type: 'Persistent', persistent: { size: '32Gi' } } } },
    },
  };
  const r = await call(env.sim.api, 'POST', `${pathOf(HS, 'nodepools', 'default')}?dryRun=All`, np);
  return { ok: r.status < 300, message: r.text };
}

describe('--arch for KubeVirt: the CLI refuses what the NodePool CRD refuses', () => {
  it.each(ENUM)('%s', async (arch) => {
    const server = await serverVerdict(arch);
    let cli: { ok: boolean; message: string };
    try {
      kubevirtArch(arch);
      cli = { ok: true, message: '' };
    } catch (e) {
      cli = { ok: false, message: (e as Error).message };
    }
    expect(cli.ok, `${arch}: server says ${server.message}`).toBe(server.ok);
    if (!server.ok) {
      const crdMessage = /Setting Arch to arm64[^"\\]*/.exec(server.message)?.[0];
      expect(crdMessage).toBeDefined();
      expect(cli.message).toContain(crdMessage);
    }
  });

  it.each([
    ['create-cluster', ['create-cluster', 'kv-arm', '--pull-secret', 'ps.json', '--arch', 'arm64']],
    ['create cluster kubevirt', ['create', 'cluster', 'kubevirt', '--name', 'kv-arm', '--pull-secret', 'ps.json', '--arch=arm64']],
    ['create nodepool kubevirt', ['create', 'nodepool', 'kubevirt', '--name', 'np-arm', '--cluster-name', 'kv-arm', '--arch', 'arm64']],
  ])('%s --arch arm64: exit 2 before any request that writes', async (_what, args) => {
    env.sim.api.resetStats();
    const r = await env.cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Error: --arch arm64 is refused by the NodePool API for the KubeVirt platform: Setting Arch to arm64 is only supported for AWS, Azure, Agent, GCP and None');
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});
