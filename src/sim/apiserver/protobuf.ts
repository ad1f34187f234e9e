// Kubernetes' protobuf wire format (application/vnd.kubernetes.protobuf) for the built-in kinds: the 4-byte
// magic "k8s\0", then a runtime.Unknown whose typeMeta names apiVersion/kind and whose raw is the object's
// message; watch streams are 4-byte big-endian length-prefixed meta.v1.WatchEvent messages (no magic).
import protobuf from 'protobufjs';
import type { Root, Type } from 'protobufjs';
import type { Obj } from './merge.js';
import { PROTO_SOURCES } from './proto/sources.js';
import { fromJson, toJson } from './protobuf-json.js';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"
const META_PKG = 'k8s.io.apimachinery.pkg.apis.meta.v1';

let root: Root | undefined;

/** Parses the embedded .proto files once, on the first protobuf request (~0.5 s). */
function types(): Root {
  if (!root) {
    const r = new protobuf.Root();
    for (const src of PROTO_SOURCES) protobuf.parse(src, r, { keepCase: true });
    r.resolveAll();
    root = r;
  }
  return root;
}

function lookup(name: string): Type | undefined {
  const t = types().lookup(name);
  return t && 'fieldsArray' in t ? (t as Type) : undefined;
}

/** The message type of a built-in kind, or undefined (custom resources, kinds without protobuf). */
export function typeFor(apiVersion: string, kind: string): Type | undefined {
  if (!apiVersion || !kind || kind === 'Table') return undefined;
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  if (group === '' || group === 'meta.k8s.io') {
    const t = group === '' ? lookup(`k8s.io.api.core.${version}.${kind}`) : undefined;
    return t ?? (version === 'v1' ? lookup(`${META_PKG}.${kind}`) : undefined);
  }
  // Built-in groups are single words (apps, batch) or <name>.k8s.io; anything else is a custom resource.
  if (group.includes('.') && !group.endsWith('.k8s.io')) return undefined;
  return lookup(`k8s.io.api.${group.replace(/\.k8s\.io$/, '')}.${version}.${kind}`);
}

export class ProtobufError extends Error {}

/** An object from a protobuf body (magic + runtime.Unknown), as JSON with apiVersion and kind. */
export function decodeObject(buf: Uint8Array): Obj {
  if (buf.length < 4 || !MAGIC.equals(Buffer.from(buf.subarray(0, 4)))) throw new ProtobufError('the body does not start with the protobuf magic "k8s\\x00"');
  const unknown = lookup('k8s.io.apimachinery.pkg.runtime.Unknown')!.decode(buf.subarray(4)) as unknown as Obj;
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  const type = typeFor(apiVersion, kind);
  if (!type) throw new ProtobufError(`no kind "${kind}" is registered for version "${apiVersion}" in protobuf`);
  const msg = type.decode(unknown.raw ?? new Uint8Array()) as unknown as Obj;
  return { apiVersion, kind, ...toJson(type, msg, embedded) };
}

/** RawExtensions may carry protobuf-encoded objects; JSON ones are left to the caller. */
function embedded(raw: Uint8Array): Obj | undefined {
  return raw.length >= 4 && MAGIC.equals(Buffer.from(raw.subarray(0, 4))) ? decodeObject(raw) : undefined;
}

/** An object as a protobuf body, or undefined when its kind has no protobuf message here. */
export function encodeObject(obj: Obj): Buffer | undefined {
  const type = typeFor(obj?.apiVersion ?? '', obj?.kind ?? '');
  if (!type) return undefined;
  const raw = type.encode(fromJson(type, obj)).finish();
  const unknown = lookup('k8s.io.apimachinery.pkg.runtime.Unknown')!
    .encode({ typeMeta: { apiVersion: obj.apiVersion, kind: obj.kind }, raw, contentEncoding: '', contentType: '' })
    .finish();
  return Buffer.concat([MAGIC, unknown]);
}

/** One frame of a protobuf watch stream, or undefined when the object has no protobuf message. */
export function encodeWatchFrame(type: string, obj: Obj): Buffer | undefined {
  const object = encodeObject(obj);
  if (!object) return undefined;
  const event = lookup(`${META_PKG}.WatchEvent`)!
    .encode({ type, object: { raw: object } })
    .finish();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(event.length);
  return Buffer.concat([len, event]);
}

/** A protobuf watch frame back to {type, object} (tests, and any client written against the sim). */
export function decodeWatchFrame(frame: Uint8Array): { type: string; object: Obj } {
  const ev = lookup(`${META_PKG}.WatchEvent`)!.decode(frame) as unknown as Obj;
  return { type: ev.type, object: decodeObject(ev.object?.raw ?? new Uint8Array()) };
}

/**
 * Whether the Accept header prefers protobuf: the first media type the server can produce decides. Tables and
 * other `as=` conversions are not served, so those entries are skipped.
 */
export function prefersProtobuf(accept: string | undefined): boolean {
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (!type || params.some((p) => p.startsWith('as='))) continue;
    if (type === PROTOBUF) return true;
    if (['application/json', 'application/yaml', '*/*', 'application/*'].includes(type)) return false;
  }
  return false;
}

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim() === PROTOBUF;
}
