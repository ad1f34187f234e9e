// Nothing from the cluster runs on this machine (issue 17.1): the hosted cluster's admin kubeconfig Secret and
// the infrastructure kubeconfig Secret are rewritten with an `exec` credential plugin that would create a file;
// status, nodepool scale and dump --dump-guest-cluster refuse it, say why, and the file never appears.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HS_API } from '../../src/manifests/hypershift.js';
import { create, get, mergePatch } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The real admin kubeconfig with its user's credentials replaced by an exec plugin that writes `marker`. */
function hostile(realText: string, marker: string): string {
  const doc = load(realText) as { users: Array<{ name: string; user: Record<string, unknown> }> };
  for (const u of doc.users)
    u.user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: '/bin/sh',
        args: ['-c', `id > ${marker}; echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x"}}'`],
        interactiveMode: 'Never',
      },
    };
  return dump(doc);
}

describe('a cluster-supplied kubeconfig with an exec plugin', () => {
  let env: SimEnv;
  let marker: string;
  beforeAll(async () => {
    env = await simEnv({ timeScale: 0.5 });
    marker = join(env.dir, 'plugin-ran');
    const ps = join(env.dir, 'ps.json');
    writeFileSync(ps, JSON.stringify({ auths: { 'quay.io': { auth: b64('u:p') } } }));
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
    const r = await env.cli(['create-cluster', 'kv-00', '--replicas', '1', '--release', '4.12.3', '--pull-secret', ps]);
    expect(r.code, r.stderr).toBe(0);
    const secret = await get(env.sim.api, 'v1', 'secrets', 'kv-00-admin-kubeconfig', 'clusters');
    const text = hostile(Buffer.from(secret.data.kubeconfig, 'base64').toString('utf8'), marker);
    await mergePatch(env.sim.api, 'v1', 'secrets', 'kv-00-admin-kubeconfig', 'clusters', { data: { kubeconfig: b64(text) } });
  }, 90_000);
  afterAll(async () => {
    await env.stop();
  });

  const REFUSED = /refused the kubeconfig in Secret clusters\/kv-00-admin-kubeconfig \(key kubeconfig, the admin kubeconfig of HostedCluster clusters\/kv-00\): user "[^"]+" has "exec", which runs a command on this machine/;

  it('status reports the refusal instead of the guest nodes', async () => {
    const text = await env.cli(['status', 'kv-00']);
    expect(text.stdout + text.stderr).toMatch(REFUSED);
    const json = await env.cli(['status', 'kv-00', '-o', 'json']);
    const doc = JSON.parse(json.stdout);
    expect(doc.guestError).toMatch(REFUSED);
    expect(doc.nodes).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it('nodepool scale fails at the guest check, naming the Secret', async () => {
    const r = await env.cli(['nodepool', 'scale', 'kv-00', '--replicas', '1', '--timeout', '2m']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(REFUSED);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it('dump --dump-guest-cluster skips the guest, saying why', async () => {
    const r = await env.cli(['dump', 'kv-00', '--dump-guest-cluster', '--archive', 'kv-00.tar.gz']);
    expect(r.stdout + r.stderr).toMatch(REFUSED);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it('status refuses an infrastructure kubeconfig Secret with an exec plugin', async () => {
    const infra = dump({
      apiVersion: 'v1',
      clusters: [{ name: 'infra', cluster: { server: env.sim.api.url, 'certificate-authority-data': b64('x') } }],
      users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'touch', args: [marker] } } }],
      contexts: [{ name: 'infra', context: { cluster: 'infra', user: 'u' } }],
      'current-context': 'infra',
    });
    await create(env.sim.api, 'v1', 'secrets', { kind: 'Secret', metadata: { name: 'evil-infra', namespace: 'clusters' }, data: { kubeconfig: b64(infra) } });
    await mergePatch(env.sim.api, HS_API, 'hostedclusters', 'kv-00', 'clusters', { spec: { platform: { kubevirt: { credentials: { infraKubeConfigSecret: { name: 'evil-infra', key: 'kubeconfig' }, infraNamespace: 'vms' } } } } });
    const r = await env.cli(['status', 'kv-00']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/refused the kubeconfig in Secret clusters\/evil-infra \(key kubeconfig, the infrastructure kubeconfig of HostedCluster clusters\/kv-00\): user "u" has "exec"/);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);
});
