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
  /** virt-launcher pods by `namespace/vm name`: a VM being placed leaves its own launcher out. */
  private readonly launchers = new Map<string, string>();
  readonly synced: Promise<void>;

  constructor(c: SimClient) {
    const kinds: Array<[string, string, (t: string, o: Obj) => void]> = [
      ['v1', 'Pod', (t, p) => this.onPod(t, p)],
      ['kubevirt.io/v1', 'VirtualMachineInstance', (t, v) => this.set(`VirtualMachineInstance/${keyOf(v)}`, t === 'DELETED' ? undefined : vmiContribution(v), keyOf(v))],
    ];
    this.synced = Promise.all([
      this.followNodes(c),
      ...kinds.map(
        ([apiVersion, kind, on]) =>
          new Promise<void>((synced) => {
            // A kind not served (no KubeVirt yet) places nothing: the cache is ready without it.
            void c.hasResource(apiVersion, kind).then(
              (served) => (served ? undefined : synced()),
              () => synced(),
            );
            void c
              .watch(apiVersion, kind, { signal: c.closed, onSync: synced }, (t, o: Obj) => {
                placementStats.eventsApplied++;
                on(t, o);
              })
              .finally(synced);
          }),
      ),
    ]).then(() => undefined);
  }

  /**
   * Nodes from the operators' shared informer (informer.ts), not a watch of its own: an operator that looks again
   * because a Node changed (hypershift.ts) must find the change here too, or a pod left Pending by a taint just
   * removed stays Pending until the next Node event.
   */
  private async followNodes(c: SimClient): Promise<void> {
    const nodes = informer(c, 'v1', 'Node');
    nodes.onEvent((t, n) => {
      placementStats.eventsApplied++;
      if (t === 'DELETED') this.nodes.delete(n.metadata.name);
      else this.nodes.set(n.metadata.name, n);
    });
    await nodes.synced;
    for (const n of await nodes.list()) if (!this.nodes.has(n.metadata.name)) this.nodes.set(n.metadata.name, n);
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
    if (c && vmKey) this.assumed.delete(vmKey);
  }

  /** Replaces one object's contribution; a bound object confirms (ends) the assumption made for it. */
  private set(key: string, next: Contribution | undefined, placed: string): void {
    const old = this.contributions.get(key);
    if (old) this.addTo(old, -1);
    if (next) {
      this.contributions.set(key, next);
      this.addTo(next, 1);
      this.assumed.delete(placed);
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
    for (const [k, a] of this.assumed) {
      if (now - a.at > ASSUME_TTL_MS) this.assumed.delete(k);
      else if (a.node === node) addInto(out, a.usage, 1);
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
    if (self) this.assumed.set(`${self.namespace}/${self.name}`, { node, usage, at: Date.now() });
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
