import { BOOTSTRAP_STEPS } from '../../src/steps/bootstrap/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_CHAINS, delayMs } from '../../src/sim/profiles.js';
import { call } from '../helpers/https.js';
import { get } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const TIME_SCALE = 0.5;

async function assertPrepared(env: SimEnv, mceVersion: string): Promise<void> {
  const api = env.sim.api;
  const classes = (await call(api, 'GET', '/apis/storage.k8s.io/v1/storageclasses')).body.items;
  const defaults = classes.filter((c: any) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true').map((c: any) => c.metadata.name);
  expect(defaults).toEqual(['ocs-storagecluster-ceph-rbd']);
  const hco = await get(api, 'hco.kubevirt.io/v1beta1', 'hyperconvergeds', 'kubevirt-hyperconverged', 'openshift-cnv');
  expect(hco.status.conditions.find((c: any) => c.type === 'Available').status).toBe('True');
  expect((await get(api, 'metallb.io/v1beta1', 'ipaddresspools', 'hcp-kv', 'metallb-system')).spec.addresses).toEqual([POOL]);
  expect((await get(api, 'metallb.io/v1beta1', 'l2advertisements', 'hcp-kv', 'metallb-system')).spec.ipAddressPools).toEqual(['hcp-kv']);
  const mce = (await call(api, 'GET', '/apis/multicluster.openshift.io/v1/multiclusterengines')).body.items[0];
  expect(mce.status).toMatchObject({ phase: 'Available', currentVersion: mceVersion });
  const components = mce.spec.overrides?.components ?? [];
  if (mceVersion.startsWith('2.1') || mceVersion.startsWith('2.2')) expect(components).toContainEqual({ name: 'hypershift-preview', enabled: true });
  else expect(components.some((c: any) => c.name === 'hypershift-preview')).toBe(false);
  const mc = await get(api, 'cluster.open-cluster-management.io/v1', 'managedclusters', 'local-cluster');
  expect(mc.status.conditions.filter((c: any) => c.status === 'True').map((c: any) => c.type)).toEqual(expect.arrayContaining(['HubAcceptedManagedCluster', 'ManagedClusterJoined', 'ManagedClusterConditionAvailable']));
  const addon = await get(api, 'addon.open-cluster-management.io/v1alpha1', 'managedclusteraddons', 'hypershift-addon', 'local-cluster');
  expect(addon.status.conditions.find((c: any) => c.type === 'Available').status).toBe('True');
  const dep = await get(api, 'apps/v1', 'deployments', 'operator', 'hypershift');
  expect(dep.status.conditions.find((c: any) => c.type === 'Available').status).toBe('True');
  const ic = await get(api, 'operator.openshift.io/v1', 'ingresscontrollers', 'default', 'openshift-ingress-operator');
  expect(ic.spec.routeAdmission.wildcardPolicy).toBe('WildcardsAllowed');
}

type StepTiming = { id: string; status: string; startedMs: number; durationMs: number };

function expectOverlap(steps: StepTiming[], ids: string[]): void {
  const picked = ids.map((id) => steps.find((s) => s.id === id)!);
  for (const s of picked) expect(s, s?.id).toMatchObject({ status: 'done', startedMs: expect.any(Number) });
  const lastStart = Math.max(...picked.map((s) => s.startedMs));
  const firstEnd = Math.min(...picked.map((s) => s.startedMs + s.durationMs));
  expect(lastStart, `${ids.join(', ')} should run at the same time`).toBeLessThan(firstEnd);
}

describe.each([['2.1.2'], ['2.2.4'], ['2.5.1']])('bootstrap with MCE %s (fast profile)', (mceVersion) => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ mceVersion, timeScale: TIME_SCALE });
  });
  afterAll(() => env.stop());

  it('prepares the cluster, then a second run changes nothing', async () => {
    const junit = `${env.dir}/bootstrap.xml`;
    const first = await env.cli(['bootstrap', '--metallb-addresses', POOL, '-o', 'json', '--junit', junit]);
    expect(first.code, first.stderr).toBe(0);
    const xml = (await import('node:fs')).readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(BOOTSTRAP_STEPS.length);
    expect(xml).toMatch(/<testcase classname="bootstrap" name="multicluster-engine"/);
    expect(xml).not.toMatch(/<failure/);
    const summary = JSON.parse(first.stdout);
    expect(summary.ok).toBe(true);
    await assertPrepared(env, mceVersion);

    // Independent chains overlap: far less than the sum of the simulated operator delays.
    const sum = Object.values(BOOTSTRAP_CHAINS)
      .flat()
      .reduce((n, k) => n + delayMs('fast', k, TIME_SCALE), 0);
    const longest = Math.max(...Object.values(BOOTSTRAP_CHAINS).map((chain) => chain.reduce((n, k) => n + delayMs('fast', k, TIME_SCALE), 0)));
    console.log(`MCE ${mceVersion}: bootstrap ${summary.durationMs} ms; longest chain ${longest} ms (ratio ${(summary.durationMs / longest).toFixed(2)}); sum of chains ${sum} ms (ratio ${(summary.durationMs / sum).toFixed(2)})`);
    // Proof of concurrency that does not depend on the machine's speed: every operator install starts before
    // the first of them ends (wall-clock ratios are the benchmark's job).
    expectOverlap(summary.steps, ['install-local-storage', 'install-odf', 'install-cnv', 'install-metallb', 'install-mce']);

    env.sim.api.resetStats();
    const before = (await call(env.sim.api, 'GET', '/apis/multicluster.openshift.io/v1/multiclusterengines')).body.items[0].metadata.resourceVersion;
    const second = await env.cli(['bootstrap', '--metallb-addresses', POOL, '-o', 'json']);
    expect(second.code, second.stderr).toBe(0);
    const again = JSON.parse(second.stdout);
    // Steps for options not given (isolated control planes, recorded defaults) are disabled.
    const rerun = again.steps.filter((s: any) => s.id !== 'preflight' && s.status !== 'disabled');
    expect(rerun.map((s: any) => s.status)).toEqual(rerun.map(() => 'already-done'));
    expect(env.sim.api.stats().mutating).toBe(0);
    expect((await call(env.sim.api, 'GET', '/apis/multicluster.openshift.io/v1/multiclusterengines')).body.items[0].metadata.resourceVersion).toBe(before);

    const doctor = await env.cli(['doctor', '-o', 'json']);
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(JSON.parse(doctor.stdout).ready).toBe(true);
  }, 90_000);
});
