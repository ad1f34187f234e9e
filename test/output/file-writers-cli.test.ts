// Every file the CLI writes follows one set of rules (issue 17.4): mode 0600 for secrets, an existing file only
// replaced with --force, no symlinks, never the management kubeconfig. Checked through the real CLI for
// --render-into, create-kubeconfig --out, dump --archive, --junit, --kubeconfig-out and infra-credentials --out;
// and create-kubeconfig prints to stdout when stdout is not a terminal (issue 22.6).
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const mode = (f: string) => statSync(f).mode & 0o777;

describe('files written by the CLI', () => {
  let env: SimEnv;
  let ps: string;
  const p = (n: string) => join(env.dir, n);
  /** A file that must survive, a symlink to it, and the symlink's path. */
  const trap = (name: string): { target: string; link: string } => {
    const target = p(`${name}.target`);
    writeFileSync(target, 'precious');
    const link = p(name);
    symlinkSync(target, link);
    return { target, link };
  };
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    ps = p('ps.json');
    writeFileSync(ps, JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('u:p').toString('base64') } } }));
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    const r = await env.cli(['create-cluster', 'kv-00', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps, '--kubeconfig-out', 'first-kubeconfig']);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(p('first-kubeconfig'))).toBe(0o600);
  }, 90_000);
  afterAll(async () => {
    await env.stop();
  });

  it('render --render-into: 0600 with secrets, --force to replace, no symlink, not $KUBECONFIG', async () => {
    const render = (out: string, ...extra: string[]) => env.cli(['render', 'cluster', 'kv-r', '--pull-secret', ps, '--render-sensitive', '--render-into', out, ...extra]);
    expect((await render('r.yaml')).code).toBe(0);
    expect(mode(p('r.yaml'))).toBe(0o600);
    const again = await render('r.yaml');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--render-into r\.yaml already exists/);
    expect((await render('r.yaml', '--force')).code).toBe(0);
    const { target } = trap('r-link.yaml');
    const link = await render('r-link.yaml', '--force');
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    const mgmt = await env.cli(['render', 'cluster', 'kv-r', '--render-into', env.kubeconfig, '--force'], { env: { KUBECONFIG: env.kubeconfig } });
    expect(mgmt.code).toBe(2);
    expect(mgmt.stderr).toMatch(/is the management cluster's kubeconfig/);
    const cc = await env.cli(['create-cluster', 'kv-r', '--pull-secret', ps, '--render-sensitive', '--render-into', 'r.yaml']);
    expect(cc.stderr).toMatch(/--render-into r\.yaml already exists/);
  }, 60_000);

  it('create-kubeconfig: stdout when not a terminal or --out -; --out FILE 0600, --force, no symlink, not the management kubeconfig', async () => {
    const piped = await env.cli(['create-kubeconfig', 'kv-00']);
    expect(piped.code, piped.stderr).toBe(0);
    expect((load(piped.stdout) as { kind: string }).kind).toBe('Config');
    expect(existsSync(p('kv-00-kubeconfig'))).toBe(false);
    expect((await env.cli(['create-kubeconfig', 'kv-00', '--out', '-'])).stdout).toBe(piped.stdout);
    expect((await env.cli(['create-kubeconfig', 'kv-00', '--out', 'k'])).code).toBe(0);
    expect(mode(p('k'))).toBe(0o600);
    expect(readFileSync(p('k'), 'utf8')).toBe(piped.stdout);
    const again = await env.cli(['create-kubeconfig', 'kv-00', '--out', 'k']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--out k already exists/);
    expect((await env.cli(['create-kubeconfig', 'kv-00', '--out', 'k', '--force'])).code).toBe(0);
    const { target } = trap('k-link');
    expect((await env.cli(['create-kubeconfig', 'kv-00', '--out', 'k-link', '--force'])).stderr).toMatch(/is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    const before = readFileSync(env.kubeconfig, 'utf8');
    const mgmt = await env.cli(['create-kubeconfig', 'kv-00', '--out', env.kubeconfig, '--force']);
    expect(mgmt.code).toBe(2);
    expect(mgmt.stderr).toMatch(/is the management cluster's kubeconfig/);
    expect(readFileSync(env.kubeconfig, 'utf8')).toBe(before);
  }, 60_000);

  it('dump --archive: 0600, --force, no symlink, not the management kubeconfig', async () => {
    expect((await env.cli(['dump', 'kv-00', '--archive', 'd.tar.gz'])).code).toBe(0);
    expect(mode(p('d.tar.gz'))).toBe(0o600);
    expect((await env.cli(['dump', 'kv-00', '--archive', 'd.tar.gz'])).stderr).toMatch(/--archive d\.tar\.gz already exists/);
    expect((await env.cli(['dump', 'kv-00', '--archive', 'd.tar.gz', '--force'])).code).toBe(0);
    const { target } = trap('l.tar.gz');
    expect((await env.cli(['dump', 'kv-00', '--archive', 'l.tar.gz', '--force'])).stderr).toMatch(/is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    writeFileSync(p('m.tar.gz'), readFileSync(env.kubeconfig));
    const mgmt = await env.cli(['dump', 'kv-00', '--archive', 'm.tar.gz', '--force'], { kubeconfig: p('m.tar.gz') });
    expect(mgmt.code).toBe(2);
    expect(mgmt.stderr).toMatch(/is the management cluster's kubeconfig/);
  }, 60_000);

  it('--junit: an earlier report is replaced, another file is not; no symlink, not the management kubeconfig', async () => {
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL, '--junit', 'j.xml'])).code).toBe(0);
    expect(readFileSync(p('j.xml'), 'utf8')).toMatch(/<testsuites name="hcp-kv"/);
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL, '--junit', 'j.xml'])).code).toBe(0);
    writeFileSync(p('notes.xml'), 'my notes');
    const foreign = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--junit', 'notes.xml']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/--junit notes\.xml already exists/);
    expect(readFileSync(p('notes.xml'), 'utf8')).toBe('my notes');
    const { target } = trap('j-link.xml');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL, '--junit', 'j-link.xml'])).stderr).toMatch(/is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL, '--junit', env.kubeconfig])).stderr).toMatch(/is the management cluster's kubeconfig/);
  }, 60_000);

  it('--kubeconfig-out and infra-credentials --out refuse a symlink before anything is created', async () => {
    const { target } = trap('kc-link');
    const cc = await env.cli(['create-cluster', 'kv-01', '--pull-secret', ps, '--kubeconfig-out', 'kc-link', '--force']);
    expect(cc.code).toBe(2);
    expect(cc.stderr).toMatch(/--kubeconfig-out kc-link is a symbolic link/);
    const infra = trap('infra-link');
    const ic = await env.cli(['infra-credentials', '--namespace', 'kv-infra', '--out', 'infra-link', '--force']);
    expect(ic.code).toBe(2);
    expect(ic.stderr).toMatch(/--out infra-link is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(readFileSync(infra.target, 'utf8')).toBe('precious');
    expect(lstatSync(p('kc-link')).isSymbolicLink()).toBe(true);
  }, 60_000);
});
