// What the upgrade steps share: options, the state check-upgrade hands on, and the readiness checks.
import { findCondition } from '../../kube/conditions.js';
import type { Check } from '../../kube/types.js';
import type { HostedCluster } from '../../model/index.js';
import type { ReleaseRequest } from '../../config/release.js';
import type { Step, StepContext } from '../../run/step.js';
import type { NodePool } from '../nodepool/context.js';

export interface UpgradeOptions {
  name: string;
  namespace: string;
  /** --release x.y | x.y.z | --release-image, resolved by check-upgrade as create-cluster resolves it. */
  request: ReleaseRequest;
  /** 'all', 'none' or NodePool names. */
  nodePools: 'all' | 'none' | string[];
  force: boolean;
  timeoutMs: number;
}

/** What check-upgrade hands the later steps. */
export interface UpgradeState {
  target?: { version?: string; image: string };
  /** The version the control plane completed last. */
  current?: string;
  /** The NodePools to upgrade. */
  pools?: string[];
}

/** upgrade's step ids, in the order of UPGRADE_STEPS (test/run/step-ids.test.ts compares them). */
export const UPGRADE_STEP_IDS = ['check-upgrade', 'upgrade-control-plane', 'wait-control-plane', 'upgrade-nodepools', 'wait-nodepools', 'check-upgraded-nodes'] as const;
export type UpgradeStepId = (typeof UPGRADE_STEP_IDS)[number];
export type UpgradeStep = Step<UpgradeOptions, UpgradeState, UpgradeStepId>;

/** The node-pool steps apply when --node-pools names at least one pool (check-upgrade resolved "all"). */
export const nodePoolsChosen = (ctx: StepContext<UpgradeOptions, UpgradeState>): boolean => ctx.opts.nodePools !== 'none' && (ctx.state.pools?.length ?? 1) > 0;
export const whyNoNodePools = (ctx: StepContext<UpgradeOptions, UpgradeState>): string => (ctx.opts.nodePools === 'none' ? '--node-pools none' : `hosted cluster ${ctx.opts.name} has no node pools`);

export type { HostedCluster } from '../../model/index.js';

/** The control plane runs `image`: its newest history entry is that image and Completed. */
export function controlPlaneAt(image: string) {
  return (hc: HostedCluster | undefined): Check => {
    if (!hc) return { failed: 'the HostedCluster was deleted while waiting' };
    const top = hc.status?.version?.history?.[0];
    if (top?.image === image && top.state === 'Completed') return { done: true };
    const progressing = findCondition(hc, 'Progressing');
    const cv = findCondition(hc, 'ClusterVersionAvailable');
    const message = cv?.status === 'False' ? cv.message : progressing?.message;
    return { done: false, reason: `control plane: ${top?.image === image ? `${top.version} ${top.state}` : 'rollout not started'}${message ? ` (${message})` : ''}` };
  };
}

/** The NodePool runs `version` on all its nodes and is Ready; reports nodes replaced n/N while it rolls. */
export function nodePoolAt(version: string | undefined, image: string) {
  return (np: NodePool | undefined): Check => {
    if (!np) return { failed: 'the NodePool was deleted while waiting' };
    const updating = findCondition(np, 'UpdatingVersion');
    const ready = findCondition(np, 'Ready');
    const current = ready?.observedGeneration === undefined || np.metadata.generation === undefined || ready.observedGeneration >= np.metadata.generation;
    const versionOk = version ? np.status?.version === version : true;
    if (np.spec?.release?.image === image && versionOk && updating?.status !== 'True' && ready?.status === 'True' && current) return { done: true };
    const n = /(\d+) of (\d+) nodes (replaced|updated)/.exec(updating?.message ?? '');
    const progress = n ? `nodes ${n[3]} ${n[1]}/${n[2]}` : updating?.status === 'True' ? 'replacing nodes' : `version ${np.status?.version ?? '?'}, Ready=${ready?.status ?? '?'}`;
    return { done: false, reason: `NodePool ${np.metadata.name}: ${progress}` };
  };
}
