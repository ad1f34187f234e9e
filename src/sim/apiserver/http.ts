// Reading request bodies and writing responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { load } from 'js-yaml';
import { ApiError } from './errors.js';
import type { Obj } from './merge.js';

export function json(res: ServerResponse, code: number, body: unknown, headers?: Record<string, string>): void {
  const data = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

export function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain' });
  res.end(body);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function parseBody(req: IncomingMessage): Promise<Obj> {
  const raw = (await readBody(req)).toString('utf8');
  try {
    const type = req.headers['content-type'] ?? '';
    return (type.includes('yaml') ? load(raw) : JSON.parse(raw)) as Obj;
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding body: ${(e as Error).message}`);
  }
}
