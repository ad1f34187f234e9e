// Isolated control planes: label and taint the --control-plane-nodes hypershift.openshift.io/control-plane=true
// (NoSchedule), so that only pods tolerating it — hosted control planes — run there. Other taints are kept.
import type { KubeObject } from '../../kube/types.js';
import { controlPlaneNodePatch, matchesSelector, type NodeLike } from '../../manifests/placement.js';
import { isServerDryRun, type BootstrapContext, type BootstrapStep } from './context.js';

type Node = KubeObject & NodeLike;

async function pending(ctx: BootstrapContext): Promise<Array<{ node: Node; patch: NonNullable<ReturnType<typeof controlPlaneNodePatch>> }>> {
  const nodes = await ctx.kube.list<Node>('v1', 'Node');
  return nodes
    .filter((n) => matchesSelector(n, ctx.opts.controlPlaneNodes!))
    .flatMap((node) => {
      const patch = controlPlaneNodePatch(node);
      return patch ? [{ node, patch }] : [];
    });
}

export const controlPlaneNodes: BootstrapStep = {
  id: 'control-plane-nodes',
  title: 'Label and taint the control-plane nodes',
  needs: ['preflight'],
  enabled: (ctx) => Boolean(ctx.opts.controlPlaneNodes),
  async skip(ctx) {
    return (await pending(ctx)).length ? false : 'every selected node is labelled and tainted hypershift.openshift.io/control-plane=true';
  },
  async run(ctx) {
    const todo = await pending(ctx);
    for (const { node, patch } of todo) {
      await ctx.kube.patch({ apiVersion: 'v1', kind: 'Node', name: node.metadata.name }, patch, 'merge', { dryRun: isServerDryRun(ctx), signal: ctx.signal });
      ctx.report(`Node ${node.metadata.name} labelled and tainted`);
    }
    return `${isServerDryRun(ctx) ? '[dry run] ' : ''}${todo.map((t) => t.node.metadata.name).join(', ')} labelled and tainted hypershift.openshift.io/control-plane=true:NoSchedule`;
  },
};
