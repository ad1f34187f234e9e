// MetalLB: the MetalLB CR becomes Available; LoadBalancer Services get an address from an IPAddressPool that
// an L2Advertisement announces; an exhausted pool leaves the Service pending with an Event saying so.
import { serialReconciler } from './requeue.js';
import ipaddr from 'ipaddr.js';
import type { Obj } from './client.js';
import { informer } from './informer.js';
import { condition, now, type Controller, type SimContext } from './runtime.js';

const MLB = 'metallb.io/v1beta1';

/** Expands pool entries (CIDR or a-b ranges, IPv4 and IPv6) lazily, up to `limit` addresses. */
export function* addresses(entries: string[], limit = 65536): Generator<string> {
  let n = 0;
  for (const e of entries) {
    let first: ipaddr.IPv4 | ipaddr.IPv6;
    let last: ipaddr.IPv4 | ipaddr.IPv6;
    if (e.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(e);
      first = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(e) : ipaddr.IPv6.networkAddressFromCIDR(e);
      last = addr.kind() === 'ipv4' ? ipaddr.IPv4.broadcastAddressFromCIDR(e) : ipaddr.IPv6.broadcastAddressFromCIDR(e);
      void bits;
    } else {
      const [a, b] = e.split('-').map((x) => ipaddr.parse(x.trim()));
      first = a!;
      last = b ?? a!;
    }
    const toBig = (ip: ipaddr.IPv4 | ipaddr.IPv6) => ip.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
    const fromBig = (v: bigint, kind: string) => {
      const bytes: number[] = [];
      for (let i = 0; i < (kind === 'ipv4' ? 4 : 16); i++) {
        bytes.unshift(Number(v & 255n));
        v >>= 8n;
      }
      return ipaddr.fromByteArray(bytes).toString();
    };
    for (let v = toBig(first); v <= toBig(last); v++) {
      if (n++ >= limit) return;
      yield fromBig(v, first.kind());
    }
  }
}

/**
 * The addresses Services hold, as the controller's Service watch delivers them (perf: listing every Service at
 * each allocation made a density run quadratic in its clusters), plus the ones it has just assigned.
 */
export class AddressBook {
  private readonly bySvc = new Map<string, string[]>();
  private readonly count = new Map<string, number>();
  /** Per pool: below this index every address was in use at the last look (perf: a search does not start over). */
  private readonly firstFree = new Map<string, number>();

  /** Records what a Service holds now (nothing once DELETED). */
  set(key: string, ips: string[]): void {
    for (const ip of this.bySvc.get(key) ?? []) {
      const n = (this.count.get(ip) ?? 1) - 1;
      if (n > 0) this.count.set(ip, n);
      else this.count.delete(ip);
    }
    if ((this.bySvc.get(key) ?? []).some((ip) => !ips.includes(ip))) this.firstFree.clear(); // an address was released
    if (ips.length) this.bySvc.set(key, ips);
    else this.bySvc.delete(key);
    for (const ip of ips) this.count.set(ip, (this.count.get(ip) ?? 0) + 1);
  }

  used(ip: string): boolean {
    return this.count.has(ip);
  }

  /** The first address of `pool` (its expanded addresses) no Service holds. */
  free(poolKey: string, pool: string[]): string | undefined {
    let i = this.firstFree.get(poolKey) ?? 0;
    while (i < pool.length && this.used(pool[i]!)) i++;
    this.firstFree.set(poolKey, i);
    return pool[i];
  }
}

/** A pool's addresses, expanded once per content (perf: expanding them at each allocation was O(addresses)). */
const expanded = new Map<string, string[]>();
function poolAddresses(entries: string[]): string[] {
  const key = entries.join(',');
  let all = expanded.get(key);
  if (!all) expanded.set(key, (all = [...addresses(entries)]));
  return all;
}

async function assign(ctx: SimContext, svc: Obj, book: AddressBook): Promise<void> {
  const c = ctx.client;
  const pools = await informer(c, MLB, 'IPAddressPool').list();
  const ads = await informer(c, MLB, 'L2Advertisement').list();
  const advertised = pools.filter((p) => ads.some((a) => !a.spec?.ipAddressPools?.length || a.spec.ipAddressPools.includes(p.metadata.name)));
  for (const pool of advertised) {
    const entries: string[] = pool.spec?.addresses ?? [];
    const ip = book.free(`${pool.metadata.namespace}/${pool.metadata.name} ${entries.join(',')}`, poolAddresses(entries));
    if (ip) {
      await c.patchStatus(svc, { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } });
      book.set(`${svc.metadata.namespace}/${svc.metadata.name}`, [ip]);
      await c.patch('v1', 'Service', svc.metadata.name, svc.metadata.namespace, { metadata: { annotations: { 'metallb.universe.tf/ip-allocated-from-pool': pool.metadata.name } } });
      ctx.log('metallb', `assigned ${ip} to ${svc.metadata.namespace}/${svc.metadata.name}`);
      return;
    }
  }
  const reason = advertised.length ? 'no available IPs' : pools.length ? 'no pool is advertised by an L2Advertisement' : 'no IPAddressPool exists';
  await c.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { generateName: `${svc.metadata.name}.`, namespace: svc.metadata.namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, namespace: svc.metadata.namespace, uid: svc.metadata.uid },
    reason: 'AllocationFailed',
    message: `Failed to allocate IP for "${svc.metadata.namespace}/${svc.metadata.name}": ${reason}`,
    type: 'Warning',
    source: { component: 'metallb-controller' },
    firstTimestamp: now(),
    lastTimestamp: now(),
    count: 1,
  });
  ctx.log('metallb', `no address for ${svc.metadata.namespace}/${svc.metadata.name}: ${reason}`);
}

export const metallb: Controller = {
  name: 'metallb',
  async start(ctx) {
    const done = new Set<string>();
    ctx.spawn('metallb', () =>
      ctx.client.watch(MLB, 'MetalLB', { signal: ctx.signal }, (t, m) => {
        const key = `${m.metadata.namespace}/${m.metadata.name}`;
        if (t === 'DELETED' || done.has(key)) return;
        done.add(key);
        ctx.spawn('metallb', async () => {
          await ctx.delay('metallbAvailable');
          await ctx.client.patchStatus(m, {
            conditions: [
              condition('Available', true, 'Available', 'MetalLB controller and speakers are running'),
              condition('Progressing', false, 'Available', ''),
              condition('Degraded', false, 'Available', ''),
              condition('Upgradeable', true, 'Available', ''),
            ],
          });
        });
      }),
    );
    // Pending Services are retried whenever a pool or advertisement changes.
    const pending = new Map<string, Obj>();
    const book = new AddressBook();
    // The Service informer (shared with the HyperShift operator): its cache holds each address assigned.
    const services = informer(ctx.client, 'v1', 'Service');
    const listed = services.synced;
    const tryAll = serialReconciler(ctx, 'metallb', 'allocation', async () => {
      await listed; // every Service's address is in the book before one is handed out
      for (const [key, svc] of [...pending]) {
        const live = await services.get(svc.metadata.name, svc.metadata.namespace, { fetch: true });
        if (!live || live.status?.loadBalancer?.ingress?.length || live.spec?.type !== 'LoadBalancer') {
          pending.delete(key);
          continue;
        }
        await assign(ctx, live, book);
        const after = await services.get(svc.metadata.name, svc.metadata.namespace);
        if (after?.status?.loadBalancer?.ingress?.length) pending.delete(key);
      }
    });
    services.onEvent((t, svc) => {
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      book.set(key, t === 'DELETED' ? [] : (svc.status?.loadBalancer?.ingress ?? []).map((i: Obj) => String(i.ip)));
      if (t === 'DELETED' || svc.spec?.type !== 'LoadBalancer' || svc.status?.loadBalancer?.ingress?.length) {
        if (t === 'DELETED' && pending.delete(key)) return;
        if (t === 'DELETED' && svc.spec?.type === 'LoadBalancer') tryAll(); // an address was released
        return;
      }
      if (pending.has(key)) return;
      pending.set(key, svc);
      tryAll();
    });
    for (const kind of ['IPAddressPool', 'L2Advertisement']) informer(ctx.client, MLB, kind).onEvent(() => tryAll());
  },
};
