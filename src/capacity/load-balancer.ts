// A new hosted cluster's API server is published through a LoadBalancer Service on the management cluster
// (HyperShift's KubeVirt default), which MetalLB must give an address (docs: hosted control planes on OpenShift
// Virtualization, prerequisites: "You have configured a load balancer"). With MetalLB pools configured and every
// address in them held, the Service would stay Pending and the cluster never Available: refuse up front.
import { parsePool, poolSize } from '../config/ip.js';
import { usageError } from '../errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import { addressesHeld } from '../preflight/metallb-in-use.js';

type Pool = KubeObject & { spec?: { addresses?: string[] } };

/** Free addresses in MetalLB's pools; undefined when MetalLB has no pool (another load balancer may serve). */
export async function freeLoadBalancerAddresses(kube: Kube, signal?: AbortSignal): Promise<{ free: bigint; size: bigint; pools: string[] } | undefined> {
  if (!(await kube.hasKind('metallb.io/v1beta1', 'IPAddressPool'))) return undefined;
  const pools = await kube.list<Pool>('metallb.io/v1beta1', 'IPAddressPool', { namespace: 'metallb-system', signal });
  if (!pools.length) return undefined;
  let size = 0n;
  const held = new Set<string>();
  for (const p of pools) {
    try {
      size += poolSize(parsePool(p.spec?.addresses ?? []));
    } catch {
      continue; // an invalid pool gives no addresses
    }
    for (const h of await addressesHeld(kube, p.spec?.addresses ?? [], signal)) held.add(h.ip);
  }
  const used = BigInt(held.size);
  return { free: size > used ? size - used : 0n, size, pools: pools.map((p) => `${p.metadata.name} (${(p.spec?.addresses ?? []).join(',')})`) };
}

export async function checkLoadBalancerRoom(kube: Kube, clusters: number, signal?: AbortSignal): Promise<string | undefined> {
  const room = await freeLoadBalancerAddresses(kube, signal);
  if (!room) return undefined;
  if (room.free < BigInt(clusters)) {
    throw usageError(
      `MetalLB has no free address for the hosted cluster's API server LoadBalancer: all ${room.size} addresses of ${room.pools.join(', ')} are held`,
      'add a free range: hcp-kv bootstrap --only metallb --metallb-addresses CURRENT,NEW (hcp-kv doctor shows the current ranges), or destroy a hosted cluster you no longer need',
    );
  }
  return `${room.free} MetalLB address(es) free`;
}
