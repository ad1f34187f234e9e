// The embedded Kubernetes API server: HTTPS on 127.0.0.1 with its own CA, bearer tokens, and the semantics
// of kube-apiserver that hcp-kv and kubectl rely on. Shares no code with the CLI.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:https';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dump, loadAll } from 'js-yaml';
import { servingCerts } from './certs.js';
import { DataDir, type Snapshot } from './persist.js';
import { SimApi, type Stats } from './server.js';
import type { Obj } from './merge.js';

export interface ApiServerOptions {
  port?: number;
  seed?: number;
  faults?: string;
  historySize?: number;
  crdsDir?: string;
  name?: string;
  /** Delay between creating a CRD and it being Established (and in discovery). */
  establishDelayMs?: number;
  /** false: serve only what a plain kube-apiserver serves (no config.openshift.io, routes, packagemanifests). */
  openshiftApis?: boolean;
  /** Keep the store, CA and serving certificate, tokens and port here across restarts (sim --data-dir). */
  dataDir?: string;
  /** The Kubernetes version /version reports (x.y.z; default that of discovery.ts KUBE_VERSION). */
  kubeVersion?: string;
  /** Start from this store (a restored etcd volume: controllers/volumes.ts); ignored with dataDir. */
  snapshot?: Snapshot;
}

export type SimStats = Stats;

export interface ApiServer {
  readonly url: string;
  readonly token: string;
  readonly readOnlyToken: string;
  readonly systemToken: string;
  readonly caData: string;
  kubeconfig(o?: { readOnly?: boolean; token?: string }): string;
  writeKubeconfig(path: string, o?: { readOnly?: boolean; token?: string }): Promise<void>;
  stats(): SimStats;
  resetStats(): void;
  setFaults(spec: string): void;
  /** How long CRDs created from now on take to become Established. */
  setCrdEstablishDelay(ms: number): void;
  /** Forget watch history so older resourceVersions get 410 Expired. */
  compact(): void;
  /** Stop listening and drop every connection (an API-server restart begins); the stored objects stay. */
  down(): Promise<void>;
  /** Listen again on the same port (the restart ends). */
  up(): Promise<void>;
  close(): Promise<void>;
  /** The stored objects now (what a snapshot of the etcd volume holds). */
  storeSnapshot(): Snapshot;
}

/**
 * The API servers running in this process, by URL, with their system kubeconfig: a simulated infrastructure
 * cluster's own controllers (KubeVirt, kube-scheduler) act there with their own privileges, not a tenant's.
 */
export const LOCAL_SERVERS = new Map<string, () => string>();

function token(): string {
  return randomBytes(24).toString('base64url');
}

export async function startApiServer(o: ApiServerOptions = {}): Promise<ApiServer> {
  const data = o.dataDir ? new DataDir(o.dataDir) : undefined;
  const certs = data ? data.certs(servingCerts) : servingCerts();
  const newTokens = () => ({ admin: token(), readOnly: token(), system: token() });
  const tokens = data ? data.tokens(newTokens) : newTokens();
  const api = new SimApi(tokens, {
    seed: o.seed ?? 1,
    faults: o.faults,
    historySize: o.historySize ?? 5000,
    establishDelayMs: o.establishDelayMs ?? 100,
    openshiftApis: o.openshiftApis ?? true,
    snapshot: data ? data.snapshot() : o.snapshot,
    kubeVersion: o.kubeVersion,
  });
  const saver = data ? snapshotSaver(data, api) : undefined;
  if (o.crdsDir) {
    for (const f of readdirSync(o.crdsDir)
      .filter((x) => x.endsWith('.yaml') || x.endsWith('.yml'))
      .sort()) {
      for (const doc of loadAll(readFileSync(join(o.crdsDir, f), 'utf8'))) {
        if ((doc as Obj)?.kind === 'CustomResourceDefinition') api.registerCrdNow(doc as Obj);
      }
    }
  }
  const server = createServer({ key: certs.keyPem, cert: certs.certPem, keepAlive: true }, (req, res) => {
    void api.handle(req, res);
  });
  // With --data-dir and no --port, the previous port again (old kubeconfigs keep working), else any free one.
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const previous = !o.port ? data?.port() : undefined;
  if (previous) await listen(previous).catch(() => listen(0));
  else await listen(o.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  data?.savePort(port);
  const url = `https://127.0.0.1:${port}`;
  const caData = Buffer.from(certs.caPem).toString('base64');
  LOCAL_SERVERS.set(url, () => kubeconfig({ token: tokens.system }));
  server.once('close', () => LOCAL_SERVERS.delete(url));
  const name = o.name ?? 'hcp-kv-sim';
  const kubeconfig = (k: { readOnly?: boolean; token?: string } = {}) => {
    const user = k.readOnly ? `${name}-readonly` : `${name}-admin`;
    return dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name, cluster: { server: url, 'certificate-authority-data': caData } }],
      users: [{ name: user, user: { token: k.token ?? (k.readOnly ? tokens.readOnly : tokens.admin) } }],
      contexts: [{ name, context: { cluster: name, user, namespace: 'default' } }],
      'current-context': name,
      preferences: {},
    });
  };
  // With the CRDs of --crds DIR established at once, discovery is complete before the first request.
  if (o.crdsDir) await new Promise((r) => setTimeout(r, (o.establishDelayMs ?? 100) + 20));
  return {
    url,
    token: tokens.admin,
    readOnlyToken: tokens.readOnly,
    systemToken: tokens.system,
    caData,
    kubeconfig,
    async writeKubeconfig(path, k) {
      await writeFile(path, kubeconfig(k), { mode: 0o600 });
      await chmod(path, 0o600);
    },
    stats: () => api.getStats(),
    resetStats: () => api.resetStats(),
    setFaults: (spec) => api.faults.set(spec),
    setCrdEstablishDelay: (ms) => {
      api.crds.establishDelayMs = ms;
    },
    compact: () => api.store.compact(),
    storeSnapshot: () => api.store.snapshot(),
    down: () =>
      new Promise<void>((resolve) => {
        saver?.flush();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    up: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        saver?.flush();
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Saves the store shortly after changes (batched) and on flush (stop, down). */
function snapshotSaver(data: DataDir, api: SimApi): { flush(): void } {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    data.saveSnapshot(api.store.snapshot());
  };
  api.store.onChange = () => {
    if (timer) return;
    timer = setTimeout(flush, 200);
    timer.unref();
  };
  flush();
  return { flush };
}
