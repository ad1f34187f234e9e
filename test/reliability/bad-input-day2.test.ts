// Bad input to the day-2 commands: exit 2, one Error line plus a hint, no stack trace, zero mutating requests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, get, mergePatch } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let env: SimEnv;

beforeAll(async () => {
  env = await simEnv({ profile: 'instant' });
  const ps = join(env.dir, 'ps.json');
  writeFileSync(ps, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  for (const [name, release] of [
    ['kv-00', '4.12.3'],
    ['kv-old', '4.10.3'],
  ] as const) {
    const r = await env.cli(['create-cluster', name, '--replicas', '1', '--release', release, '--pull-secret', ps]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => env.stop());

type Case = [name: string, args: string[], pattern: RegExp, hint?: RegExp];

const cases: Case[] = [
  // node pools
  ['scale an unknown node pool', ['nodepool', 'scale', 'nope', '--replicas', '1'], /node pool clusters\/nope not found/, /node pools in clusters: kv-00, kv-old/],
  ['scale a node pool of an unknown cluster', ['nodepool', 'scale', 'kv-00', '--cluster-name', 'kv-99', '--replicas', '1'], /hosted cluster clusters\/kv-99 not found/, /hosted clusters in clusters: kv-00, kv-old/],
  [
    'scale a node pool of another cluster',
    ['nodepool', 'scale', 'kv-old', '--cluster-name', 'kv-00', '--replicas', '1'],
    /node pool clusters\/kv-old of hosted cluster kv-00 not found/,
    /node pools of hosted cluster kv-00 in clusters: kv-00/,
  ],
  ['negative replicas', ['nodepool', 'scale', 'kv-00', '--replicas', '-1'], /--replicas must be a whole number from 0 to 500, got "-1"/],
  ['fractional replicas', ['nodepool', 'scale', 'kv-00', '--replicas', '1.5'], /--replicas must be a whole number from 0 to 500, got "1\.5"/],
  ['replicas that are not a number', ['nodepool', 'scale', 'kv-00', '--replicas', 'three'], /--replicas must be a whole number/],
  ['scale without --replicas', ['nodepool', 'scale', 'kv-00'], /--replicas is required/],
  ['a node pool name clash', ['nodepool', 'create', 'kv-old', '--cluster-name', 'kv-00'], /node pool clusters\/kv-old already exists and belongs to hosted cluster kv-old/, /choose another name/],
  ['a node pool name taken with another configuration', ['nodepool', 'create', 'kv-00', '--cluster-name', 'kv-00', '--memory', '4Gi'], /node pool clusters\/kv-00 already exists with a different configuration/, /nodepool scale kv-00/],
  ['create without --cluster-name', ['nodepool', 'create', 'np2'], /--cluster-name is required/],
  ['create for an unknown cluster', ['nodepool', 'create', 'np2', '--cluster-name', 'kv-99'], /hosted cluster clusters\/kv-99 not found/, /kv-00, kv-old/],
  ['create with a bad name', ['nodepool', 'create', 'NP2', '--cluster-name', 'kv-00'], /not a valid DNS-1123 label/],
  ['create with negative replicas', ['nodepool', 'create', 'np2', '--cluster-name', 'kv-00', '--replicas', '-2'], /--replicas must be a whole number/],
  ['create with bad memory', ['nodepool', 'create', 'np2', '--cluster-name', 'kv-00', '--memory', 'lots'], /--memory "lots" is not a Kubernetes quantity/],
  ['create nodes newer than the control plane', ['nodepool', 'create', 'np2', '--cluster-name', 'kv-old', '--release', '4.11.2'], /node pool release 4\.11\.2 is newer than the control plane's 4\.10\.3/],
  ['create nodes of an unsupported release', ['nodepool', 'create', 'np2', '--cluster-name', 'kv-old', '--release', '4.9.2'], /OpenShift 4\.9\.2 is not supported/],
  ['create nodes three minors behind the control plane', ['nodepool', 'create', 'np2', '--cluster-name', 'kv-00', '--release', '4.9.2'], /node pool release 4\.9\.2 is more than two minor versions older than the control plane's 4\.12\.3/],
  ['delete an unknown node pool', ['nodepool', 'delete', 'nope'], /node pool clusters\/nope not found/, /kv-00, kv-old/],
  ['list the pools of an unknown cluster', ['nodepool', 'list', '--cluster-name', 'kv-99'], /hosted cluster clusters\/kv-99 not found/, /kv-00, kv-old/],
  // upgrade
  ['upgrade an unknown cluster', ['upgrade', 'kv-99', '--release', '4.12.5'], /hosted cluster clusters\/kv-99 not found/, /kv-00, kv-old/],
  ['a downgrade', ['upgrade', 'kv-00', '--release', '4.12.1'], /4\.12\.1 is older than the current version 4\.12\.3: downgrades are not supported/],
  ['a release the operator does not support', ['upgrade', 'kv-00', '--release', '4.14.1'], /OpenShift 4\.14\.1 is not supported by this HyperShift operator \(supported: 4\.12, 4\.11, 4\.10\)/],
  ['two minors at once', ['upgrade', 'kv-old', '--release', '4.12.3'], /4\.12\.3 is more than one minor version ahead of 4\.10\.3/, /--force/],
  ['upgrade without a target', ['upgrade', 'kv-00'], /a target is required/],
  ['upgrade to a minor no ClusterImageSet offers', ['upgrade', 'kv-old', '--release', '4.13'], /OpenShift 4\.13 is not supported/],
  ['upgrade to a malformed release', ['upgrade', 'kv-00', '--release', '4.12.x'], /--release "4\.12\.x" is not an OpenShift version/],
  ['upgrade with both targets', ['upgrade', 'kv-00', '--release', '4.12.5', '--release-image', 'quay.io/openshift-release-dev/ocp-release:4.12.5-x86_64'], /exclusive/],
  ['upgrade an unknown node pool', ['upgrade', 'kv-00', '--release', '4.12.5', '--node-pools', 'kv-00,np9'], /node pool np9 of hosted cluster kv-00 not found/, /its node pools: kv-00/],
  ['upgrade to an image of unknown version', ['upgrade', 'kv-00', '--release-image', `quay.io/openshift-release-dev/ocp-release@sha256:${'a'.repeat(64)}`], /cannot tell which OpenShift version/],
  // dump, diagnose, destroy, sim
  ['dump an unknown cluster', ['dump', 'kv-99'], /hosted cluster clusters\/kv-99 not found/],
  ['dump to a file that is not an archive', ['dump', 'kv-00', '--archive', 'out.zip'], /must end in \.tar\.gz or \.tgz/],
  ['diagnose an unknown cluster', ['diagnose', 'kv-99'], /hosted cluster clusters\/kv-99 not found/, /kv-00, kv-old/],
  ['destroy with a bad grace period', ['destroy-cluster', 'kv-00', '--yes', '--grace-period', 'soon'], /duration|soon/],
  ['sim with an unknown injection', ['sim', '--inject', 'explode=kv-00'], /--inject: unknown injection "explode"/],
];

describe('day-2 bad input is refused cleanly', () => {
  it.each(cases)('%s', async (_name, args, pattern, hint) => {
    env.sim.api.resetStats();
    const r = await env.cli(args);
    expect(r.code, r.stderr).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(r.stderr).toMatch(hint ? new RegExp(`^Hint: .*${hint.source}`, 'm') : /^Hint: /m);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });

  it('upgrade while another upgrade is still rolling says so and changes nothing; --force retargets it', async () => {
    // Keep the first rollout from completing.
    await create(env.sim.api, 'v1', 'configmaps', { metadata: { name: 'hcp-kv-sim-inject', namespace: 'default' }, data: { inject: 'hold-upgrade=kv-00' } });
    try {
      const first = await env.cli(['upgrade', 'kv-00', '--release', '4.12.4', '--timeout', '1s']);
      expect(first.code).toBe(1);
      env.sim.api.resetStats();
      const r = await env.cli(['upgrade', 'kv-00', '--release', '4.12.5']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^Error: another upgrade is in progress: the control plane is still rolling out 4\.12\.4$/m);
      expect(r.stderr).toMatch(/^Hint: .*--force to retarget it to 4\.12\.5/m);
      expect(env.sim.api.stats().mutating).toBe(0);
      const resumed = await env.cli(['upgrade', 'kv-00', '--release', '4.12.4', '--timeout', '1s', '-o', 'json']);
      expect(JSON.parse(resumed.stdout).steps[0].message).toMatch(/\(resuming\)/);
      const forced = await env.cli(['upgrade', 'kv-00', '--release', '4.12.5', '--force', '--timeout', '1s']);
      expect(forced.code).toBe(1); // still held, but retargeted
      expect((await get(env.sim.api, 'hypershift.openshift.io/v1beta1', 'hostedclusters', 'kv-00', 'clusters')).spec.release.image).toMatch(/:4\.12\.5-/);
    } finally {
      await mergePatch(env.sim.api, 'v1', 'configmaps', 'hcp-kv-sim-inject', 'default', { data: { inject: '' } });
    }
    const done = await env.cli(['upgrade', 'kv-00', '--release', '4.12.5']);
    expect(done.code, done.stderr).toBe(0);
    // x.y resolves as create-cluster does: the newest patch a ClusterImageSet offers.
    const minor = await env.cli(['upgrade', 'kv-00', '--release', '4.12', '--node-pools', 'none', '-o', 'json']);
    expect(minor.code, minor.stderr).toBe(0);
    expect(JSON.parse(minor.stdout).steps[0].message).toMatch(/^4\.12\.5 → 4\.12\.12 \(newest 4\.12 patch, ClusterImageSet img4\.12\.12-x86-64-appsub\)/);
  }, 30_000);
});
