// Not a step: create-cluster on a cluster that already exists means resume, never change. Its release is kept
// (a different one is refused before any write, naming the `hcp-kv upgrade` command and its rules); objects
// that exist are left as they are and reported ("already exists, unchanged", or what differs and which command
// changes it); only what is missing is created.
import { readFile } from 'node:fs/promises';
import { releaseOf } from '../../config/release.js';
import { checkUpgradeTarget } from '../../config/upgrade-rules.js';
import { isHcpError, usageError } from '../../errors.js';
import { describeObject, type KubeObject } from '../../kube/types.js';
import type { HostedCluster } from '../../model/index.js';
import { canonical, covers } from '../../manifests/immutable.js';
import { nodePoolDifferences } from '../nodepool/context.js';
import type { ClusterContext, ResolvedRelease } from './context.js';
import { adminKubeconfig } from './hosted-cluster.js';

/** The HostedCluster create-cluster finds (src/model). */
export type LiveHostedCluster = HostedCluster;

/** The live cluster's release: its spec.release.image and the version of that image. */
export function liveRelease(hc: LiveHostedCluster): { image: string; version?: string } {
  const image = hc.spec?.release?.image ?? '';
  const v = hc.status?.version;
  const version = v?.history?.find((h) => h.image === image)?.version ?? (v?.desired?.image === image ? v.desired.version : undefined) ?? releaseOf(image);
  return { image, version };
}

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');

/** Before the release is resolved: no release given (or only its minor, which the cluster runs) means the
 * cluster's own, returned; undefined when the request names another. */
export function adoptLiveRelease(ctx: ClusterContext, hc: LiveHostedCluster): ResolvedRelease | undefined {
  const live = liveRelease(hc);
  const req = ctx.opts.release.request;
  if (!live.image || !(req.kind === 'newest' || (req.kind === 'minor' && live.version && minorOf(live.version) === req.minor))) return undefined;
  ctx.report(`release ${live.version ?? live.image}: the existing cluster's (create-cluster keeps it)`);
  return { image: live.image, ...(live.version ? { version: live.version } : {}) };
}

/** After it is resolved: a release other than the live one is refused (exit 2), with the upgrade command; the
 * same version from another image keeps the live image (returned). */
export function refuseReleaseChange(ctx: ClusterContext, hc: LiveHostedCluster, resolved: ResolvedRelease, supported: string[] | undefined): ResolvedRelease {
  const o = ctx.opts;
  const live = liveRelease(hc);
  const wanted = resolved.version ?? releaseOf(resolved.image);
  if (!live.image || resolved.image === live.image) return resolved;
  if (wanted && live.version && wanted === live.version) {
    ctx.report(`release ${wanted}: the cluster runs it from ${live.image}; create-cluster keeps that image`);
    return { ...resolved, image: live.image };
  }
  const ns = o.namespace === 'clusters' ? '' : ` --namespace ${o.namespace}`;
  const target = o.release.request.kind === 'image' || !wanted ? `--release-image ${resolved.image}` : `--release ${wanted}`;
  let rules = 'upgrade moves forward only, one minor version at a time unless --force, to a release this HyperShift operator supports';
  if (wanted && live.version) {
    try {
      checkUpgradeTarget({ current: live.version, target: wanted, supported, force: false });
      rules += `; it accepts ${live.version} → ${wanted}`;
    } catch (e) {
      rules += `; it refuses ${live.version} → ${wanted}: ${isHcpError(e) ? `${e.message}${e.hint ? ` (${e.hint})` : ''}` : String(e)}`;
    }
  }
  throw usageError(
    `HostedCluster ${o.namespace}/${o.name} exists with release ${live.version ?? '?'} (${live.image}); this run asks for ${wanted ?? resolved.image}: create-cluster does not change an existing cluster's release, nothing was changed`,
    `to change it: \`hcp-kv upgrade ${o.name}${ns} ${target}\` (${rules}); to resume the cluster as it is, run create-cluster without --release or with --release ${live.version ?? live.image}`,
  );
}

/** What create-cluster says about an object that exists (it never writes it). */
export function describeExisting(live: KubeObject, desired: KubeObject): string {
  const what = describeObject(live);
  if (live.kind === 'NodePool') {
    const diff = nodePoolDifferences(live, desired);
    if (!diff.length) return `${what} already exists, unchanged`;
    const replicas = (live.spec as { replicas?: number } | undefined)?.replicas;
    return `${what} exists with ${replicas ?? '?'} replicas; create-cluster does not change it (differs: ${diff.join('; ')}) — use \`hcp-kv nodepool scale ${live.metadata.name} --replicas N\` for its size`;
  }
  const body = (o: KubeObject) => (o.kind === 'Secret' || o.kind === 'ConfigMap' ? (o as { data?: unknown }).data : o.kind === 'Namespace' ? {} : o.spec);
  // What the API server defaulted (the real CRDs default many fields) is not a difference: only what was asked for.
  return covers(body(live), body(desired)) ? `${what} already exists, unchanged` : `${what} exists with other content; create-cluster does not change it`;
}

/** The kubeconfig file may stay when it is this cluster's admin kubeconfig already (a retried run): then it is
 * rewritten only when the content changes. Otherwise an existing file needs --force. */
export async function kubeconfigFileState(ctx: ClusterContext, exists: boolean): Promise<'absent' | 'same' | 'different'> {
  const o = ctx.opts;
  let file: string;
  try {
    file = await readFile(o.kubeconfigOut, 'utf8');
  } catch {
    return 'absent';
  }
  if (!exists) return 'different';
  const current = await adminKubeconfig(ctx.kube, o).catch(() => undefined);
  return current !== undefined && current === file ? 'same' : 'different';
}
