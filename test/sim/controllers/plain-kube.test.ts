// The nearest thing here to a real kube-apiserver with the real upstream CRDs: an API server that serves only
// Kubernetes built-ins, the simulated operators registering the real CRDs, and hcp-kv bootstrap and
// create-cluster running against it. Every object hcp-kv applies and every status the operators write must be
// accepted by the real schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { startControllers, type RunningControllers } from '../../../src/sim/controllers/index.js';
import { runCli } from '../../helpers/cli.js';
import { call } from '../../helpers/https.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CRDS_DIR } from '../../helpers/fixtures.js';

describe('plain Kubernetes API with the real upstream CRDs', () => {
  let api: ApiServer;
  let controllers: RunningControllers;
  const logs: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-plain-'));
  const kubeconfig = join(dir, 'kubeconfig');
  beforeAll(async () => {
    api = await startApiServer({ openshiftApis: false, establishDelayMs: 20 });
    expect((await call(api, 'GET', '/apis/config.openshift.io/v1')).status).toBe(404);
    await api.writeKubeconfig(kubeconfig);
    controllers = await startControllers({ kubeconfig: api.kubeconfig({ token: api.systemToken }), crdsDir: CRDS_DIR, profile: 'fast', timeScale: 0.3, log: (l) => logs.push(l) });
  });
  afterAll(async () => {
    if (logs.some((l) => /error|invalid/i.test(l)))
      console.log(
        logs
          .filter((l) => /error|invalid/i.test(l))
          .slice(0, 10)
          .join('\n'),
      );
    await controllers.stop();
    await api.close();
  });

  it('bootstraps and runs a hosted cluster; no write is rejected by a real schema', async () => {
    const cli = (args: string[]) => runCli(['--kubeconfig', kubeconfig, '--progress', 'plain', ...args], { cwd: dir, timeout: 40_000 });
    const boot = await cli(['bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.40']);
    expect(boot.code, boot.stderr.slice(-2000)).toBe(0);
    const ps = join(dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    const create = await cli(['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps]);
    expect(create.code, create.stderr.slice(-2000)).toBe(0);
    const hcCrd = (await call(api, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/hostedclusters.hypershift.openshift.io')).body;
    expect(JSON.stringify(hcCrd.spec.versions[0].schema).length).toBeGreaterThan(100_000); // the real one
    expect(logs.filter((l) => /error|invalid/i.test(l))).toEqual([]);
    // The CRDs' validation rules were in force for all of it: every HostedCluster/NodePool rule compiled.
    const cel = (await call(api, 'GET', '/sim/stats')).body.cel;
    expect(cel.compiled).toBeGreaterThan(300);
    // The counters are the process's: with isolate: false another file's test CRD (group example.com, a rule that
    // calls a function that does not exist, test/sim/apiserver/cel-rules.test.ts) may be in them; only real ones count.
    expect(cel.skippedRules.filter((r: { path: string }) => !/^\w+\.example\.com\//.test(r.path))).toEqual([]);
  }, 120_000);
});
