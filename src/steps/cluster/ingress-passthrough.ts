// Releases before 4.12.2 have no default ingress passthrough: create the Service and wildcard passthrough
// Route in the control-plane namespace (once HyperShift has made it). Later releases: nothing to do.
import { needsIngressPassthrough, releaseOf } from '../../config/cluster.js';
import { exists } from '../../kube/conditions.js';
import { controlPlaneNamespace, ingressPassthrough } from '../../manifests/hypershift.js';
import { clusterSpec, type ClusterStep, type CreateOptions } from './context.js';

export const ingressPassthroughStep: ClusterStep = {
  id: 'ingress-passthrough',
  title: 'Create the ingress passthrough (releases before 4.12.2)',
  needs: ['apply-cluster'],
  enabled: (ctx) => needsIngressPassthrough(ctx.opts.release ?? releaseOf(ctx.opts.releaseImage)),
  async run(ctx) {
    const ns = controlPlaneNamespace(ctx.opts.namespace, ctx.opts.name);
    await ctx.kube.waitFor({ apiVersion: 'v1', kind: 'Namespace', name: ns }, exists, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report });
    const objects = ingressPassthrough(clusterSpec(ctx), ctx.state.appsDomain ?? '');
    const results = await ctx.kube.apply(objects, { signal: ctx.signal, report: ctx.report });
    return results.map((r) => `${r.ref.kind} ${r.ref.name} ${r.action}`).join(', ');
  },
};
