// Preflight for isolated control planes: --control-plane-nodes must match Ready nodes, and the nodes left for
// worker VMs (--vm-nodes, else every node without a taint VMs do not tolerate) must not be empty once those
// nodes carry the control-plane taint. Read-only; usage errors (exit 2) name the flag.
import { usageError } from '../errors.js';
import type { KubeObject } from '../kube/types.js';
import { admits, matchesSelector, selectorText, type NodeLike } from '../manifests/placement.js';
import type { BootstrapContext } from '../steps/bootstrap/context.js';

type Node = KubeObject & NodeLike & { status?: { conditions?: Array<{ type: string; status: string }> } };

const isReady = (n: Node) => Boolean(n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

/** Returns the names of the control-plane nodes and of the nodes left for VMs; throws a usage error when either is empty. */
export async function checkPlacement(ctx: Pick<BootstrapContext, 'kube' | 'opts' | 'report'>): Promise<{ controlPlane: string[]; vm: string[] } | undefined> {
  const { controlPlaneNodes, vmNodes } = ctx.opts;
  if (!controlPlaneNodes) return undefined;
  const nodes = (await ctx.kube.list<Node>('v1', 'Node')).filter(isReady);
  const cp = nodes.filter((n) => matchesSelector(n, controlPlaneNodes));
  const hint = 'see the node labels with `oc get nodes --show-labels`';
  if (!cp.length) throw usageError(`--control-plane-nodes ${selectorText(controlPlaneNodes)} matches no Ready node`, hint);
  const cpNames = new Set(cp.map((n) => n.metadata.name));
  const rest = nodes.filter((n) => !cpNames.has(n.metadata.name));
  let vm: Node[];
  if (vmNodes) {
    const selected = nodes.filter((n) => matchesSelector(n, vmNodes));
    if (!selected.length) throw usageError(`--vm-nodes ${selectorText(vmNodes)} matches no Ready node`, hint);
    vm = selected.filter((n) => !cpNames.has(n.metadata.name) && admits(n, []));
    if (!vm.length) throw usageError(`--vm-nodes ${selectorText(vmNodes)} leaves no node schedulable for VMs: every node it matches is a control-plane node or tainted`, 'choose VM nodes outside --control-plane-nodes');
  } else {
    vm = rest.filter((n) => admits(n, []));
    if (!vm.length)
      throw usageError(
        `--control-plane-nodes ${selectorText(controlPlaneNodes)} would leave no node schedulable for VMs (${rest.length ? 'the other nodes are tainted' : 'it matches every node'})`,
        'select fewer nodes, e.g. by a label only the control-plane nodes carry',
      );
  }
  const out = { controlPlane: cp.map((n) => n.metadata.name), vm: vm.map((n) => n.metadata.name) };
  ctx.report(`control planes on ${out.controlPlane.join(', ')}; VMs on ${out.vm.join(', ')}`);
  return out;
}
