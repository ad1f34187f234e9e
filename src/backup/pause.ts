// Pausing a hosted cluster around a backup, as the OpenShift docs' OADP procedure asks ("Backing up a hosted
// cluster": set spec.pausedUntil on the HostedCluster and its NodePools to "true" first, remove it after) and as
// HyperShift reads the field (support/util/pausereconcile.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf). What was
// already paused before the command is left paused.
import type { Kube, KubeObject, ObjectRef } from '../kube/types.js';

const HS = 'hypershift.openshift.io/v1beta1';

type Pausable = KubeObject & { spec?: { pausedUntil?: string; clusterName?: string } };

export interface Paused {
  ref: ObjectRef;
  /** Its value before the command; undefined: it was not paused. */
  previous?: string;
}

export async function clusterObjects(kube: Kube, name: string, namespace: string, signal?: AbortSignal): Promise<{ hc?: Pausable; pools: Pausable[] }> {
  const hc = await kube.get<Pausable>({ apiVersion: HS, kind: 'HostedCluster', name, namespace }, { signal });
  const pools = (await kube.list<Pausable>(HS, 'NodePool', { namespace, signal })).filter((np) => np.spec?.clusterName === name);
  return { hc, pools };
}

const refOf = (o: Pausable): ObjectRef => ({ apiVersion: HS, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });

/** Sets pausedUntil "true" on the HostedCluster, then its NodePools; returns what it changed. */
export async function pauseCluster(kube: Kube, hc: Pausable, pools: Pausable[], signal: AbortSignal, done: (p: Paused) => void): Promise<number> {
  let n = 0;
  for (const o of [hc, ...pools]) {
    if (o.spec?.pausedUntil === 'true') continue;
    await kube.patch(refOf(o), { spec: { pausedUntil: 'true' } }, 'merge', { signal });
    done({ ref: refOf(o), previous: o.spec?.pausedUntil });
    n++;
  }
  return n;
}

/** Puts back pausedUntil as it was (removed when it was unset). */
export async function resumePaused(kube: Kube, paused: Paused[], signal: AbortSignal): Promise<number> {
  for (const p of paused)
    await kube.patch(p.ref, { spec: { pausedUntil: p.previous ?? null } }, 'merge', { signal }).catch((e: unknown) => {
      if ((e as { code?: number }).code !== 404 && (e as { cause?: { code?: number } }).cause?.code !== 404) throw e;
    });
  return paused.length;
}
