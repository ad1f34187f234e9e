// Reading request bodies (JSON, YAML, protobuf) and writing responses in the encoding the client asked for.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { load } from 'js-yaml';
import { ApiError } from './errors.js';
import type { Obj } from './merge.js';
import { decodeObject, encodeObject, isProtobuf, prefersProtobuf, PROTOBUF } from './protobuf.js';

/**
 * The JSON of stored objects just sent to watchers, by object (perf: a write's response is the object its
 * watch events carried; it is serialized once). Stored objects are never changed in place; the
 * resourceVersion is compared all the same.
 */
const recent = new Map<object, { rv: unknown; text: string }>();
const RECENT_MAX = 64;

function cachedJson(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const hit = recent.get(body);
  return hit && hit.rv === (body as Obj).metadata?.resourceVersion ? hit.text : undefined;
}

/** JSON.stringify of a stored object, kept for the response that may follow its watch events. */
export function storedObjectJson(obj: Obj): string {
  const hit = cachedJson(obj);
  if (hit !== undefined) return hit;
  const text = JSON.stringify(obj);
  recent.set(obj, { rv: obj.metadata?.resourceVersion, text });
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return text;
}

export function json(res: ServerResponse, code: number, body: unknown, headers?: Record<string, string>): void {
  const data = cachedJson(body) ?? JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

/** An API object (or list) in protobuf when the client prefers it and the kind has a message, else JSON. */
export function respond(req: IncomingMessage, res: ServerResponse, code: number, body: Obj): void {
  const data = prefersProtobuf(req.headers.accept) ? encodeObject(body) : undefined;
  if (!data) return json(res, code, body);
  res.writeHead(code, { 'Content-Type': PROTOBUF, 'Content-Length': data.length });
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
  return decodeBody(req, await readBody(req));
}

/** A request body in its Content-Type: protobuf (kubectl's built-in kinds), YAML or JSON. */
export function decodeBody(req: IncomingMessage, body: Buffer): Obj {
  const type = req.headers['content-type'] ?? '';
  try {
    if (isProtobuf(type)) return decodeObject(body);
    const raw = body.toString('utf8');
    return (type.includes('yaml') ? load(raw) : JSON.parse(raw)) as Obj;
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding body: ${(e as Error).message}`);
  }
}
