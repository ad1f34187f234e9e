// The HTTPS listener of the embedded API servers: HTTP/2 (the simulated operators multiplex every request and
// watch on one connection, as client-go does) and HTTP/1.1 (the CLI, kubectl); the compatibility API gives both
// the same request and response objects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ServingCerts } from './certs.js';

/** HTTP/2 flow-control windows: large, so that a list or a burst of watch events never waits for a window update on loopback. */
const WINDOW = 16 * 2 ** 20;

/** Where an API server is reached, and its restart (down, up) and end. */
export interface Endpoint {
  url: string;
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export interface Listener {
  server: Http2SecureServer;
  /** Listens on 127.0.0.1:port (0: any free port); resolves with the port. */
  listen(port: number): Promise<number>;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
  closeAllConnections(): void;
}

export function httpsListener(certs: ServingCerts, handle: (req: IncomingMessage, res: ServerResponse) => void): Listener {
  // maxSessionMemory (MB): one connection carries the requests and watches of every hosted cluster's operators.
  const server = createSecureServer({ key: certs.keyPem, cert: certs.certPem, allowHTTP1: true, maxSessionMemory: 1024, settings: { initialWindowSize: WINDOW, maxConcurrentStreams: 2 ** 31 - 1 } }, (req, res) =>
    handle(req as unknown as IncomingMessage, res as unknown as ServerResponse),
  );
  server.on('session', (session) => session.on('connect', () => session.setLocalWindowSize(WINDOW)));
  const connections = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  const closeAllConnections = () => {
    for (const socket of connections) socket.destroy();
  };
  return {
    server,
    closeAllConnections,
    listen: (port) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        closeAllConnections();
      }),
  };
}
