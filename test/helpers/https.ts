// Raw HTTPS requests to the embedded API server, trusting its CA (what any Kubernetes client does).
import { request, Agent } from 'node:https';

export interface Target {
  url: string;
  token: string;
  caData: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

const agents = new Map<string, Agent>();
function agentFor(t: Target): Agent {
  let a = agents.get(t.caData);
  if (!a) {
    a = new Agent({ ca: Buffer.from(t.caData, 'base64').toString('utf8'), keepAlive: false });
    agents.set(t.caData, a);
  }
  return a;
}

export function call(t: Target, method: string, path: string, body?: unknown, o: { contentType?: string; token?: string | null } = {}): Promise<Reply> {
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = o.token === undefined ? t.token : o.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (data !== undefined) {
      headers['Content-Type'] = o.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(data));
    }
    const req = request(`${t.url}${path}`, { method, headers, agent: agentFor(t) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Opens a watch and collects its events until `close()` or the server ends the stream. */
export function watch(t: Target, path: string): { events: any[]; ended: Promise<void>; close(): void; waitFor(pred: (events: any[]) => boolean, ms?: number): Promise<void> } {
  const events: any[] = [];
  const listeners = new Set<() => void>();
  let close = () => {};
  const ended = new Promise<void>((resolve, reject) => {
    const req = request(`${t.url}${path}`, { headers: { Authorization: `Bearer ${t.token}` }, agent: agentFor(t) }, (res) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) events.push(JSON.parse(line));
          listeners.forEach((l) => l());
        }
      });
      res.on('end', () => resolve());
      res.on('close', () => resolve());
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
    req.end();
    close = () => req.destroy();
  });
  const waitFor = (pred: (events: any[]) => boolean, ms = 5000) =>
    new Promise<void>((resolve, reject) => {
      if (pred(events)) return resolve();
      const timer = setTimeout(() => reject(new Error(`watch condition not met in ${ms} ms; events: ${JSON.stringify(events.map((e) => [e.type, e.object?.metadata?.name, e.object?.metadata?.resourceVersion]))}`)), ms);
      const l = () => {
        if (pred(events)) {
          clearTimeout(timer);
          listeners.delete(l);
          resolve();
        }
      };
      listeners.add(l);
    });
  return { events, ended, close: () => close(), waitFor };
}
