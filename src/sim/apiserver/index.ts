// The embedded Kubernetes API server: HTTPS on 127.0.0.1 with its own CA, bearer tokens, and the semantics
// of kube-apiserver that hcp-kv and kubectl rely on. Shares no code with the CLI.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { servingCerts, type ServingCerts } from './certs.js';
import { mount } from './hub.js';
import { type Endpoint, httpsListener } from './listener.js';
import { DataDir, type Snapshot } from './persist.js';
import { type SeedObject, SimApi, type Stats } from './server.js';
import type { Obj } from './merge.js';

export interface ApiServerOptions {
  port?: number;
  seed?: number;
  faults?: string;
  historySize?: number;
  crdsDir?: string;
  /** CRDs in its store from the start, as an etcd that holds them already (a hosted cluster's, installed by its CVO). */
  crds?: Obj[];
  /**
   * Objects in its store from the start, as their creator's requests would have left them (SimApi.seed: the same
   * admission; managedFields of manager 'unknown', as the simulated operators' client names none): what a hosted
   * cluster's control plane installs. Ignored with snapshot or dataDir (a restored store holds them already).
   */
  objects?: readonly SeedObject[];
  name?: string;
  /** Delay between creating a CRD and it being Established (and in discovery). */
  establishDelayMs?: number;
  /** false: serve only what a plain kube-apiserver serves (no config.openshift.io, routes, packagemanifests). */
  openshiftApis?: boolean;
  /** Keep the store, CA and serving certificate, tokens and port here across restarts (sim --data-dir). */
  dataDir?: string;
  /** The Kubernetes version /version reports (x.y.z; default that of discovery.ts KUBE_VERSION). */
  kubeVersion?: string;
  /**
   * Served under a path of the process's shared listener (hub.ts), not on a port of its own: a hosted cluster's
   * API server (perf). Ignored with dataDir or port.
   */
  shared?: boolean;
  /** Start from this store (a restored etcd volume: controllers/volumes.ts); ignored with dataDir. */
  snapshot?: Snapshot;
}

export type SimStats = Stats;
export type { SeedObject };

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
  // Served at once: the etcd holds them Established already.
  for (const crd of o.crds ?? []) api.registerCrdNow(crd, true);
  if (o.objects?.length && !data && !o.snapshot) {
    try {
      await api.seed(o.objects);
    } catch (e) {
      api.close();
      throw e;
    }
  }
  if (o.crdsDir) {
    for (const f of readdirSync(o.crdsDir)
      .filter((x) => x.endsWith('.yaml') || x.endsWith('.yml'))
      .sort()) {
      for (const doc of loadAll(readFileSync(join(o.crdsDir, f), 'utf8'))) {
        if ((doc as Obj)?.kind === 'CustomResourceDefinition') api.registerCrdNow(doc as Obj);
      }
    }
  }
  const endpoint = o.shared && !data && !o.port ? await mount(certs, (req, res) => api.handle(req, res)) : await ownListener(certs, api, o.port || data?.port(), !o.port && Boolean(data));
  data?.savePort(endpoint.port);
  const url = endpoint.url;
  const caData = Buffer.from(certs.caPem).toString('base64');
  LOCAL_SERVERS.set(url, () => kubeconfig({ token: tokens.system }));
  const name = o.name ?? 'hcp-kv-sim';
  // The text depends only on the server's fixed URL, CA and tokens: made once per user and token (perf: the
  // hypershift operator asks for a hosted cluster's admin kubeconfig on every pass, ~1 s of YAML at 1,000).
  const made = new Map<string, string>();
  const kubeconfig = (k: { readOnly?: boolean; token?: string } = {}) => {
    const key = `${Boolean(k.readOnly)} ${k.token ?? ''}`;
    const hit = made.get(key);
    if (hit !== undefined) return hit;
    const user = k.readOnly ? `${name}-readonly` : `${name}-admin`;
    const text = dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name, cluster: { server: url, 'certificate-authority-data': caData } }],
      users: [{ name: user, user: { token: k.token ?? (k.readOnly ? tokens.readOnly : tokens.admin) } }],
      contexts: [{ name, context: { cluster: name, user, namespace: 'default' } }],
      'current-context': name,
      preferences: {},
    });
    made.set(key, text);
    return text;
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
    down: async () => {
      saver?.flush();
      await endpoint.down();
    },
    up: () => endpoint.up(),
    close: async () => {
      saver?.flush();
      api.close();
      LOCAL_SERVERS.delete(url);
      await endpoint.close();
    },
  };
}

/** A listener of its own; `retry`: a remembered port that may be taken now (then any free one). */
async function ownListener(certs: ServingCerts, api: SimApi, port: number | undefined, retry: boolean): Promise<Endpoint> {
  const listener = httpsListener(certs, (req, res) => void api.handle(req, res));
  const bound = retry && port ? await listener.listen(port).catch(() => listener.listen(0)) : await listener.listen(port ?? 0);
  return {
    url: `https://127.0.0.1:${bound}`,
    port: bound,
    down: () => listener.close(),
    up: async () => void (await listener.listen(bound)),
    close: () => listener.close(),
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
