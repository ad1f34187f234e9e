// diagnose's advice for the version cases, followed literally: the finding goes away. An unknown digest
// (ValidReleaseImage=False) is fixed by destroying the cluster (it never ran) and creating it with a release the
// registry has; a release
// before 4.12.2 whose passthrough is missing is fixed by re-running create-cluster with the same flags, which
// reads the version from the HostedCluster even though the image (a digest) names none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simReleaseDigest } from '../../src/sim/controllers/releases.js';
import { call } from '../helpers/https.js';
import { pathOf, waitUntil } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, removeSimEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
let env: SimEnv;
beforeAll(async () => {
  env = await bootstrappedSimEnv();
}, 90_000);
afterAll(() => removeSimEnv(env));

const flags = ['--node-pool-replicas=1', '--memory', '8Gi', '--pull-secret', 'ps.json'];
const digestImage = (digest: string) => `quay.io/openshift-release-dev/ocp-release@sha256:${digest}`;
async function findings(name: string): Promise<{ code: number | null; findings: Array<{ id: string; next: string; evidence: string[] }> }> {
  const r = await env.cli(['diagnose', name, '-o', 'json']);
  return { code: r.code, findings: JSON.parse(r.stdout).findings };
}

describe('diagnose advice for the release version, followed', () => {
  it.each([
    ['release-invalid', 'an unknown digest', 'f'.repeat(64), /ValidReleaseImage=False: failed to lookup release image: .*manifest unknown/, 'a release the registry has'],
    ['release-unsupported', 'a digest of 4.14.0, which this operator does not support', simReleaseDigest('4.14.0'), /ValidReleaseImage=False: the HostedCluster release version 4\.14\.0 is not supported/, 'a supported release'],
  ])(
    '%s (%s): re-run create-cluster with the release it names',
    async (id, _what, digest, evidence, but) => {
      const name = `kv-${id.split('-')[1]}`;
      const bad = await env.cli(['create-cluster', '--name', name, ...flags, `--release-image=${digestImage(digest)}`], { timeout: 120_000 });
      expect(bad.code, bad.stderr).toBe(1);
      const before = await findings(name);
      expect(before.code).toBe(1);
      const f = before.findings.find((x) => x.id === id)!;
      expect(f.evidence[0]).toMatch(evidence);
      const prefix = `it never ran, and create-cluster does not change an existing cluster's release: destroy it and create it again with the same flags but ${but}: hcp-kv destroy-cluster ${name} --yes, then create-cluster ${name} … --release `;
      expect(f.next.startsWith(prefix), f.next).toBe(true);
      expect(f.next).toMatch(/supported: 4\.12, 4\.11, 4\.10\)/);
      // Following it: destroy, then the same flags with the --release it names instead of the image.
      const release = f.next.slice(prefix.length).split(' ')[0]!;
      expect(release).toBe('4.12');
      const destroyed = await env.cli(['destroy-cluster', name, '--yes'], { timeout: 120_000 });
      expect(destroyed.code, destroyed.stderr).toBe(0);
      const again = await env.cli(['create-cluster', name, ...flags, '--release', release], { timeout: 120_000 });
      expect(again.code, again.stderr).toBe(0);
      const after = await findings(name);
      expect(after.findings).toEqual([]);
      expect(after.code).toBe(0);
    },
    200_000,
  );

  it('ingress-passthrough: re-run create-cluster with the same flags (digest image) creates it for the reported version', async () => {
    const image = digestImage(simReleaseDigest('4.12.1'));
    const args = ['create-cluster', '--name', 'kv-leg', ...flags, `--release-image=${image}`];
    const first = await env.cli(args, { timeout: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    // The passthrough goes missing (deleted by hand, or never created by an older hcp-kv that guessed).
    for (const kind of ['routes', 'services']) expect((await call(env.sim.api, 'DELETE', pathOf(kind === 'routes' ? 'route.openshift.io/v1' : 'v1', kind, 'clusters-kv-leg', 'kv-leg-apps-ingress'))).status).toBe(200);
    await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-leg', 'clusters', (hc) => hc.status?.version?.history?.[0]?.state === 'Partial');
    const before = await findings('kv-leg');
    const f = before.findings.find((x) => x.id === 'ingress-passthrough')!;
    expect(f.next).toBe(
      `run create-cluster kv-leg again with the same flags (--release-image ${image}) and --force (the kubeconfig file it wrote is rewritten): it creates the passthrough Service and Route for the version the operator reports`,
    );
    const again = await env.cli([...args, '--force'], { timeout: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-leg', 'clusters', (hc) => hc.status?.version?.history?.[0]?.state === 'Completed');
    expect((await findings('kv-leg')).findings).toEqual([]);
  }, 200_000);
});
