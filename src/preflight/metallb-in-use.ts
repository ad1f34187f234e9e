// Never take away what is in use: LoadBalancer Services hold addresses from hcp-kv's MetalLB pool (each hosted
// cluster's API server has one). A new address list that no longer contains them would strand those
// Services, so bootstrap refuses it (exit 2, nothing changed) unless --replace-metallb-addresses says so.
import { parsePool, poolContains } from '../config/ip.js';
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { IPAddressPool, Service } from '../model/index.js';

/** LoadBalancer Services and the addresses they hold from `pool` (the current hcp-kv pool's address list). */
export async function addressesHeld(kube: Kube, pool: string[], signal?: AbortSignal): Promise<Array<{ service: string; ip: string }>> {
  if (!pool.length) return [];
  let spans;
  try {
    spans = parsePool(pool);
  } catch {
    return [];
  }
  const services = await kube.list<Service>('v1', 'Service', { signal });
  return services.flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).filter((i) => i.ip && poolContains(spans, i.ip)).map((i) => ({ service: `${s.metadata.namespace}/${s.metadata.name}`, ip: i.ip! })));
}

/** Refuses a new pool that drops addresses Services hold from the current one. */
/** `current`: the pool as already read (bootstrap's pool write checks the very version it replaces). */
export async function refuseDroppingHeldAddresses(kube: Kube, o: { poolName: string; metallbAddresses: string[]; replaceMetallbAddresses?: boolean }, signal?: AbortSignal, pool?: IPAddressPool): Promise<void> {
  if (o.replaceMetallbAddresses) return;
  const current = pool ?? (await kube.get<IPAddressPool>({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', name: o.poolName, namespace: 'metallb-system' }, { signal }));
  const held = await addressesHeld(kube, current?.spec?.addresses ?? [], signal);
  const next = parsePool(o.metallbAddresses);
  const dropped = held.filter((h) => !poolContains(next, h.ip));
  if (!dropped.length) return;
  throw usageError(
    `the new MetalLB addresses (${o.metallbAddresses.join(', ')}) leave out addresses LoadBalancer Services hold: ${dropped.map((d) => `${d.service} ${d.ip}`).join(', ')}`,
    `keep those addresses in --metallb-addresses (the pool now has ${(current?.spec?.addresses ?? []).join(', ')}), or pass --replace-metallb-addresses to replace the pool anyway`,
  );
}
