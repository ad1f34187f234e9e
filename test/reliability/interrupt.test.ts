// SIGKILL at several points (step lines) of bootstrap and of create-cluster, then run again: it converges, with no
// duplicate objects and nothing half-made.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAtStep, startCli, STEP_LINE } from '../helpers/cli.js';
import { call } from '../helpers/https.js';
import { pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

async function killAt(env: SimEnv, args: string[], step: number): Promise<void> {
  const r = await killAtStep(['--kubeconfig', env.kubeconfig, ...args], step, { cwd: env.dir });
  expect(r.signal, `the command ended before its step line ${step}:\n${r.stderr}`).toBe('SIGKILL');
}

const count = async (env: SimEnv, path: string) => (await call({ ...env.sim.api, token: env.sim.api.systemToken }, 'GET', path)).body.items.length;

describe.each([[1], [10], [20]])('bootstrap killed at its step line %i (of 34), then run again', (step) => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'fast', timeScale: 0.5 });
  });
  afterAll(() => env.stop());

  it('converges to one of everything', async () => {
    await killAt(env, ['bootstrap', '--metallb-addresses', POOL], step);
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '-o', 'json']);
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
    for (const ns of ['openshift-local-storage', 'openshift-storage', 'openshift-cnv', 'metallb-system', 'multicluster-engine']) {
      expect(await count(env, pathOf('operators.coreos.com/v1alpha1', 'subscriptions', ns))).toBe(1);
      expect(await count(env, pathOf('operators.coreos.com/v1', 'operatorgroups', ns))).toBe(1);
      expect(await count(env, pathOf('operators.coreos.com/v1alpha1', 'clusterserviceversions', ns))).toBe(1);
    }
    expect(await count(env, '/apis/multicluster.openshift.io/v1/multiclusterengines')).toBe(1);
    expect(await count(env, pathOf('metallb.io/v1beta1', 'ipaddresspools', 'metallb-system'))).toBe(1);
    expect(await count(env, pathOf('hco.kubevirt.io/v1beta1', 'hyperconvergeds', 'openshift-cnv'))).toBe(1);
    const doctor = await env.cli(['doctor', '-o', 'json']);
    expect(JSON.parse(doctor.stdout).ready, doctor.stdout).toBe(true);
  }, 90_000);
});

describe('create-cluster killed at several points', () => {
  let env: SimEnv;
  let ps: string;
  beforeAll(async () => {
    env = await simEnv({ profile: 'fast', timeScale: 0.5 });
    ps = join(env.dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  }, 60_000);
  afterAll(() => env.stop());

  // Step lines: 1 ▶ check-cluster, 6 ✔ apply-cluster (after ▶✔ mirror-coverage), 9 ▶ wait-available.
  it.each([[1], [6], [9]])(
    'at its step line %i: the re-run ends with one healthy cluster',
    async (step) => {
      const name = `kill-${step}`;
      await killAt(env, ['create-cluster', name, '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps], step);
      const r = await env.cli(['create-cluster', name, '--replicas', '2', '--release', '4.12.3', '--pull-secret', ps, '--force']);
      expect(r.code, r.stderr.slice(-1500)).toBe(0);
      const hcs = (await call({ ...env.sim.api, token: env.sim.api.systemToken }, 'GET', pathOf('hypershift.openshift.io/v1beta1', 'hostedclusters', 'clusters'))).body.items.filter((h: any) => h.metadata.name === name);
      expect(hcs).toHaveLength(1);
      expect(await count(env, pathOf('kubevirt.io/v1', 'virtualmachines', `clusters-${name}`))).toBe(2);
      const secrets = (await call({ ...env.sim.api, token: env.sim.api.systemToken }, 'GET', pathOf('v1', 'secrets', 'clusters'))).body.items.map((s: any) => s.metadata.name).filter((n: string) => n.startsWith(`${name}-`));
      expect(secrets.sort()).toEqual([`${name}-admin-kubeconfig`, `${name}-etcd-encryption-key`, `${name}-kubeadmin-password`, `${name}-pull-secret`]);
    },
    60_000,
  );
});

describe('Ctrl-C', () => {
  it('stops bootstrap with exit 130 and says so', async () => {
    const env = await simEnv({ profile: 'realistic' });
    try {
      const cli = startCli(['--kubeconfig', env.kubeconfig, '--progress', 'plain', 'bootstrap', '--metallb-addresses', POOL], { cwd: env.dir });
      await cli.waitForStderr(STEP_LINE, 2);
      cli.child.kill('SIGINT');
      const { code, stderr } = await cli.done;
      expect(code).toBe(130);
      expect(stderr).toMatch(/Interrupted; stopping/);
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    } finally {
      await env.stop();
    }
  }, 30_000);
});
