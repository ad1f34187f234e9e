// Watch streams: the initial state (or the history since a resourceVersion, 410 Expired when compacted), then
// live events, bookmarks when asked, and the end on timeoutSeconds or an injected close.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { storedObjectJson } from './http.js';
import type { Obj } from './merge.js';
import { gpOf } from './registry.js';
import { apiVersionOf } from './resources.js';
import { encodeWatchFrame, prefersProtobuf, PROTOBUF, typeFor } from './protobuf.js';
import { selectorsOf, type Target } from './routing.js';
import { filteredType, type Store } from './store.js';

export interface WatchContext {
  store: Store;
  /** Open watch responses, ended when the server closes. */
  open: Set<ServerResponse>;
  /** Close the stream after this long (an injected fault); 0: never. */
  closeAfterMs: number;
  present(o: Obj): Obj;
}

/** The last JSON event line: one event fanned out to every watcher of its resource is serialized once (perf). */
let last: { obj: Obj; type: string; version: string; rv: unknown; line: string } | undefined;
function jsonLine(type: string, obj: Obj, version: string, present: (o: Obj) => Obj): string {
  const rv = obj.metadata?.resourceVersion;
  if (last && last.obj === obj && last.type === type && last.version === version && last.rv === rv) return last.line;
  const object = present(obj);
  // Byte for byte JSON.stringify({ type, object }); the stored object's text is kept for the write's response.
  const text = object === obj ? storedObjectJson(obj) : JSON.stringify(object);
  const line = `{"type":${JSON.stringify(type)},"object":${text}}\n`;
  last = { obj, type, version, rv, line };
  return line;
}

const BOOKMARK_EVERY_MS = 60_000;

export function serveWatch(ctx: WatchContext, req: IncomingMessage, res: ServerResponse, t: Target, url: URL): void {
  const { store } = ctx;
  const { labels, fields } = selectorsOf(url);
  const gp = gpOf(t.res);
  const namespace = t.res.namespaced ? t.namespace : undefined;
  const fieldsWithName = t.name ? (o: Obj) => fields(o) && o.metadata?.name === t.name : fields;
  // Protobuf streams are length-prefixed WatchEvent frames; JSON streams one event per line.
  const protobuf = prefersProtobuf(req.headers.accept) && Boolean(typeFor(apiVersionOf(t.res), t.res.kind));
  // HTTP/2 forbids connection headers (its streams are framed anyway).
  const chunked: Record<string, string> = req.httpVersionMajor >= 2 ? {} : { 'Transfer-Encoding': 'chunked' };
  res.writeHead(200, { 'Content-Type': protobuf ? `${PROTOBUF};stream=watch` : 'application/json', ...chunked, 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  const version = apiVersionOf(t.res);
  const write = (type: string, obj: Obj) => {
    if (res.writableEnded) return;
    if (!protobuf && type !== 'ERROR') return void res.write(jsonLine(type, obj, version, ctx.present));
    const object = type === 'ERROR' ? obj : ctx.present(obj);
    res.write(protobuf ? encodeWatchFrame(type, object)! : `${JSON.stringify({ type, object })}\n`);
  };
  const rvParam = url.searchParams.get('resourceVersion');
  if (rvParam && rvParam !== '0') {
    const rv = Number(rvParam);
    const events = Number.isFinite(rv) ? store.since(gp, rv) : undefined;
    if (!events) {
      write('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${rvParam} (${store.oldestRv + 1})`, reason: 'Expired', code: 410 });
      res.end();
      return;
    }
    for (const e of events) {
      if (namespace && e.obj.metadata.namespace !== namespace) continue;
      const seen = filteredType(e.type, e.obj, e.prev, (o) => fieldsWithName(o) && labels(o.metadata.labels));
      if (seen) write(seen, e.obj);
    }
  } else {
    for (const o of store.list(gp, namespace)) if (fieldsWithName(o) && labels(o.metadata.labels)) write('ADDED', o);
  }
  const remove = store.addWatcher({ gp, namespace, labels, fields: fieldsWithName, send: (type, obj) => write(type, obj) });
  ctx.open.add(res);
  const timers: NodeJS.Timeout[] = [];
  const end = () => {
    remove();
    ctx.open.delete(res);
    timers.forEach(clearTimeout);
    clearInterval(bookmarks);
    if (!res.writableEnded) res.end();
  };
  const timeout = Number(url.searchParams.get('timeoutSeconds') ?? 0);
  if (timeout > 0) timers.push(setTimeout(end, timeout * 1000));
  if (ctx.closeAfterMs > 0) timers.push(setTimeout(end, ctx.closeAfterMs));
  // Once a minute, to the watches that ask for them, as kube-apiserver's watch cache does (kubernetes/kubernetes
  // staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go@v1.32.0 defaultBookmarkFrequency; perf: every 5 s,
  // the bookmarks of a thousand hosted clusters' watches were ~200 writes a second).
  const bookmarks =
    url.searchParams.get('allowWatchBookmarks') === 'true'
      ? setInterval(() => write('BOOKMARK', { kind: t.res.kind, apiVersion: apiVersionOf(t.res), metadata: { resourceVersion: String(store.resourceVersion) } }), BOOKMARK_EVERY_MS)
      : undefined;
  req.on('close', end);
  res.on('close', end);
}
