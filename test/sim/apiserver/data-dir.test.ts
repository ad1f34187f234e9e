// `hcp-kv sim --data-dir DIR`: an API-server restart keeps the objects, the CA, the tokens and the port.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../../src/sim/apiserver/index.js';
import { CLI } from '../../helpers/cli.js';
import { call } from '../../helpers/https.js';

const CM = '/api/v1/namespaces/default/configmaps';

/** Starts `hcp-kv sim` and resolves once it says where it serves; stop() sends SIGINT and waits for the exit. */
function sim(args: string[]): Promise<{ stop(): Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'sim', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += d;
      if (/press Ctrl-C to stop/.test(err)) resolve({ stop: () => new Promise((r) => (child.kill('SIGINT'), child.once('exit', (code) => r(code)))), stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`sim exited ${code}: ${err}`)));
  });
}

describe('sim --data-dir', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'hcp-kv-datadir-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps objects, CRDs, CA, tokens and port across an API-server restart', async () => {
    const dir = tmp();
    const first = await startApiServer({ dataDir: dir, establishDelayMs: 5 });
    const created = await call(first, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } });
    expect(created.status).toBe(201);
    await call(first, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'things.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'things', singular: 'thing', kind: 'Thing' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    for (let i = 0; i < 200 && (await call(first, 'GET', '/apis/example.com/v1')).status !== 200; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await call(first, 'POST', '/apis/example.com/v1/namespaces/default/things', { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't1' } })).status).toBe(201);
    const before = { url: first.url, token: first.token, caData: first.caData };
    await first.close();
    expect(statSync(join(dir, 'tls.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'tokens.json')).mode & 0o777).toBe(0o600);

    const second = await startApiServer({ dataDir: dir, establishDelayMs: 5 });
    try {
      expect(second.caData).toBe(before.caData);
      expect(second.token).toBe(before.token);
      expect(second.url).toBe(before.url);
      // The old client (its URL, CA and token) works against the restarted server.
      const got = await call(before, 'GET', `${CM}/kept`);
      expect(got.status).toBe(200);
      expect(got.body.metadata.uid).toBe(created.body.metadata.uid);
      expect(got.body.data).toEqual({ a: '1' });
      expect((await call(before, 'GET', '/apis/example.com/v1/namespaces/default/things/t1')).status).toBe(200);
      // New writes continue after the restored resourceVersion.
      const next = await call(before, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } });
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(Number(created.body.metadata.resourceVersion));
    } finally {
      await second.close();
    }
  });

  it('hcp-kv sim --data-dir: an object created before a restart is there after it, with the same CA and token', async () => {
    const dir = tmp();
    const kc = join(dir, 'kubeconfig');
    const args = ['--no-controllers', '--data-dir', join(dir, 'data'), '--kubeconfig-out', kc];
    const one = await sim(args);
    const cfg = load(readFileSync(kc, 'utf8')) as any;
    const target = { url: cfg.clusters[0].cluster.server, caData: cfg.clusters[0].cluster['certificate-authority-data'], token: cfg.users[0].user.token };
    expect((await call(target, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'survivor' }, data: { k: 'v' } })).status).toBe(201);
    expect(await one.stop()).toBe(0); // sim stops cleanly on Ctrl-C (exit 0, 'stopped')
    const two = await sim(args);
    try {
      const again = await call(target, 'GET', `${CM}/survivor`);
      expect(again.status, two.stderr()).toBe(200);
      expect(again.body.data).toEqual({ k: 'v' });
    } finally {
      await two.stop();
    }
  }, 60_000);
});
