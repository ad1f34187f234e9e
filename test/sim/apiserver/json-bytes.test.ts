import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { json, storedObjectJson } from '../../../src/sim/apiserver/http.js';

/** What json() writes: the headers and the body. */
function capture(): { res: ServerResponse; out: { code?: number; headers?: Record<string, unknown>; body?: string } } {
  const out: { code?: number; headers?: Record<string, unknown>; body?: string } = {};
  const res = {
    writeHead(code: number, headers: Record<string, unknown>) {
      out.code = code;
      out.headers = headers;
    },
    end(data: Buffer | string) {
      out.body = Buffer.from(data).toString('utf8');
    },
  } as unknown as ServerResponse;
  return { res, out };
}

describe('the JSON of stored objects, serialized once for the watch events and the response', () => {
  const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ü-x', resourceVersion: '7' }, data: { k: 'välue "quoted"\n' } };

  it('is JSON.stringify, and the response carries the same bytes with their length', () => {
    const text = storedObjectJson(obj);
    expect(text).toBe(JSON.stringify(obj));
    const { res, out } = capture();
    json(res, 200, obj, { 'X-Extra': '1' });
    expect(out.body).toBe(JSON.stringify(obj));
    expect(out.headers).toEqual({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(JSON.stringify(obj)), 'X-Extra': '1' });
  });

  it('is not reused for an object whose resourceVersion changed', () => {
    const o = { metadata: { resourceVersion: '1' }, v: 1 };
    storedObjectJson(o);
    o.metadata.resourceVersion = '2';
    const { res, out } = capture();
    json(res, 200, o);
    expect(out.body).toBe(JSON.stringify(o));
  });

  it('serializes bodies it never saw, and non-objects, as JSON.stringify does', () => {
    for (const body of [{ kind: 'Status', code: 404 }, 'text', 3, null, [1, { a: undefined }]]) {
      const { res, out } = capture();
      json(res, 201, body);
      expect(out.body).toBe(JSON.stringify(body));
      expect(out.code).toBe(201);
    }
  });
});
