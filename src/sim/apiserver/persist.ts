// `sim --data-dir DIR`: the store, the CA and serving certificate, the tokens and the port survive a restart,
// so an API-server restart can be rehearsed (etcd keeps the data; the server keeps its PKI and tokens).
// Files are written atomically (temporary file, then rename) and the secret ones with mode 0600.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServingCerts } from './certs.js';
import type { Obj } from './merge.js';

export interface Snapshot {
  resourceVersion: number;
  objects: Array<{ gp: string; obj: Obj }>;
}

export interface SavedTokens {
  admin: string;
  readOnly: string;
  system: string;
}

function writeAtomic(path: string, data: string, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, path);
}

function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}; remove it or pass another --data-dir`);
  }
}

export class DataDir {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  certs(make: () => ServingCerts): ServingCerts {
    const [ca, cert, key] = ['ca.crt', 'tls.crt', 'tls.key'].map((f) => join(this.dir, f));
    if (existsSync(ca!) && existsSync(cert!) && existsSync(key!)) return { caPem: readFileSync(ca!, 'utf8'), certPem: readFileSync(cert!, 'utf8'), keyPem: readFileSync(key!, 'utf8') };
    const made = make();
    writeAtomic(ca!, made.caPem, 0o644);
    writeAtomic(cert!, made.certPem, 0o644);
    writeAtomic(key!, made.keyPem);
    return made;
  }

  tokens(make: () => SavedTokens): SavedTokens {
    const path = join(this.dir, 'tokens.json');
    const saved = readJson<SavedTokens>(path);
    if (saved?.admin && saved.readOnly && saved.system) return saved;
    const made = make();
    writeAtomic(path, JSON.stringify(made));
    return made;
  }

  port(): number | undefined {
    return readJson<{ port: number }>(join(this.dir, 'server.json'))?.port;
  }

  savePort(port: number): void {
    writeAtomic(join(this.dir, 'server.json'), JSON.stringify({ port }), 0o644);
  }

  snapshot(): Snapshot | undefined {
    return readJson<Snapshot>(join(this.dir, 'store.json'));
  }

  saveSnapshot(s: Snapshot): void {
    writeAtomic(join(this.dir, 'store.json'), JSON.stringify(s));
  }
}
