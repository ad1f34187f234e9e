// Kubeconfigs hcp-kv must refuse before it sends anything: every command that talks to the management cluster
// exits 3 with one line and a hint, no stack trace, and the server sees zero requests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { POOL } from '../helpers/sim-env.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-badkc-'));
let server: Server;
let requests = 0;
let url = '';

beforeAll(async () => {
  // A plain-HTTP "API server" that would answer anything: a request reaching it is the failure being tested.
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.on('connection', () => requests++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function kubeconfig(name: string, cluster: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: plain
  cluster:
${cluster}
users:
- name: admin
  user:
    token: sha256~not-a-real-token
contexts:
- name: plain
  context: {cluster: plain, user: admin}
current-context: plain
`,
  );
  return file;
}

const PS = () => {
  const file = join(dir, 'ps.json');
  writeFileSync(file, '{"auths":{"quay.io":{"auth":"eDp5"}}}');
  return file;
};

type Case = [name: string, cluster: () => string, args: () => string[]];
const plain = () => `    server: ${url}`;
const plainSkipVerify = () => `    server: ${url}/\n    insecure-skip-tls-verify: true`;
const plainUpper = () => `    server: ${url.replace('http:', 'HTTP:')}`;

const cases: Case[] = [
  ['plain HTTP, list', plain, () => ['list']],
  ['plain HTTP, status', plain, () => ['status', 'kv-00']],
  ['plain HTTP, doctor', plain, () => ['doctor']],
  ['plain HTTP, bootstrap', plain, () => ['bootstrap', '--metallb-addresses', POOL]],
  ['plain HTTP, bootstrap --dry-run=server', plain, () => ['bootstrap', '--metallb-addresses', POOL, '--dry-run=server']],
  ['plain HTTP, create-cluster', plain, () => ['create-cluster', 'kv-00', '--pull-secret', PS(), '--release', '4.12.3']],
  ['plain HTTP, create-kubeconfig', plain, () => ['create-kubeconfig', 'kv-00']],
  ['plain HTTP, destroy-cluster', plain, () => ['destroy-cluster', 'kv-00', '--yes']],
  ['plain HTTP with insecure-skip-tls-verify (would send the token in clear text)', plainSkipVerify, () => ['list']],
  ['plain HTTP in upper case', plainUpper, () => ['list']],
];

describe('kubeconfigs refused before any request', () => {
  it.each(cases)('%s', async (name, cluster, args) => {
    requests = 0;
    const file = kubeconfig(`${name.replace(/\W+/g, '-')}.kubeconfig`, cluster());
    const r = await runCli(['--kubeconfig', file, '--progress', 'plain', ...args()], { cwd: dir });
    expect(r.code, r.stderr).toBe(3);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(/^Error: the kubeconfig's server http:\/\/127\.0\.0\.1:\d+ \(context plain\) uses plain HTTP; hcp-kv only talks TLS$/i);
    expect(r.stderr).toMatch(/^Hint: use the https:\/\/ address of the API server/m);
    expect(r.stderr).not.toMatch(/HTTP protocol is not allowed/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.stdout).toBe('');
    expect(requests).toBe(0);
  });

  it('still reaches a server over plain HTTP when one is listening (so the zero above means something)', async () => {
    requests = 0;
    await fetch(`${url}/version`);
    expect(requests).toBeGreaterThan(0);
  });
});
