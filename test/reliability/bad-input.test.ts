// Bad input across every command: exit 2 (or 3), one clear line plus a hint, no stack trace, and zero
// mutating requests at the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let env: SimEnv;
let old: SimEnv;
const f = (name: string, text: string) => {
  const p = join(env.dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  [env, old] = await Promise.all([simEnv({ profile: 'instant' }), simEnv({ profile: 'instant', ocpVersion: '4.10.3', controllers: true })]);
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  expect(boot.code, boot.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await env.stop();
  await old.stop();
});

type Case = [name: string, args: () => string[], code: number, pattern: RegExp, target?: () => SimEnv, kubeconfig?: () => string];

const PS = () => f('ps.json', '{"auths":{"quay.io":{"auth":"eDp5"}}}');
const cc =
  (name: string, ...extra: string[]) =>
  () => ['create-cluster', name, '--pull-secret', PS(), '--release', '4.12.3', ...extra];

const cases: Case[] = [
  // cluster names
  ['uppercase name', cc('KV-00'), 2, /not a valid DNS-1123 label/],
  ['name with dots', cc('kv.00'), 2, /not a valid DNS-1123 label/],
  ['name with underscore', cc('kv_00'), 2, /not a valid DNS-1123 label/],
  ['too long name', cc('a'.repeat(54)), 2, /at most 53/],
  ['name ending in a dash', cc('kv-'), 2, /not a valid DNS-1123 label/],
  ['missing name', () => ['create-cluster', '--pull-secret', PS()], 2, /a cluster name is required/],
  // replicas, quantities
  ['negative replicas', cc('kv', '--replicas', '-2'), 2, /--replicas must be a whole number/],
  ['fractional replicas', cc('kv', '--replicas', '1.5'), 2, /--replicas must be a whole number/],
  ['replicas not a number', cc('kv', '--replicas', 'two'), 2, /--replicas must be a whole number/],
  ['memory without unit digits', cc('kv', '--memory', 'big'), 2, /not a Kubernetes quantity/],
  ['memory with a bad unit', cc('kv', '--memory', '8GB'), 2, /not a Kubernetes quantity/],
  ['zero cores', cc('kv', '--cores', '0'), 2, /--cores must be a whole number of at least 1/],
  ['root volume too small', cc('kv', '--root-volume-size', '10'), 2, /--root-volume-size must be a whole number of at least 16/],
  // releases
  ['release minor not supported', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--release', '4.14'], 2, /OpenShift 4\.14 is not supported/],
  ['release image garbage', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--release-image', 'latest'], 2, /is not an image reference/],
  ['both release and image', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--release', '4.12.3', '--release-image', 'quay.io/a/b:1'], 2, /exclusive/],
  ['unsupported release', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--release', '4.17.0'], 2, /not supported by this HyperShift operator/],
  // pull secrets, ssh keys
  ['missing pull secret file', () => ['create-cluster', 'kv', '--pull-secret', '/nonexistent/ps.json'], 2, /does not exist/],
  ['pull secret not JSON', () => ['create-cluster', 'kv', '--pull-secret', f('nj', 'hello')], 2, /is not valid JSON/],
  ['pull secret without auths', () => ['create-cluster', 'kv', '--pull-secret', f('na', '{"x":1}')], 2, /has no "auths" section/],
  ['no pull secret at all', () => ['create-cluster', 'kv'], 2, /a pull secret is required/],
  ['missing ssh key file', cc('kv', '--ssh-key', '/nonexistent/id.pub'), 2, /ssh key file \/nonexistent\/id.pub does not exist/],
  ['ssh key junk', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--ssh-key', f('junk.pub', 'not a key')], 2, /not an OpenSSH public key/],
  ['ssh key truncated', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--ssh-key', f('cut.pub', 'ssh-ed25519 AAAA me@host')], 2, /line 1 is not a valid OpenSSH public key: the key data ends before its key type/],
  ['ssh key is private', () => ['create-cluster', 'kv', '--pull-secret', PS(), '--ssh-key', f('id', '-----BEGIN OPENSSH PRIVATE KEY-----\nx\n')], 2, /holds a private key/],
  ['bad engine', cc('kv', '--engine', 'terraform'), 2, /--engine must be native or hypershift/],
  ['bad timeout', cc('kv', '--timeout', 'soon'), 2, /--timeout "soon" is not a duration/],
  // IP ranges
  ['reversed range', () => ['bootstrap', '--metallb-addresses', '192.0.2.50-192.0.2.10'], 2, /reversed/],
  ['overlapping ranges', () => ['bootstrap', '--metallb-addresses', '192.0.2.0/28,192.0.2.10-192.0.2.20'], 2, /overlap/],
  ['not an IP', () => ['bootstrap', '--metallb-addresses', 'ten-twenty'], 2, /not an IPv4 or IPv6 address/],
  ['mixed families', () => ['bootstrap', '--metallb-addresses', '192.0.2.1-fd00::5'], 2, /mixes IPv4 and IPv6/],
  ['CIDR with host bits', () => ['bootstrap', '--metallb-addresses', '192.0.2.7/28'], 2, /host bits set/],
  ['single address without range', () => ['bootstrap', '--metallb-addresses', '192.0.2.7'], 2, /neither a range/],
  // bootstrap flags and config files
  ['unknown storage mode', () => ['bootstrap', '--metallb-addresses', POOL, '--storage', 'nfs'], 2, /--storage must be odf-local, lvms or existing/],
  ['existing storage without a class', () => ['bootstrap', '--metallb-addresses', POOL, '--storage', 'existing', '--storage-class', 'Bad_Name'], 2, /not a valid StorageClass name/],
  ['unknown step id', () => ['bootstrap', '--metallb-addresses', POOL, '--skip', 'frobnicate'], 2, /unknown step "frobnicate"/],
  ['bad dry-run mode', () => ['bootstrap', '--metallb-addresses', POOL, '--dry-run=maybe'], 2, /--dry-run must be client or server/],
  ['config file missing', () => ['bootstrap', '--config', '/nonexistent/c.yaml'], 2, /cannot read config file/],
  ['config file not YAML', () => ['bootstrap', '--config', f('c1.yaml', 'a: [\n')], 2, /not valid YAML at line/],
  ['config file unknown key', () => ['bootstrap', '--config', f('c2.yaml', 'storage: odf-local\nmetallb:\n  adresses: [a]\n')], 2, /line 3: unknown key "metallb.adresses"/],
  ['config file bad value', () => ['bootstrap', '--config', f('c3.yaml', 'storage: ceph\n')], 2, /storage: /],
  ['unknown MCE channel', () => ['bootstrap', '--metallb-addresses', POOL, '--mce-channel', 'stable-9.9', '--only', 'install-mce'], 2, /no channel "stable-9.9"/],
  // kubeconfigs and identities
  ['missing kubeconfig', () => ['list'], 3, /kubeconfig .* does not exist/, undefined, () => '/nonexistent/kubeconfig'],
  ['malformed kubeconfig', () => ['list'], 2, /is not valid/, undefined, () => f('bad.kubeconfig', 'clusters: [unterminated')],
  ['unknown context', () => ['--context', 'nope', 'list'], 2, /context "nope" is not in the kubeconfig/],
  ['wrong token', () => ['list'], 3, /refused the credentials/, undefined, () => f('wrong.kubeconfig', env.sim.api.kubeconfig({ token: 'wrong' }))],
  ['read-only token on bootstrap', () => ['bootstrap', '--metallb-addresses', POOL], 3, /may not create namespaces/, undefined, () => f('ro.kubeconfig', env.sim.api.kubeconfig({ readOnly: true }))],
  ['read-only token on create-cluster', cc('kv'), 3, /may not create hostedclusters/, undefined, () => f('ro2.kubeconfig', env.sim.api.kubeconfig({ readOnly: true }))],
  ['unsupported OpenShift', () => ['bootstrap', '--metallb-addresses', POOL], 2, /OpenShift 4\.10\.3 is not supported/, () => old],
  // other commands
  ['status of a missing cluster', () => ['status', 'nope'], 2, /HostedCluster clusters\/nope not found/],
  ['create-kubeconfig of a missing cluster', () => ['create-kubeconfig', 'nope', '--out', '-'], 2, /HostedCluster clusters\/nope not found/],
  ['destroy without --yes and no terminal', () => ['destroy-cluster', 'kv-00'], 2, /without confirmation/],
  ['destroy with a bad name', () => ['destroy-cluster', 'Bad', '--yes'], 2, /not a valid DNS-1123 label/],
  ['list with a bad output', () => ['list', '-o', 'xml'], 2, /-o must be one of table, wide, json, yaml/],
  ['render-sensitive without render', cc('kv', '--render-sensitive'), 2, /--render-sensitive needs --render/],
  ['sim with a bad profile', () => ['sim', '--profile', 'slow'], 2, /--profile must be instant, fast or realistic/],
  ['sim with a bad fault spec', () => ['sim', '--faults', 'explode=1'], 2, /unknown fault "explode"/],
  ['sim on a port in use', () => ['sim', '--port', new URL(env.sim.api.url).port], 2, /port \d+ on 127.0.0.1 is already in use/],
];

describe('bad input is refused cleanly', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)('%s', async (_name, args, code, pattern, target, kubeconfig) => {
    const t = target?.() ?? env;
    t.sim.api.resetStats();
    const r = await t.cli(args(), { kubeconfig: kubeconfig?.() });
    expect(r.code, r.stderr).toBe(code);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: ') || l.startsWith('error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(r.stderr).toMatch(/^(Hint: |\(run with --help)/m);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(t.sim.api.stats().mutating).toBe(0);
  });
});
