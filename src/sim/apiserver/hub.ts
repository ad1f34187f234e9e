// One HTTPS listener for the API servers of every hosted cluster in this process, each under a path of its own
// (https://127.0.0.1:PORT/clusters/ID, as a proxy in front of kube-apiservers serves them; clients put the
// kubeconfig's server path before every request path). Per hosted cluster, a listener of its own meant a TLS
// context and, for each client, TLS connections of its own: ~0.2 MiB of TLS state per connection, most of a
// hosted cluster's memory. Over one listener the simulated operators reach every hosted cluster through one
// HTTP/2 connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { ServingCerts } from './certs.js';
import { type Endpoint, httpsListener, type Listener } from './listener.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

interface Mounted {
  handle: Handler;
  /** Down (a restart of this API server): its requests fail as on a closed port, its open streams end. */
  down: boolean;
  open: Set<ServerResponse>;
}

const PREFIX = '/clusters/';

let hub: { listener: Listener; port: number; mounts: Map<string, Mounted> } | undefined;
let starting: Promise<NonNullable<typeof hub>> | undefined;

/** Ends a request as a dropped connection would (an HTTP/2 stream alone: its connection serves the others). */
function reset(req: IncomingMessage): void {
  const stream = (req as unknown as { stream?: { close(code: number): void } }).stream;
  if (stream) stream.close(2 /* NGHTTP2_INTERNAL_ERROR */);
  else req.socket.destroy();
}

function route(mounts: Map<string, Mounted>, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const end = url.indexOf('/', PREFIX.length);
  const id = url.startsWith(PREFIX) ? url.slice(PREFIX.length, end < 0 ? undefined : end).split('?')[0]! : '';
  const m = mounts.get(id);
  if (!m || m.down) return reset(req);
  req.url = end < 0 ? `/${url.slice(PREFIX.length + id.length)}` : url.slice(end);
  m.open.add(res);
  res.once('close', () => m.open.delete(res));
  void m.handle(req, res);
}

async function theHub(certs: ServingCerts): Promise<NonNullable<typeof hub>> {
  if (hub) return hub;
  starting ??= (async () => {
    const mounts = new Map<string, Mounted>();
    const listener = httpsListener(certs, (req, res) => route(mounts, req, res));
    const port = await listener.listen(0);
    hub = { listener, port, mounts };
    return hub;
  })();
  return starting;
}

/** Serves `handle` under a new path of the shared listener; the listener closes with its last API server. */
export async function mount(certs: ServingCerts, handle: Handler): Promise<Endpoint> {
  const h = await theHub(certs);
  const id = randomBytes(6).toString('hex');
  const m: Mounted = { handle, down: false, open: new Set() };
  h.mounts.set(id, m);
  const endStreams = () => {
    for (const res of m.open) if (!res.writableEnded) res.end();
  };
  return {
    url: `https://127.0.0.1:${h.port}${PREFIX}${id}`,
    port: h.port,
    down: async () => {
      m.down = true;
      endStreams();
    },
    up: async () => {
      m.down = false;
    },
    close: async () => {
      endStreams();
      h.mounts.delete(id);
      if (h.mounts.size || hub !== h) return;
      hub = undefined;
      starting = undefined;
      await h.listener.close();
    },
  };
}
