// The simulated kube-scheduler's cache: every Node, and the CPU, memory and extended resources already placed
// on each, kept up to date by watches on Nodes, Pods and VirtualMachineInstances. A placement reads the
// per-node sums instead of listing every pod and VMI of the cluster (that list made each placement cost
// O(pods), a density run O(clusters²)). As kube-scheduler's cache does (kubernetes/kubernetes
// pkg/scheduler/backend/cache/cache.go@037891575693e3b8446e9ec2767fcb33ed46c511, assumedPods / AssumePod), a
// placement just decided is "assumed" on its node until the watch shows the pod or VMI bound there, so that two
// placements in a row never both count the same free memory.
import type { Obj, SimClient } from './client.js';
import { informer } from './informer.js';

export interface Usage {
  memory: number; // bytes
  cpu: number; // millicores
  extended: Record<string, number>;
}

/** One object's contribution to a node: a bound pod, a VMI with a node, or an assumed placement. */
interface Contribution {
  node: string;
  usage: Usage;
}

/** How long an assumed placement counts without the watch confirming it (kube-scheduler: 30 s after binding). */
const ASSUME_TTL_MS = 30_000;

/** Counters for tests: the work done per placement must not grow with the number of pods. */
export const placementStats = { eventsApplied: 0, nodesExamined: 0 };

/** Bytes of a Kubernetes quantity (the forms NodePools and Nodes use). */
export function bytes(q: string | number | undefined): number {
  if (typeof q === 'number') return q;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P|m)?$/.exec(String(q ?? '').trim());
  if (!m) return 0;
  const mult: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, m: 1e-3 };
  return Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
}

export function millicores(q: string | number | undefined): number {
  const s = String(q ?? '0');
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

/** CPU, memory and extended resources of a requests map; `extendedOnly` counts the extended ones alone. */
function usageOf(requests: Obj, extendedOnly = false): Usage {
  const u: Usage = { memory: 0, cpu: 0, extended: {} };
  for (const [k, v] of Object.entries(requests)) {
    if (k === 'memory' || k === 'cpu') continue;
    u.extended[k] = (u.extended[k] ?? 0) + Number(v);
  }
  if (!extendedOnly) {
    u.memory = bytes(requests.memory);
    u.cpu = millicores(requests.cpu);
  }
  return u;
}

function addInto(total: Usage, u: Usage, sign: 1 | -1): void {
  total.memory += sign * u.memory;
  total.cpu += sign * u.cpu;
  for (const [k, v] of Object.entries(u.extended)) total.extended[k] = (total.extended[k] ?? 0) + sign * v;
}

const keyOf = (o: Obj) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/**
 * What a pod places on its node: a virt-launcher's CPU and memory are its VMI's (counted from the VMI), its
 * host devices the pod's own; a finished pod places nothing.
 */
function podContribution(pod: Obj): Contribution | undefined {
  if (!pod.spec?.nodeName || ['Succeeded', 'Failed'].includes(pod.status?.phase)) return undefined;
  const launcher = pod.metadata?.labels?.['kubevirt.io'] === 'virt-launcher';
  const usage: Usage = { memory: 0, cpu: 0, extended: {} };
  for (const ctr of pod.spec.containers ?? []) addInto(usage, usageOf(ctr.resources?.requests ?? {}, launcher), 1);
  return { node: pod.spec.nodeName, usage };
}

function vmiContribution(vmi: Obj): Contribution | undefined {
  if (!vmi.status?.nodeName) return undefined;
  return { node: vmi.status.nodeName, usage: usageOf(vmi.spec?.domain?.resources?.requests ?? {}) };
}

/** The placement cache of one cluster (one client); built on first use, stopped with the client. */
export class PlacementCache {
  readonly nodes = new Map<string, Obj>();
  private readonly used = new Map<string, Usage>();
  /** Contributions by `Kind/namespace/name`, and the assumed ones by `namespace/name` of what was placed. */
  private readonly contributions = new Map<string, Contribution>();
  private readonly assumed = new Map<string, Contribution & { at: number }>();
  /** The keys of `assumed` per node (perf: a placement reads one node's assumptions, not every one in flight). */
  private readonly assumedOn = new Map<string, Set<string>>();
  /** virt-launcher pods by `namespace/vm name`: a VM being placed leaves its own launcher out. */
  private readonly launchers = new Map<string, string>();
  readonly synced: Promise<void>;

  constructor(c: SimClient) {
    // On the operators' shared informers, not watches of its own (perf: a watch of its own kept a second copy of
    // every pod of the cluster). Nodes there also for correctness: an operator that looks again because a Node
    // changed (hypershift.ts) must find the change here too, or a pod left Pending by a taint just removed stays
    // Pending until the next Node event. A kind not served (no KubeVirt yet) places nothing: its informer is
    // synced at once and delivers the objects once the kind is served.
    const follow = (apiVersion: string, kind: string, on: (t: string, o: Obj) => void) =>
      informer(c, apiVersion, kind).follow((t, o) => {
        placementStats.eventsApplied++;
        on(t, o);
      });
    this.synced = Promise.all([
      follow('v1', 'Node', (t, n) => (t === 'DELETED' ? this.nodes.delete(n.metadata.name) : this.nodes.set(n.metadata.name, n))),
      follow('v1', 'Pod', (t, p) => this.onPod(t, p)),
      follow('kubevirt.io/v1', 'VirtualMachineInstance', (t, v) => this.set(`VirtualMachineInstance/${keyOf(v)}`, t === 'DELETED' ? undefined : vmiContribution(v), keyOf(v))),
    ]).then(() => undefined);
  }

  private onPod(type: string, pod: Obj): void {
    const vm = pod.metadata?.labels?.['kubevirt.io'] === 'virt-launcher' ? pod.metadata.labels['vm.kubevirt.io/name'] : undefined;
    const vmKey = vm ? `${pod.metadata.namespace}/${vm}` : undefined;
    if (vmKey) {
      if (type === 'DELETED') this.launchers.delete(vmKey);
      else this.launchers.set(vmKey, `Pod/${keyOf(pod)}`);
    }
    const c = type === 'DELETED' ? undefined : podContribution(pod);
    this.set(`Pod/${keyOf(pod)}`, c, keyOf(pod));
    if (c && vmKey) this.unassume(vmKey);
  }

  /** Replaces one object's contribution; a bound object confirms (ends) the assumption made for it. */
  private set(key: string, next: Contribution | undefined, placed: string): void {
    const old = this.contributions.get(key);
    if (old) this.addTo(old, -1);
    if (next) {
      this.contributions.set(key, next);
      this.addTo(next, 1);
      this.unassume(placed);
    } else this.contributions.delete(key);
  }

  private addTo(c: Contribution, sign: 1 | -1): void {
    let u = this.used.get(c.node);
    if (!u) this.used.set(c.node, (u = { memory: 0, cpu: 0, extended: {} }));
    addInto(u, c.usage, sign);
  }

  /** What is placed on `node`, leaving out `self` (the pod or VMI being placed, and its VM's launcher). */
  usedOn(node: string, self?: { namespace: string; name: string }): Usage {
    const out: Usage = { memory: 0, cpu: 0, extended: {} };
    addInto(out, this.used.get(node) ?? out, 1);
    const now = Date.now();
    for (const k of this.assumedOn.get(node) ?? []) {
      const a = this.assumed.get(k)!;
      if (now - a.at > ASSUME_TTL_MS) this.unassume(k);
      else addInto(out, a.usage, 1);
    }
    if (self) {
      const s = `${self.namespace}/${self.name}`;
      for (const k of [`Pod/${s}`, `VirtualMachineInstance/${s}`, this.launchers.get(s)]) {
        const c = k ? this.contributions.get(k) : undefined;
        if (c?.node === node) addInto(out, c.usage, -1);
      }
      const a = this.assumed.get(s);
      if (a?.node === node) addInto(out, a.usage, -1);
    }
    return out;
  }

  /** Counts a placement on `node` until the watch shows `self` bound there (or the assumption expires). */
  assume(self: { namespace: string; name: string } | undefined, node: string, usage: Usage): void {
    if (!self) return;
    const key = `${self.namespace}/${self.name}`;
    this.unassume(key);
    this.assumed.set(key, { node, usage, at: Date.now() });
    let keys = this.assumedOn.get(node);
    if (!keys) this.assumedOn.set(node, (keys = new Set()));
    keys.add(key);
  }

  private unassume(key: string): void {
    const a = this.assumed.get(key);
    if (!a) return;
    this.assumed.delete(key);
    this.assumedOn.get(a.node)?.delete(key);
  }
}

const caches = new WeakMap<SimClient, PlacementCache>();

/** The placement cache of the cluster behind `c`, synced with the server's state. */
export async function placementCache(c: SimClient): Promise<PlacementCache> {
  let cache = caches.get(c);
  if (!cache) caches.set(c, (cache = new PlacementCache(c)));
  await cache.synced;
  return cache;
}
