// A server that accepts TCP connections and never answers (not even the TLS handshake): what a wedged API
// server or a black-holing proxy looks like to a client.
import { createServer, type Socket } from 'node:net';

export interface HungServer {
  url: string;
  /** Resolves at the next connection accepted (a client is now waiting on this server). */
  nextConnection(): Promise<void>;
  close(): Promise<void>;
}

export async function startHungServer(): Promise<HungServer> {
  const sockets = new Set<Socket>();
  const waiting: Array<() => void> = [];
  const server = createServer((s) => {
    sockets.add(s);
    for (const w of waiting.splice(0)) w();
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `https://127.0.0.1:${(server.address() as { port: number }).port}`,
    nextConnection: () => new Promise<void>((r) => waiting.push(r)),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
