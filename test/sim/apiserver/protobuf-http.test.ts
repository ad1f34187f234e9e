// The embedded API server over HTTP with protobuf bodies: what a client asks for in Accept decides the answer's
// encoding (protobuf for built-in kinds, JSON for custom resources and errors), and protobuf watches are frames.
import { request, Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../src/sim/apiserver/index.js';
import { decodeObject, decodeWatchFrame, encodeObject } from '../../../src/sim/apiserver/protobuf.js';
import { call } from '../../helpers/https.js';

const PB = 'application/vnd.kubernetes.protobuf';

describe('protobuf over HTTP', () => {
  let api: ApiServer;
  let agent: Agent;
  const raw = (method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; type: string; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const req = request(`${api.url}${path}`, { method, agent, headers: { Authorization: `Bearer ${api.token}`, ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    api = await startApiServer();
    agent = new Agent({ ca: Buffer.from(api.caData, 'base64').toString('utf8') });
  });
  afterAll(async () => {
    agent.destroy();
    await api.close();
  });

  it('creates from a protobuf body and answers in protobuf when asked first', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pb' }, data: { k: 'v' } };
    const r = await raw('POST', '/api/v1/namespaces/default/configmaps', { 'Content-Type': PB, Accept: `${PB}, application/json` }, encodeObject(cm));
    expect(r.status).toBe(201);
    expect(r.type).toBe(PB);
    const created = decodeObject(r.body);
    expect(created).toMatchObject({ ...cm, metadata: { name: 'pb', namespace: 'default' } });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const list = await raw('GET', '/api/v1/namespaces/default/configmaps', { Accept: `${PB}, application/json` });
    expect(decodeObject(list.body)).toMatchObject({ kind: 'ConfigMapList', items: [expect.objectContaining({ data: { k: 'v' } })] });
    const asJson = await raw('GET', '/api/v1/namespaces/default/configmaps/pb', { Accept: `application/json, ${PB}` });
    expect(asJson.type).toBe('application/json');
    expect(JSON.parse(asJson.body.toString()).data).toEqual({ k: 'v' });
  });

  it('answers errors and kinds without a message in JSON', async () => {
    const missing = await raw('GET', '/api/v1/namespaces/default/secrets/none', { Accept: `${PB}, application/json` });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).reason).toBe('NotFound');
    const crds = await raw('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { Accept: `${PB}, application/json` });
    expect(crds.type).toBe('application/json');
    const garbage = await raw('POST', '/api/v1/namespaces/default/configmaps', { 'Content-Type': PB }, Buffer.from('{"kind":"ConfigMap"}'));
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body.toString()).message).toMatch(/error decoding body: .*magic/);
  });

  it('streams a watch as length-prefixed WatchEvent frames', async () => {
    const frames: Array<{ type: string; object: any }> = [];
    let buf = Buffer.alloc(0);
    let ended: () => void = () => {};
    const done = new Promise<void>((r) => (ended = r));
    const req = request(`${api.url}/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=2`, { agent, headers: { Authorization: `Bearer ${api.token}`, Accept: `${PB};stream=watch, application/json` } }, (res) => {
      expect(res.headers['content-type']).toBe(`${PB};stream=watch`);
      res.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
          const n = buf.readUInt32BE(0);
          frames.push(decodeWatchFrame(buf.subarray(4, 4 + n)));
          buf = buf.subarray(4 + n);
        }
      });
      res.on('end', () => ended());
    });
    req.end();
    await new Promise((r) => setTimeout(r, 200));
    await call(api, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later' }, data: { a: 'b' } });
    await done;
    expect(frames.map((f) => [f.type, f.object.metadata.name])).toEqual([
      ['ADDED', 'pb'],
      ['ADDED', 'later'],
    ]);
    expect(frames[1]!.object.data).toEqual({ a: 'b' });
  });
});
