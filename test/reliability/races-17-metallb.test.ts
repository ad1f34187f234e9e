// Issue 17 item 5: races resolved by the server, not by luck — in loops, part of them with injected latency.
// Two `nodepool create` of one name with different settings: exactly one succeeds, the other names the
// difference; with two different --cluster-name the pool never moves. Two `nodepool scale` of one pool never lose
// an update (resourceVersion precondition: the second reads what the first wrote). Two bootstraps racing to create
// the MetalLB pool with different ranges: never both "created", a loser names the change. `destroy-cluster
// --ignore-not-found` racing `create-cluster` of the same name never deletes the new cluster's secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, watch } from '../helpers/https.js';
import { pathOf } from '../helpers/sim-api.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

const ROUNDS = Array.from({ length: 10 }, (_, i) => [i]);
/** Rounds 5..9 run with injected latency on every request of the CLI (src/sim/apiserver/faults.ts). */
const latency = (i: number) => (i >= 5 ? 'latency=40ms,jitter=40ms' : '');

describe('two bootstraps racing on the MetalLB pool', () => {
  let env: SimEnv;
  const api = () => ({ ...env.sim.api, token: env.sim.api.systemToken });
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
    expect((await env.cli(['bootstrap', '--metallb-addresses', POOL])).code).toBe(0);
  }, 120_000);
  afterAll(() => env.stop());

  it.each(ROUNDS)(
    'round %i: two bootstraps racing to create the MetalLB pool with different ranges never both report it',
    async (i) => {
      const poolPath = pathOf('metallb.io/v1beta1', 'ipaddresspools', 'metallb-system', 'hcp-kv');
      expect([200, 404]).toContain((await call(api(), 'DELETE', poolPath)).status);
      env.sim.api.setFaults(latency(i));
      const events = watch(api(), `${pathOf('metallb.io/v1beta1', 'ipaddresspools', 'metallb-system')}?watch=true&fieldSelector=metadata.name%3Dhcp-kv`);
      try {
        const ranges = [POOL, '192.0.2.100-192.0.2.120'];
        const rs = await Promise.all(ranges.map((r) => env.cli(['bootstrap', '--only', 'metallb', '--metallb-addresses', r], { timeout: 60_000 })));
        env.sim.api.setFaults('');
        const lines = rs.map((r) => /IPAddressPool metallb-system\/hcp-kv (.*)$/m.exec(r.stderr)?.[1] ?? '');
        const written = events.events.filter((e) => e.type !== 'DELETED' && e.object?.spec).map((e) => e.object.spec.addresses.join(','));
        const distinct = written.filter((v, k) => k === 0 || v !== written[k - 1]);
        expect(
          lines.filter((l) => l === 'created'),
          lines.join(' | '),
        ).toHaveLength(1);
        for (const [k, r] of rs.entries()) {
          if (r.code === 0) expect(lines[k], r.stderr.slice(-800)).toMatch(/^(created|.* → .*)$/);
          else expect(r.stderr).toMatch(/IPAddressPool metallb-system\/hcp-kv was changed by another run meanwhile: it now has \S+, this run asked for \S+ \(it did not exist when this run read it\); this run changed nothing/);
        }
        // Every change of the pool is one a run reported, from the value it replaced.
        const reported = lines.filter((l) => l.includes(' → ')).map((l) => l.replace(/ /g, ''));
        expect(distinct.length, `pool values: ${distinct.join(' | ')}; reports: ${lines.join(' | ')}`).toBe(1 + reported.length);
        if (reported.length) expect(reported[0]).toBe(`${distinct[0]}→${distinct[1]}`);
      } finally {
        env.sim.api.setFaults('');
        events.close();
      }
    },
    90_000,
  );
});
