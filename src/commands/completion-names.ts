// Names for shell completion, read from the cluster at TAB: `hcp-kv __complete clusters|nodepools`. Bounded by
// a short deadline so a slow or unreachable API server costs the shell at most that long; any failure offers
// nothing (a completion must never print an error into the command line being typed).
import { io } from '../run/io.js';
import type { Globals } from './common.js';
import type { CompleteNamesFlags } from './completion.js';

/** How long TAB may wait for the API server; HCP_KV_COMPLETION_TIMEOUT_MS changes it (a slow link, tests). */
export function completionTimeoutMs(env: NodeJS.ProcessEnv = io().env): number {
  const ms = Number(env.HCP_KV_COMPLETION_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 2000;
}

export async function completeNames(kind: string, f: CompleteNamesFlags, g: Globals): Promise<void> {
  if (kind !== 'clusters' && kind !== 'nodepools') return;
  const COMPLETION_TIMEOUT_MS = completionTimeoutMs();
  const signal = AbortSignal.timeout(COMPLETION_TIMEOUT_MS);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), COMPLETION_TIMEOUT_MS)));
  const names = (async (): Promise<string[]> => {
    const { connectKube } = await import('./common.js');
    const { HS_API } = await import('../manifests/nodepool.js');
    const { isNodePoolOf } = await import('../model/hosted-cluster.js');
    const kube = await connectKube({ ...g, requestTimeout: `${COMPLETION_TIMEOUT_MS}ms`, reconnectWindow: '0' }, signal);
    try {
      const items = await kube.list(HS_API, kind === 'clusters' ? 'HostedCluster' : 'NodePool', { namespace: f.namespace ?? 'clusters', signal });
      return items.filter((o) => kind === 'clusters' || !f.clusterName || isNodePoolOf(f.clusterName)(o)).map((o) => o.metadata.name);
    } finally {
      kube.close();
    }
  })().catch(() => []);
  const found = await Promise.race([names, deadline]);
  clearTimeout(timer);
  if (found.length) io().stdout.write(`${found.sort().join('\n')}\n`);
}
