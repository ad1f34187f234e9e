// A kubeconfig read from a cluster Secret is data: only inline credentials and an inline CA are taken from it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { HcpError } from '../../src/errors.js';
import { connectWithClusterKubeconfig, parseClusterKubeconfig } from '../../src/kube/cluster-kubeconfig.js';

const SOURCE = 'Secret clusters/kv-00-admin-kubeconfig (key kubeconfig)';
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-ckc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(user: Record<string, unknown>, cluster: Record<string, unknown> = { server: 'https://api.kv-00.example:6443', 'certificate-authority-data': CA }): string {
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'admin', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'admin', namespace: 'default' } }],
    'current-context': 'ctx',
  });
}

const refused = (text: string): HcpError => {
  try {
    parseClusterKubeconfig({ text, source: SOURCE });
  } catch (e) {
    expect(e).toBeInstanceOf(HcpError);
    return e as HcpError;
  }
  throw new Error('the kubeconfig was accepted');
};

describe('parseClusterKubeconfig', () => {
  it('accepts inline client certificate and key with an inline CA, and a token', () => {
    const cert = parseClusterKubeconfig({ text: kubeconfig({ 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' }), source: SOURCE });
    expect(cert).toEqual({
      context: 'ctx',
      namespace: 'default',
      cluster: { name: 'c', server: 'https://api.kv-00.example:6443', caData: CA, skipTLSVerify: false, tlsServerName: undefined },
      user: { name: 'admin', certData: 'Y2VydA==', keyData: 'a2V5', token: undefined },
    });
    const token = parseClusterKubeconfig({ text: kubeconfig({ token: 'sha256~abc' }), source: SOURCE });
    expect(token.user.token).toBe('sha256~abc');
    const insecure = parseClusterKubeconfig({ text: kubeconfig({ token: 't' }, { server: 'https://10.0.0.1:6443', 'insecure-skip-tls-verify': true }), source: SOURCE });
    expect(insecure.cluster.skipTLSVerify).toBe(true);
  });

  it('refuses exec, auth-provider, tokenFile and file references, naming the Secret and the field', () => {
    const marker = join(dir, 'ran');
    const cases: Array<[Record<string, unknown>, Record<string, unknown> | undefined, RegExp]> = [
      [{ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'touch', args: [marker] } }, undefined, /user "admin" has "exec", which runs a command on this machine/],
      [{ 'auth-provider': { name: 'gcp', config: { 'cmd-path': 'touch', 'cmd-args': marker } } }, undefined, /"auth-provider", which runs a command/],
      [{ 'auth-provider': { name: 'x', config: { tokenFile: '/etc/shadow' } } }, undefined, /"auth-provider"/],
      [{ tokenFile: '/var/run/secrets/token' }, undefined, /"tokenFile", which reads a file on this machine/],
      [{ 'client-certificate': '/etc/pki/c.crt', 'client-key-data': 'a2V5' }, undefined, /"client-certificate", which reads a file/],
      [{ 'client-certificate-data': 'Y2VydA==', 'client-key': '/etc/pki/c.key' }, undefined, /"client-key", which reads a file/],
      [{ token: 't' }, { server: 'https://a:6443', 'certificate-authority': '/etc/ca.crt' }, /cluster "c" has "certificate-authority", which reads a file/],
      [{ token: 't' }, { server: 'https://a:6443', 'certificate-authority-data': CA, 'proxy-url': 'http://evil:3128' }, /"proxy-url"/],
      [{ token: 't', as: 'system:admin' }, undefined, /"as", which is not supported/],
      [{ token: 't' }, { server: 'http://a:8080', 'certificate-authority-data': CA }, /not an https:\/\/ address/],
      [{ token: 't' }, { server: 'https://a:6443' }, /no certificate-authority-data/],
      [{}, undefined, /has no credentials/],
      [{ 'client-certificate-data': 'Y2VydA==' }, undefined, /client-certificate-data without client-key-data/],
    ];
    for (const [user, cluster, why] of cases) {
      const e = refused(kubeconfig(user, cluster));
      expect(e.message).toContain(`refused the kubeconfig in ${SOURCE}`);
      expect(e.message).toMatch(why);
      expect(e.hint).toMatch(/nothing in it was run or read/);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a plugin in a user the current context does not use, and a context naming a missing user', () => {
    const doc = {
      clusters: [{ name: 'c', cluster: { server: 'https://a:6443', 'certificate-authority-data': CA } }],
      users: [
        { name: 'admin', user: { token: 't' } },
        { name: 'other', user: { exec: { command: 'sh' } } },
      ],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'admin' } }],
      'current-context': 'ctx',
    };
    expect(refused(dump(doc)).message).toMatch(/user "other" has "exec"/);
    expect(refused(dump({ ...doc, users: [doc.users[0]], contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'nobody' } }] })).message).toMatch(/names user "nobody", which it does not define/);
    expect(refused('{{{').message).toMatch(/not valid YAML/);
  });

  it('connectWithClusterKubeconfig builds the client in memory and never runs an exec section', async () => {
    const marker = join(dir, 'connect-ran');
    const text = kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'touch', args: [marker] } });
    await expect(connectWithClusterKubeconfig({ text, source: SOURCE })).rejects.toThrow(/refused the kubeconfig in Secret clusters\/kv-00-admin-kubeconfig.*"exec"/);
    expect(existsSync(marker)).toBe(false);
    const kube = await connectWithClusterKubeconfig({ text: kubeconfig({ token: 'abc' }), source: SOURCE }, { limits: { requestTimeoutMs: 1234 } });
    try {
      expect(kube.server).toBe('https://api.kv-00.example:6443');
      expect(kube.http.requestTimeoutMs).toBe(1234);
    } finally {
      kube.close();
    }
  });
});
