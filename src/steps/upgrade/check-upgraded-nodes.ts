// After the node pools: the hosted cluster's Nodes of those pools all run the new release's kubelet.
import { HcpError } from '../../errors.js';
import { NODE_POOL_LABEL, withGuest } from '../nodepool/context.js';
import { nodePoolsChosen, whyNoNodePools, type UpgradeStep } from './context.js';

/** OpenShift 4.y ships Kubernetes 1.(y+13); kubelet patch levels do not follow OpenShift's, so only the minor is checked. */
export function kubeletMinorFor(version: string): string {
  const minor = Number(version.split('.')[1] ?? 0);
  return `v1.${minor + 13}.`;
}

type Node = { metadata: { name: string; labels?: Record<string, string> }; status?: { nodeInfo?: { kubeletVersion?: string } } };

export const checkUpgradedNodes: UpgradeStep = {
  id: 'check-upgraded-nodes',
  title: "Check the hosted cluster's Nodes run the new release",
  needs: ['wait-nodepools'],
  enabled: nodePoolsChosen,
  notNeeded: whyNoNodePools,
  async run(ctx) {
    const o = ctx.opts;
    if (!ctx.state.target?.version) return 'release version unknown (an image without a version tag): not checked';
    const want = kubeletMinorFor(ctx.state.target.version);
    const nodes = (await withGuest(ctx.kube, o, (g) => g.list('v1', 'Node'))) as unknown as Node[];
    const mine = nodes.filter((n) => (ctx.state.pools ?? []).includes(n.metadata.labels?.[NODE_POOL_LABEL] ?? ''));
    const behind = mine.filter((n) => !n.status?.nodeInfo?.kubeletVersion?.startsWith(want));
    if (behind.length)
      throw new HcpError(`${behind.length} of ${mine.length} Nodes do not run kubelet ${want}x yet: ${behind.map((n) => `${n.metadata.name} ${n.status?.nodeInfo?.kubeletVersion ?? '?'}`).join(', ')}`, {
        hint: `run the upgrade again to keep waiting, or see why with \`hcp-kv diagnose ${o.name}\``,
      });
    const seen = [...new Set(mine.map((n) => n.status?.nodeInfo?.kubeletVersion))].join(', ');
    return `${mine.length}/${mine.length} Nodes on ${seen || want}`;
  },
};
