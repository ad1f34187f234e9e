// Density: create N hosted clusters in batches, time each one (created → HC Available → NodePool Ready →
// version Completed) with the connection's shared watches, and report percentiles. It touches only what it
// created: every name carries the run's id, every object is created with POST (create-only; an existing one
// fails that cluster, never changed), and cleanup deletes exactly the objects this run created.
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { conditionCheck, gone } from '../kube/conditions.js';
import type { Check, Kube, KubeObject, ObjectRef } from '../kube/types.js';
import { defaultClusterSpec } from '../config/cluster.js';
import { clusterManifests, withInfraLabel } from '../manifests/hypershift.js';
import { hcRef, npRef, randomInfraSuffix, versionCompleted } from '../steps/cluster/hosted-cluster.js';

/** Every object of a density run carries its run id, so a listing finds exactly what the run created. */
export const DENSITY_RUN_LABEL = 'hcp-kv.io/density-run';
/** A random value per created object: a retried POST that meets 409 recognises its own first attempt by it. */
export const DENSITY_NONCE = 'hcp-kv.io/density-nonce';

export interface DensityOptions {
  count: number;
  batchSize: number;
  delayBetweenBatchMs: number;
  concurrency: number;
  cleanup: boolean;
  namespace: string;
  releaseImage: string;
  replicas: number;
  pullSecret: string;
  timeoutMs: number;
  /** Part of every name and the value of DENSITY_RUN_LABEL. */
  runId: string;
  signal?: AbortSignal;
  progress?: (line: string) => void;
}

export interface ClusterTimers {
  name: string;
  startMs: number; // since the run started
  createdMs?: number; // creates done, relative to the cluster's own start
  availableMs?: number;
  nodePoolReadyMs?: number;
  completedMs?: number;
  error?: string;
  /** The HostedCluster's newest condition when the cluster finished (or the last state a wait saw). */
  lastCondition?: string;
  /** What this run created for the cluster, in creation order. */
  created: ObjectRef[];
  cleaned?: boolean;
}

export type Stage = 'available' | 'nodePoolReady' | 'completed';
export type Percentiles = { p50: number; p90: number; p99: number };

export interface DensityReport {
  runId: string;
  namespace: string;
  count: number;
  succeeded: number;
  wallMs: number;
  interrupted: boolean;
  percentiles: Record<Stage, Percentiles>;
  clusters: ClusterTimers[];
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A run id: five characters of [a-z0-9], valid inside a DNS-1123 label. */
export const newRunId = (): string => randomInfraSuffix();

export const densityName = (runId: string, index: number) => `density-${runId}-${String(index).padStart(4, '0')}`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        r();
      },
      { once: true },
    );
  });

const refOf = (o: KubeObject): ObjectRef => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });

/** The cluster's objects (secrets, HostedCluster, NodePool; not the shared Namespace), labelled with the run. */
export function densityObjects(name: string, o: Pick<DensityOptions, 'namespace' | 'releaseImage' | 'replicas' | 'pullSecret' | 'runId'>): KubeObject[] {
  const spec = defaultClusterSpec(name, o.namespace, `${name}-${randomInfraSuffix()}`, o.releaseImage, o.replicas);
  const objects = withInfraLabel(clusterManifests(spec, { pullSecret: o.pullSecret, etcdEncryptionKey: randomBytes(32).toString('base64') }).slice(1), spec.infraID);
  return objects.map((obj) => ({ ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata.labels, [DENSITY_RUN_LABEL]: o.runId }, annotations: { ...obj.metadata.annotations, [DENSITY_NONCE]: randomBytes(8).toString('hex') } } }));
}

/** "Type=Status Reason: message" of the newest condition. */
export function newestCondition(obj: KubeObject | undefined): string | undefined {
  const conds = ((obj as { status?: { conditions?: Array<Record<string, string>> } } | undefined)?.status?.conditions ?? []).filter((c) => c.type);
  const c = [...conds].sort((a, b) => String(b.lastTransitionTime ?? '').localeCompare(String(a.lastTransitionTime ?? '')))[0];
  return c ? `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}` : undefined;
}

/** Deletes what the run created for one cluster (NodePool, HostedCluster, then its secrets); with `wait`, until gone. */
export async function cleanCluster(kube: Kube, t: ClusterTimers, o: { timeoutMs: number; wait: boolean; signal?: AbortSignal }): Promise<void> {
  const order = [...t.created].sort((a, b) => rank(a) - rank(b));
  for (const ref of order) await kube.delete(ref, { signal: o.signal });
  if (o.wait) for (const ref of order.filter((r) => r.kind !== 'Secret')) await kube.waitFor(ref, gone, { timeout: o.timeoutMs, signal: o.signal });
  t.cleaned = true;
}
const rank = (r: ObjectRef) => (({ NodePool: 0, HostedCluster: 1 }) as Record<string, number>)[r.kind] ?? 2;

async function runOne(kube: Kube, o: DensityOptions, t: ClusterTimers, index: number): Promise<void> {
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  const wait = { timeout: o.timeoutMs, signal: o.signal };
  for (const obj of densityObjects(t.name, o)) {
    // The cluster's index as priority: an earlier cluster's remaining creates go out first (src/kube/rate.ts).
    const r = await kube.create(obj, { signal: o.signal, priority: index });
    // A 409 for an object carrying this very create's nonce is our own POST, retried after a lost answer.
    const ours = r.object?.metadata?.annotations?.[DENSITY_NONCE] === obj.metadata.annotations?.[DENSITY_NONCE];
    if (!r.created && !ours) throw new Error(`${obj.kind} ${o.namespace}/${obj.metadata.name} already exists; density creates only new objects and left it unchanged`);
    t.created.push(refOf(obj));
  }
  t.createdMs = since();
  const ref = { name: t.name, namespace: o.namespace };
  const watching =
    (check: (obj: KubeObject | undefined) => Check) =>
    (obj: KubeObject | undefined): Check => {
      const c = check(obj);
      t.lastCondition = ('done' in c && !c.done ? c.reason : undefined) ?? newestCondition(obj) ?? t.lastCondition;
      return c;
    };
  await kube.waitFor(hcRef(ref), watching(conditionCheck('Available')), wait);
  t.availableMs = since();
  await kube.waitFor(npRef(ref), conditionCheck('Ready'), wait);
  t.nodePoolReadyMs = since();
  const hc = await kube.waitFor(hcRef(ref), watching(versionCompleted), wait);
  t.completedMs = since();
  t.lastCondition = newestCondition(hc) ?? t.lastCondition;
  o.progress?.(`${t.name} completed in ${(t.completedMs / 1000).toFixed(1)}s`);
  if (o.cleanup) await cleanCluster(kube, t, { timeoutMs: o.timeoutMs, wait: true, signal: o.signal });
}

/**
 * Batches as hcp-burner's install_scheduler (cloud-bulldozer/hcp-burner libs/utils.py@046c45cb4a611c8a4ba21992f1affb6b664dc53c):
 * with --delay-between-batch, start --batch-size clusters, wait the delay, start the next batch; without a delay,
 * --batch-size caps how many clusters are in flight. A Ctrl-C starts no further cluster.
 */
export async function runDensity(kube: Kube, o: DensityOptions): Promise<DensityReport> {
  const limit = pLimit(o.delayBetweenBatchMs ? o.concurrency : Math.min(o.concurrency, o.batchSize));
  const started = performance.now();
  const clusters: ClusterTimers[] = [];
  // The namespace may exist (it is shared, never changed): create-only, and an existing one is used as it is.
  await kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.namespace } }, { signal: o.signal });
  const one = async (index: number): Promise<void> => {
    const t: ClusterTimers = { name: densityName(o.runId, index), startMs: Math.round(performance.now() - started), created: [] };
    if (o.signal?.aborted) return; // interrupted before this cluster started: nothing to record
    clusters.push(t);
    try {
      await runOne(kube, o, t, index);
    } catch (e) {
      t.error = (e as Error).message;
      o.progress?.(`${t.name} failed: ${t.error}`);
      // A failed cluster's objects go too with --cleanup (not after Ctrl-C: the interrupt path deletes them).
      if (o.cleanup && t.created.length && !t.cleaned && !o.signal?.aborted) await cleanCluster(kube, t, { timeoutMs: o.timeoutMs, wait: false }).catch(() => undefined);
    }
  };
  const all: Array<Promise<void>> = [];
  for (let b = 0; b * o.batchSize < o.count && !o.signal?.aborted; b++) {
    if (b > 0 && o.delayBetweenBatchMs) await sleep(o.delayBetweenBatchMs, o.signal);
    if (o.signal?.aborted) break;
    for (let i = b * o.batchSize; i < Math.min(o.count, (b + 1) * o.batchSize); i++) all.push(limit(() => one(i)));
  }
  await Promise.all(all);
  const ok = clusters.filter((c) => c.completedMs !== undefined);
  const pct = (k: 'availableMs' | 'nodePoolReadyMs' | 'completedMs') => {
    const v = ok.map((c) => c[k]!);
    return { p50: percentile(v, 50), p90: percentile(v, 90), p99: percentile(v, 99) };
  };
  clusters.sort((a, b) => a.name.localeCompare(b.name));
  return {
    runId: o.runId,
    namespace: o.namespace,
    count: o.count,
    succeeded: ok.length,
    wallMs: Math.round(performance.now() - started),
    interrupted: Boolean(o.signal?.aborted),
    percentiles: { available: pct('availableMs'), nodePoolReady: pct('nodePoolReadyMs'), completed: pct('completedMs') },
    clusters,
  };
}

/** What is left of a run in its namespace: HostedClusters, NodePools and Secrets carrying its run label. */
export async function leftovers(kube: Kube, namespace: string, runId: string): Promise<string[]> {
  const labelSelector = `${DENSITY_RUN_LABEL}=${runId}`;
  const out: string[] = [];
  for (const [apiVersion, kind] of [
    ['hypershift.openshift.io/v1beta1', 'HostedCluster'],
    ['hypershift.openshift.io/v1beta1', 'NodePool'],
    ['v1', 'Secret'],
  ] as const) {
    for (const o of await kube.list(apiVersion, kind, { namespace, labelSelector })) out.push(`${kind} ${namespace}/${o.metadata.name}`);
  }
  return out;
}
