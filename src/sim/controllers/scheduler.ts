// kube-scheduler's filter and score, as far as the simulated operators need it: a pod (a virt-launcher or a
// hosted control-plane pod) fits a Node whose labels match its nodeSelector, whose NoSchedule/NoExecute taints
// it tolerates, and whose allocatable CPU and memory minus what is already placed there cover its requests.
// Among those, nodes with a preferred label win, then the one with the most free memory. When none fits, the
// message is the scheduler's FailedScheduling text ("0/6 nodes are available: ...").
import { SimApiError, type Obj, type SimClient } from './client.js';
import { bytes, millicores, placementCache, placementStats } from './placement.js';

export interface Request {
  memory: number; // bytes
  cpu: number; // millicores
  /** Extended resources (host devices such as GPUs): name → count. */
  extended?: Record<string, number>;
}

export interface PodShape {
  /** This pod or VMI, left out of the node usage (it is being placed). */
  self?: { namespace: string; name: string };
  nodeSelector?: Record<string, string>;
  tolerations?: Obj[];
  request: Request;
  /** Preferred node affinity: label → value (HyperShift's control-plane preference). */
  prefer?: Record<string, string>;
}

export { bytes, millicores } from './placement.js';

/** A node's NoSchedule/NoExecute taints; a master-only node without listed taints has the master taint. */
function taintsOf(n: Obj): Obj[] {
  const listed: Obj[] = n.spec?.taints ?? [];
  const labels = n.metadata.labels ?? {};
  if (!listed.length && 'node-role.kubernetes.io/master' in labels && !('node-role.kubernetes.io/worker' in labels)) return [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }];
  return listed.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
}

function tolerated(tolerations: Obj[], t: Obj): boolean {
  return tolerations.some((x) => (!x.effect || x.effect === t.effect) && (x.operator === 'Exists' ? !x.key || x.key === t.key : x.key === t.key && (x.value ?? '') === (t.value ?? '')));
}

export async function schedule(c: SimClient, pod: PodShape): Promise<{ node?: string; message?: string }> {
  // The scheduler's cache (placement.ts), not a list of every pod: a placement costs O(nodes), not O(pods).
  const cache = await placementCache(c);
  const nodes = [...cache.nodes.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const reasons = new Map<string, number>();
  const count = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  let best: { name: string; preferred: boolean; free: number } | undefined;
  for (const n of nodes) {
    const labels = n.metadata.labels ?? {};
    const untolerated = taintsOf(n).find((t) => !tolerated(pod.tolerations ?? [], t));
    if (untolerated) {
      count(`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`);
      continue;
    }
    if (pod.nodeSelector && !Object.entries(pod.nodeSelector).every(([k, v]) => labels[k] === v)) {
      count("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const alloc = n.status?.allocatable ?? {};
    placementStats.nodesExamined++;
    const u = cache.usedOn(n.metadata.name, pod.self);
    const free = bytes(alloc.memory) - u.memory;
    if (free < pod.request.memory) {
      count('Insufficient memory');
      continue;
    }
    if (millicores(alloc.cpu) - u.cpu < pod.request.cpu) {
      count('Insufficient cpu');
      continue;
    }
    const short = Object.entries(pod.request.extended ?? {}).find(([k, v]) => Number(alloc[k] ?? 0) - (u.extended[k] ?? 0) < v);
    if (short) {
      count(`Insufficient ${short[0]}`);
      continue;
    }
    const preferred = Boolean(pod.prefer && Object.entries(pod.prefer).every(([k, v]) => labels[k] === v));
    if (!best || Number(preferred) > Number(best.preferred) || (preferred === best.preferred && free > best.free)) best = { name: n.metadata.name, preferred, free };
  }
  if (best) {
    cache.assume(pod.self, best.name, { memory: pod.request.memory, cpu: pod.request.cpu, extended: { ...pod.request.extended } });
    return { node: best.name };
  }
  return { message: `0/${nodes.length} nodes are available: ${[...reasons].map(([r, k]) => `${k} ${r}`).join(', ')}. preemption: 0/${nodes.length} nodes are available` };
}

/**
 * Binds a pod to a node as kube-scheduler does: POST pods/NAME/binding with a v1 Binding (a real API server
 * refuses a spec.nodeName patch). A pod already bound to that node counts as bound; to another node, it throws.
 * Returns the bound pod.
 */
export async function bind(c: SimClient, namespace: string, name: string, node: string): Promise<Obj> {
  const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
  try {
    await c.call('POST', await c.path('v1', 'Pod', namespace, name, 'binding'), binding);
  } catch (e) {
    const current = e instanceof SimApiError && e.code === 409 ? await c.get('v1', 'Pod', name, namespace) : undefined;
    if (current?.spec?.nodeName !== node) throw e;
  }
  const pod = await c.get('v1', 'Pod', name, namespace);
  if (!pod) throw new SimApiError(404, { message: `pods "${name}" not found after binding it to ${node}`, reason: 'NotFound' });
  return { apiVersion: 'v1', kind: 'Pod', ...pod };
}
