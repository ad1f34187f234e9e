// Faults the simulated operators can be told to have, for the day-2 tests: `hcp-kv sim --inject SPEC` writes
// them to a ConfigMap the operators read on every pass, so a test can also switch them on and off at run time
// through the API. Everything else a diagnosis needs (an exhausted MetalLB pool, no default StorageClass, VMs
// too large for any node, a node selector nothing matches, wildcard routes refused, an unsupported release)
// is made with real objects, not knobs.
//
//   hang-finalizer=NAME   the NodePools of hosted cluster NAME (or * for all) never finish tearing down: their
//                         finalizer stays, so the HostedCluster deletion hangs on them
//   reject-pull-secret=NAME  the registry refuses the pull secret of NAME (or *): the release cannot be looked up
//   hold-upgrade=NAME     the control-plane rollout of an upgrade of NAME (or *) never finishes (stays Partial)
import type { Obj, SimClient } from './client.js';
import { informer } from './informer.js';

export const INJECT_CONFIGMAP = { name: 'hcp-kv-sim-inject', namespace: 'default' } as const;
export const KNOBS = ['hang-finalizer', 'reject-pull-secret', 'hold-upgrade'] as const;
export type Knob = (typeof KNOBS)[number];
export type Injections = Partial<Record<Knob, string[]>>;

/** "hang-finalizer=kv-00,reject-pull-secret=*" → { 'hang-finalizer': ['kv-00'], ... }; throws on unknown knobs. */
export function parseInject(spec: string | undefined): Injections {
  const out: Injections = {};
  for (const part of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [knob, target = '*'] = part.split('=') as [string, string | undefined];
    if (!(KNOBS as readonly string[]).includes(knob)) throw new Error(`unknown injection "${knob}" (known: ${KNOBS.join(', ')})`);
    if (!/^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.test(target)) throw new Error(`injection ${knob}: "${target}" is not a hosted cluster name or *`);
    (out[knob as Knob] ??= []).push(target);
  }
  return out;
}

export function formatInject(i: Injections): string {
  return Object.entries(i)
    .flatMap(([k, targets]) => (targets ?? []).map((t) => `${k}=${t}`))
    .join(',');
}

export function injectConfigMap(i: Injections): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...INJECT_CONFIGMAP }, data: { inject: formatInject(i) } };
}

/** The injections in force now (none when the ConfigMap is absent or unreadable). */
export async function readInjections(c: SimClient): Promise<Injections> {
  const cm = await informer(c, 'v1', 'ConfigMap')
    .get(INJECT_CONFIGMAP.name, INJECT_CONFIGMAP.namespace)
    .catch(() => undefined);
  try {
    return parseInject(cm?.data?.inject);
  } catch {
    return {};
  }
}

export function injected(i: Injections, knob: Knob, cluster: string): boolean {
  return (i[knob] ?? []).some((t) => t === '*' || t === cluster);
}
