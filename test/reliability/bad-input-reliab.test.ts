// Bad input found by an adversarial user (issue 13): every case exits 2 (or 3) with one clear line plus a
// hint, no stack trace, never "unexpected", and zero mutating requests at the server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let env: SimEnv;
const f = (name: string, text: string) => {
  const p = join(env.dir, name);
  writeFileSync(p, text);
  return p;
};
const dir = (name: string) => {
  const p = join(env.dir, name);
  mkdirSync(p, { recursive: true });
  return p;
};

beforeAll(async () => {
  env = await simEnv({ profile: 'instant' });
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  expect(boot.code, boot.stderr).toBe(0);
}, 60_000);
afterAll(() => env.stop());

type Case = [name: string, args: () => string[], code: number, pattern: RegExp, kubeconfig?: () => string];

const PS = () => f('ps.json', '{"auths":{"quay.io":{"auth":"eDp5"}}}');
const cc =
  (name: string, ...extra: string[]) =>
  () => ['create-cluster', name, '--pull-secret', PS(), '--release', '4.12.3', ...extra];

const cases: Case[] = [
  // names derived from NAME
  [
    'ingress Service name too long for 4.12.1',
    () => ['create-cluster', 'a'.repeat(52), '--pull-secret', PS(), '--release', '4.12.1', '--namespace', 'c'],
    2,
    /gives the ingress Service \(and Route\) "a{52}-apps-ingress", which is not a DNS-1035 label/,
  ],
  ['ingress Service name starting with a digit for 4.12.1', () => ['create-cluster', '0kv', '--pull-secret', PS(), '--release', '4.12.1'], 2, /gives the ingress Service \(and Route\) "0kv-apps-ingress", which is not a DNS-1035 label/],
  // --kubeconfig-out
  ['kubeconfig-out in a missing directory', cc('kv', '--kubeconfig-out', '/nonexistent/dir/kv-kubeconfig'), 2, /--kubeconfig-out \/nonexistent\/dir\/kv-kubeconfig: directory \/nonexistent\/dir does not exist/],
  ['kubeconfig-out is a directory', () => cc('kv', '--kubeconfig-out', dir('outdir'))(), 2, /--kubeconfig-out .*outdir is a directory; it must name a file/],
  ['kubeconfig-out is the management kubeconfig', () => cc('kv', '--kubeconfig-out', env.kubeconfig)(), 2, /is the management cluster's kubeconfig/],
  ['junit report path is a directory', () => ['bootstrap', '--metallb-addresses', POOL, '--junit', dir('junitdir')], 2, /--junit .*junitdir is a directory/],
  // quantities
  ['zero memory', cc('kv', '--memory', '0'), 2, /--memory "0" is too small: a worker VM needs at least 1Gi/],
  ['memory below the minimum', cc('kv', '--memory', '512Mi'), 2, /--memory "512Mi" is too small/],
  // pull secrets
  ['pull secret with empty auths', () => ['create-cluster', 'kv', '--pull-secret', f('empty.json', '{"auths":{}}')], 2, /has an empty "auths" section/],
  ['pull secret with a non-base64 auth', () => ['create-cluster', 'kv', '--pull-secret', f('nb64.json', '{"auths":{"quay.io":{"auth":"not base64!"}}}')], 2, /the "auth" of quay\.io is not base64 of user:password/],
  ['pull secret file is a directory', () => ['create-cluster', 'kv', '--pull-secret', dir('psdir')], 2, /pull secret file .*psdir is a directory, not a file/],
  ['ssh key file is a directory', () => cc('kv', '--ssh-key', dir('sshdir'))(), 2, /ssh key file .*sshdir is a directory, not a file/],
  // addresses and steps
  ['IPv4 with a leading zero', () => ['bootstrap', '--metallb-addresses', '192.0.2.010-192.0.2.020'], 2, /"192\.0\.2\.010" has a leading zero in an octet/],
  ['contradictory --only and --skip', () => ['bootstrap', '--metallb-addresses', POOL, '--only', 'metallb', '--skip', 'metallb'], 2, /--only and --skip both name metallb/],
  // config files and kubeconfigs
  ['config file is a directory', () => ['bootstrap', '--config', dir('cfgdir')], 2, /config file .*cfgdir is a directory, not a file/],
  ['config file with several documents', () => ['bootstrap', '--config', f('multi.yaml', 'storage: odf-local\n---\nstorage: existing\n')], 2, /holds 2 YAML documents; hcp-kv reads exactly one/],
  [
    'kubeconfig whose CA file is missing',
    () => ['list'],
    3,
    /the kubeconfig's certificate-authority file .*missing-ca\.crt \(context hcp-kv-sim\) does not exist/,
    () => {
      const kc = load(env.sim.api.kubeconfig()) as any;
      delete kc.clusters[0].cluster['certificate-authority-data'];
      kc.clusters[0].cluster['certificate-authority'] = join(env.dir, 'missing-ca.crt');
      return f('certs.kubeconfig', dump(kc));
    },
  ],
  ['kubeconfig is a directory', () => ['list'], 2, /kubeconfig .*kcdir is a directory, not a file/, () => dir('kcdir')],
  // durations and hints
  ['request timeout not a duration', () => ['--request-timeout', 'soon', 'list'], 2, /invalid duration "soon"/],
];

describe('bad input found by an adversarial user is refused cleanly', () => {
  it.each(cases)('%s', async (_name, args, code, pattern, kubeconfig) => {
    env.sim.api.resetStats();
    const r = await env.cli(args(), { kubeconfig: kubeconfig?.() });
    expect(r.code, r.stderr).toBe(code);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: ') || l.startsWith('error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(r.stderr).toMatch(/^Hint: /m);
    expect(r.stderr).not.toMatch(/unexpected/);
    expect(r.stderr).not.toMatch(/<[a-z-]+>/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});
