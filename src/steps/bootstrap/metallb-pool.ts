// hcp-kv's MetalLB address pool, written so the server settles races: a pool that does not exist is created
// create-only (POST); one that exists is changed only with the resourceVersion this run read and checked (held
// addresses) as precondition. Whatever another run wrote in between (409 on the create or the patch) is read again:
// the same addresses are adopted, different ones are refused — two bootstraps with different ranges never both
// report success, and no check is made against a pool that was replaced meanwhile.
import { HcpError } from '../../errors.js';
import { isConflict, type Kube, type KubeObject } from '../../kube/types.js';
import { refuseTerminating } from '../../kube/terminating.js';
import { ipAddressPool } from '../../manifests/metallb.js';
import { refuseDroppingHeldAddresses } from '../../preflight/metallb-in-use.js';
import type { IPAddressPool } from '../../model/index.js';

type Pool = IPAddressPool;

const same = (a: string[] | undefined, b: string[]) => JSON.stringify(a ?? []) === JSON.stringify(b);

export interface PoolRequest {
  poolName: string;
  metallbAddresses: string[];
  replaceMetallbAddresses?: boolean;
}

function changedMeanwhile(o: PoolRequest, seen: string[] | undefined, now: Pool): HcpError {
  const was = seen ? `it had ${seen.join(', ')} when this run read it` : 'it did not exist when this run read it';
  return new HcpError(
    `IPAddressPool metallb-system/${o.poolName} was changed by another run meanwhile: it now has ${(now.spec?.addresses ?? []).join(', ') || 'no addresses'}, this run asked for ${o.metallbAddresses.join(', ')} (${was}); this run changed nothing`,
    {
      hint: `another bootstrap (or client) is writing the pool; when it has finished, run bootstrap again with the addresses you want (\`oc get ipaddresspool -n metallb-system ${o.poolName} -o yaml\`)`,
    },
  );
}

/** Creates or updates the pool; returns what happened ("created", "unchanged", "a → b"). */
export async function writeMetallbPool(kube: Kube, o: PoolRequest, signal?: AbortSignal): Promise<string> {
  const ref = { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', name: o.poolName, namespace: 'metallb-system' };
  let live = await kube.get<Pool>(ref, { signal });
  const seen = live?.spec?.addresses;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!live) {
      const r = await kube.create<Pool>(ipAddressPool(o.poolName, o.metallbAddresses), { signal });
      if (r.created) return 'created';
      if (!same(r.object.spec?.addresses, o.metallbAddresses)) throw changedMeanwhile(o, seen, r.object);
      return 'unchanged (created by another run meanwhile with the same addresses)';
    }
    refuseTerminating(live);
    if (same(live.spec?.addresses, o.metallbAddresses)) return 'unchanged';
    if (!same(live.spec?.addresses, seen ?? [])) throw changedMeanwhile(o, seen, live);
    // The held-address check is made on exactly the version the patch replaces (its resourceVersion).
    await refuseDroppingHeldAddresses(kube, o, signal, live);
    try {
      await kube.patch(ref, { metadata: { resourceVersion: live.metadata.resourceVersion }, spec: { addresses: o.metallbAddresses, autoAssign: true } }, 'merge', { signal });
      return `${(seen ?? []).join(', ')} → ${o.metallbAddresses.join(', ')}`;
    } catch (e) {
      if (!isConflict(e)) throw e;
      live = await kube.get<Pool>(ref, { signal });
      if (!live || !same(live.spec?.addresses, seen ?? [])) {
        if (live && same(live.spec?.addresses, o.metallbAddresses)) return 'unchanged (set by another run meanwhile)';
        if (live) throw changedMeanwhile(o, seen, live);
      }
    }
  }
  throw new HcpError(`IPAddressPool metallb-system/${o.poolName} kept changing while this run wrote it; this run changed nothing`, { hint: 'another client is writing it; run bootstrap again when it has finished' });
}
