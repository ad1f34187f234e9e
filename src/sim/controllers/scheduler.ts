// The scheduling the simulated infra cluster does for virt-launcher pods: what a VM asks for (its guest memory,
// 100m CPU per core: KubeVirt's CPU allocation ratio 10) against each worker's allocatable minus what the VMIs
// already placed there ask for, and its node selector; the verdict reads like kube-scheduler's.
import type { Obj } from './client.js';
import type { SimContext } from './runtime.js';

const KV = 'kubevirt.io/v1';

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

/** What one VM asks the infra cluster for: its guest memory, and 100m per core (KubeVirt's CPU allocation ratio 10). */
export function requestOf(np: Obj): { memory: number; cpu: number } {
  const compute = np.spec?.platform?.kubevirt?.compute ?? {};
  return { memory: bytes(compute.memory ?? '8Gi'), cpu: Number(compute.cores ?? 2) * 100 };
}

/** kube-scheduler's verdict for a VM's launcher pod: the roomiest fitting worker, or the reasons none fits. */
export async function place(d: { ctx: SimContext; cpNs: string }, vmName: string, request: { memory: number; cpu: number }, selector: Record<string, string> | undefined): Promise<{ node?: string; message?: string }> {
  const c = d.ctx.client;
  const nodes = (await c.list('v1', 'Node')).items;
  const used = new Map<string, { memory: number; cpu: number }>();
  for (const vmi of (await c.list(KV, 'VirtualMachineInstance')).items) {
    const node = vmi.status?.nodeName;
    if (!node || (vmi.metadata.name === vmName && vmi.metadata.namespace === d.cpNs)) continue;
    const u = used.get(node) ?? { memory: 0, cpu: 0 };
    const r = vmi.spec?.domain?.resources?.requests ?? {};
    u.memory += bytes(r.memory);
    u.cpu += millicores(r.cpu);
    used.set(node, u);
  }
  const reasons = new Map<string, number>();
  const count = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  let best: { name: string; free: number } | undefined;
  for (const n of nodes) {
    const labels = n.metadata.labels ?? {};
    if ('node-role.kubernetes.io/master' in labels && !('node-role.kubernetes.io/worker' in labels)) {
      count('node(s) had untolerated taint {node-role.kubernetes.io/master: }');
      continue;
    }
    if (selector && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
      count("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const alloc = n.status?.allocatable ?? {};
    const u = used.get(n.metadata.name) ?? { memory: 0, cpu: 0 };
    const freeMemory = bytes(alloc.memory) - u.memory;
    if (freeMemory < request.memory) {
      count('Insufficient memory');
      continue;
    }
    if (millicores(alloc.cpu) - u.cpu < request.cpu) {
      count('Insufficient cpu');
      continue;
    }
    if (!best || freeMemory > best.free) best = { name: n.metadata.name, free: freeMemory };
  }
  if (best) return { node: best.name };
  return { message: `0/${nodes.length} nodes are available: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')}. preemption: 0/${nodes.length} nodes are available` };
}

