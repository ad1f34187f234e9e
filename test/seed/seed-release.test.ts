// The seed walkthrough's create command with its digest release image, verbatim but for the binary, on the
// embedded cluster (real CRDs): the version comes from the server (the ClusterImageSet naming the digest, else
// the HyperShift operator's status.version.desired.version), the legacy ingress passthrough is decided for that
// version, and an image the operator cannot read ends the command at once with the operator's condition message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { simReleaseDigest } from '../../src/sim/controllers/releases.js';
import { get } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, removeSimEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const SEED_DIGEST = '382f271581b9b907484d552bd145e9a5678e9366330059d31b007f4445d99e36';
// The seed walkthrough (seed file 000_7826e1e435f54047.txt, "Create HyperShift KubeVirt Hosted Cluster"; the
// line is in test/seed/command-lines.txt), `hypershift create
// cluster kubevirt` spelled as hcp-kv's create-cluster; the cluster name is the issue's kv-01.
const seedCommand = (name: string, digest: string) => ['create-cluster', '--name', name, '--node-pool-replicas=2', '--memory', '8Gi', '--pull-secret', 'ps.json', `--release-image=quay.io/openshift-release-dev/ocp-release@sha256:${digest}`];

let env: SimEnv;
beforeAll(async () => {
  env = await bootstrappedSimEnv();
}, 90_000);
afterAll(() => removeSimEnv(env));

const hcOf = (name: string) => get(env.sim.api, HS, 'hostedclusters', name, 'clusters');
const step = (stdout: string, id: string) => JSON.parse(stdout).steps.find((s: any) => s.id === id);

async function readyGuestNodes(name: string): Promise<string[]> {
  const guest = SimClient.fromKubeconfig(readFileSync(join(env.dir, `${name}-kubeconfig`), 'utf8'));
  try {
    const nodes = (await guest.list('v1', 'Node')).items;
    return nodes.filter((n) => n.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).map((n) => n.metadata.name);
  } finally {
    guest.close();
  }
}

describe("the seed's create command (digest release image)", () => {
  it('ends with 2 Ready guest nodes; the version is the one the server names (4.12.3), so no legacy ingress', async () => {
    const r = await env.cli([...seedCommand('kv-01', SEED_DIGEST), '-o', 'json'], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const hc = await hcOf('kv-01');
    expect(hc.status.version.desired).toMatchObject({ version: '4.12.3', image: `quay.io/openshift-release-dev/ocp-release@sha256:${SEED_DIGEST}` });
    expect(hc.status.version.history[0]).toMatchObject({ state: 'Completed', version: '4.12.3' });
    expect(await readyGuestNodes('kv-01')).toHaveLength(2);
    expect(step(r.stdout, 'check-cluster').message).toMatch(/4\.12\.3/);
    expect(step(r.stdout, 'ingress-passthrough')).toMatchObject({ status: 'disabled', message: "not needed: 4.12.3 has the operator's ingress passthrough" });
  }, 150_000);

  it('a digest no ClusterImageSet names: the operator reports 4.12.0, and the legacy ingress is created for it', async () => {
    const r = await env.cli([...seedCommand('kv-02', simReleaseDigest('4.12.0')), '-o', 'json'], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect((await hcOf('kv-02')).status.version.desired.version).toBe('4.12.0');
    const passthrough = step(r.stdout, 'ingress-passthrough');
    expect(passthrough.status).toBe('done');
    expect(passthrough.message).toMatch(/^4\.12\.0 \(reported by the HyperShift operator \(HostedCluster status\.version\.desired\.version\)\): Service kv-02-apps-ingress created, Route kv-02-apps-ingress created/);
    const route = await get(env.sim.api, 'route.openshift.io/v1', 'routes', 'kv-02-apps-ingress', 'clusters-kv-02');
    expect(route.spec).toMatchObject({ wildcardPolicy: 'Subdomain', tls: { termination: 'passthrough' } });
    expect((await hcOf('kv-02')).status.version.history[0]).toMatchObject({ state: 'Completed', version: '4.12.0' });
    expect(await readyGuestNodes('kv-02')).toHaveLength(2);
  }, 150_000);

  it('node pool rules use the version the server names for a digest: 4.12.3 (its ClusterImageSet) on a 4.12.0 control plane is refused', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['create', 'nodepool', 'kubevirt', '--name', 'np-newer', '--cluster-name', 'kv-02', `--release-image=quay.io/openshift-release-dev/ocp-release@sha256:${SEED_DIGEST}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("node pool release 4.12.3 is newer than the control plane's 4.12.0");
    expect(env.sim.api.stats().mutating).toBe(0);
    // Its own digest: the version the operator reported for it (4.12.0), so the node pool is accepted.
    const same = await env.cli(
      ['create', 'nodepool', 'kubevirt', '--name', 'np-same', '--cluster-name', 'kv-02', '--replicas', '1', `--release-image=quay.io/openshift-release-dev/ocp-release@sha256:${simReleaseDigest('4.12.0')}`, '-o', 'json'],
      { timeout: 120_000 },
    );
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).steps.find((x: any) => x.id === 'check-new-nodepool').message).toMatch(/^release 4\.12\.0 for hosted cluster kv-02/);
  }, 150_000);

  it('an unknown digest ends at once (exit 1) with the operator ValidReleaseImage message, not the 30m timeout', async () => {
    const unknown = 'e'.repeat(64);
    const r = await env.cli(seedCommand('kv-03', unknown), { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(1);
    const message = `failed to lookup release image: failed to extract release metadata: failed to obtain root manifest for quay.io/openshift-release-dev/ocp-release@sha256:${unknown}: manifest unknown: manifest unknown`;
    expect(r.stderr).toContain(`ValidReleaseImage=False InvalidImage: ${message}`);
    expect(r.stderr).not.toMatch(/did not finish within/);
    const cond = (await hcOf('kv-03')).status.conditions.find((c: any) => c.type === 'ValidReleaseImage');
    expect(cond).toMatchObject({ status: 'False', reason: 'InvalidImage', message });
    expect((await hcOf('kv-03')).status.version).toBeUndefined();
  }, 150_000);
});
