// The hosted cluster's version history as HyperShift keeps it: a new release image puts a Partial entry on
// top; the first install completes when the control plane is Available, the nodes are Ready and the default
// ingress is admitted; an upgrade completes once the control plane has rolled out (controlPlaneUpgrade) and
// ingress is admitted. A Completed top entry goes back to Partial while the default ingress is broken (and
// completes again once it is repaired); scaling node pools does not touch it. The hold-upgrade injection keeps
// an upgrade's rollout from finishing. The node pools follow on their own (nodepool.ts).
import { delayMs } from '../profiles.js';
import type { Obj } from './client.js';
import { now, type SimContext } from './runtime.js';

export interface HistoryEntry {
  state: 'Partial' | 'Completed';
  version: string;
  image: string;
  startedTime: string;
  completionTime: string | null;
  verified: boolean;
}

export interface Rollout {
  history: HistoryEntry[];
  completed: boolean;
  /** An earlier release completed: this is an upgrade, not the first install. */
  upgrading: boolean;
  /** When an upgrade in progress may complete (ms since the epoch). */
  due?: number;
}

/** When each rollout started, to the millisecond (history times have whole seconds); by HostedCluster uid and image. */
const started = new Map<string, number>();

export function rollout(ctx: SimContext, hc: Obj, version: string, image: string, o: { installDone: boolean; blocker?: string; hold?: boolean }): Rollout {
  const prev: HistoryEntry[] = hc.status?.version?.history ?? [];
  let history = prev;
  if (prev[0]?.image !== image) history = [{ state: 'Partial' as const, version, image, startedTime: now(), completionTime: null, verified: false }, ...prev].slice(0, 10);
  const top = history[0]!;
  const upgrading = history.slice(1).some((h) => h.state === 'Completed');
  if (top.state === 'Completed' && !o.blocker) return { history, completed: true, upgrading };
  if (top.state === 'Completed') return { history: [{ ...top, state: 'Partial', completionTime: null }, ...history.slice(1)], completed: false, upgrading };
  let done = o.installDone;
  let due: number | undefined;
  if (upgrading) {
    const key = `${hc.metadata.uid}/${image}`;
    if (!started.has(key)) started.set(key, history === prev ? Date.parse(top.startedTime) : Date.now());
    due = started.get(key)! + delayMs(ctx.profile, 'controlPlaneUpgrade', ctx.timeScale);
    done = !o.blocker && !o.hold && Date.now() >= due;
  }
  if (!done) return { history, completed: false, upgrading, due };
  started.delete(`${hc.metadata.uid}/${image}`);
  return { history: [{ ...top, state: 'Completed', completionTime: now() }, ...history.slice(1)], completed: true, upgrading };
}
