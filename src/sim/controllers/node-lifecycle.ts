// kube-controller-manager's node-lifecycle controller, the part the simulation needs: the NoSchedule taints
// that mirror node conditions (kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go
// doNoScheduleTaintingPass @a7264f95ffc8b56377da16e83461aa59467ebb3e). The API server's TaintNodesByCondition
// admission puts node.kubernetes.io/not-ready:NoSchedule on every new Node; this controller takes it off once
// the Node's Ready condition is True (and puts the condition taints back when a condition says so), so pods
// schedule on a real kube-apiserver as on the embedded one.
import type { Obj, SimClient } from './client.js';
import { SimApiError } from './client.js';
import type { Controller } from './runtime.js';

/** Condition type → status → taint key (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: 'node.kubernetes.io/not-ready', Unknown: 'node.kubernetes.io/unreachable' },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED = new Set([UNSCHEDULABLE, ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m))]);

/** The taints a Node should carry after the tainting pass, or undefined when they are right already. */
export function desiredTaints(node: Obj): Obj[] | undefined {
  const want = new Set<string>();
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) want.add(key);
  }
  if (node.spec?.unschedulable) want.add(UNSCHEDULABLE);
  const taints: Obj[] = node.spec?.taints ?? [];
  const have = new Set(taints.filter((t) => t.effect === 'NoSchedule' && MANAGED.has(t.key)).map((t) => t.key as string));
  if ([...want].every((k) => have.has(k)) && [...have].every((k) => want.has(k))) return undefined;
  const kept = taints.filter((t) => !(t.effect === 'NoSchedule' && MANAGED.has(t.key)));
  return [...kept, ...[...want].map((key) => ({ key, effect: 'NoSchedule', ...(key === UNSCHEDULABLE ? {} : { timeAdded: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }) }))];
}

/** One pass over a Node; a conflicting write is left to the next event, as the controller's queue does. */
export async function reconcileNode(c: SimClient, node: Obj): Promise<void> {
  if (node.metadata?.deletionTimestamp) return;
  const taints = desiredTaints(node);
  if (!taints) return;
  try {
    await c.patch('v1', 'Node', node.metadata.name, undefined, { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints } });
  } catch (e) {
    if (!(e instanceof SimApiError && (e.code === 409 || e.code === 404))) throw e;
  }
}

/** Runs the tainting pass on every Node event of the cluster behind `c` until the signal aborts. */
export function watchNodes(c: SimClient, signal: AbortSignal, log: (m: string) => void, onEvent?: (type: string, node: Obj) => void): Promise<void> {
  return c.watch('v1', 'Node', { signal }, (type, node) => {
    onEvent?.(type, node);
    if (type === 'DELETED') return;
    return reconcileNode(c, node).catch((e: unknown) => log(`node ${node.metadata?.name}: ${(e as Error).message}`));
  });
}

export const nodeLifecycle: Controller = {
  name: 'node-lifecycle',
  async start(ctx) {
    ctx.spawn('node-lifecycle', () => watchNodes(ctx.client, ctx.signal, (m) => ctx.log('node-lifecycle', m)));
  },
};
