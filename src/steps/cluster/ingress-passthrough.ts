// Releases before 4.12.2 have no default ingress passthrough. As upstream documents it
// (docs/content/how-to/kubevirt/ingress-and-dns.md), the route has to reach the hosted cluster's router through
// the NodePorts of its openshift-ingress/router-nodeport-default Service: read them through the hosted cluster's
// admin kubeconfig (so this waits until the guest API answers), then create a Service in the control-plane
// namespace selecting the cluster's virt-launcher pods with those target ports, and a wildcard passthrough Route.
// Whether it is needed depends on the version: when the release image names none, the step learns it from the
// management cluster first (release-version.ts) and decides then.
import { validateDerivedNames } from '../../config/cluster.js';
import { HcpError } from '../../errors.js';
import type { Check, KubeObject } from '../../kube/types.js';
import { controlPlaneNamespace, ingressPassthrough } from '../../manifests/hypershift.js';
import { clusterSpec, currentRelease, type ClusterContext, type ClusterStep } from './context.js';
import { adminKubeconfigSource, hcRef } from './hosted-cluster.js';
import { knownRelease, learnReleaseVersion } from './release-version.js';
import type { HostedCluster } from '../../model/index.js';

export const ROUTER_NODEPORT = { namespace: 'openshift-ingress', name: 'router-nodeport-default' };

export function needsPassthrough(release: string | undefined): boolean {
  if (!release) return false;
  const [a = 0, b = 0, c = 0] = release.split(/[.-]/).map(Number);
  return a < 4 || (a === 4 && (b < 12 || (b === 12 && c < 2)));
}

type Svc = KubeObject & { spec?: { ports?: Array<{ name?: string; nodePort?: number }> } };

const guestPublished = (hc: KubeObject | undefined): Check => ((hc as HostedCluster | undefined)?.status?.kubeconfig?.name ? { done: true } : { done: false, reason: 'waiting for the hosted cluster to publish its admin kubeconfig' });

/** The HTTP and HTTPS NodePorts of the hosted cluster's router, read through its own API. */
async function routerNodePorts(ctx: ClusterContext): Promise<{ http: number; https: number }> {
  const o = ctx.opts;
  await ctx.kube.waitFor(hcRef(o), guestPublished, { timeout: o.timeoutMs, signal: ctx.signal, report: ctx.report, hint: 'the hosted control plane must be up before its ingress NodePorts can be read' });
  const { withClusterKubeconfig, limitsOf } = await import('../../kube/cluster-kubeconfig.js');
  return withClusterKubeconfig(await adminKubeconfigSource(ctx.kube, o), { limits: limitsOf(ctx.kube) }, async (guest) => {
    const ref = { apiVersion: 'v1', kind: 'Service', ...ROUTER_NODEPORT };
    const svc = (await guest.waitFor(ref, (s) => (s ? { done: true } : { done: false, reason: `waiting for Service ${ROUTER_NODEPORT.namespace}/${ROUTER_NODEPORT.name} in the hosted cluster` }), {
      timeout: o.timeoutMs,
      signal: ctx.signal,
      report: ctx.report,
    })) as Svc;
    const port = (name: string) => svc.spec?.ports?.find((p) => p.name === name)?.nodePort;
    const http = port('http');
    const https = port('https');
    if (!http || !https)
      throw new HcpError(`Service ${ROUTER_NODEPORT.namespace}/${ROUTER_NODEPORT.name} in hosted cluster ${o.name} has no http/https NodePorts`, {
        hint: `check it: oc --kubeconfig ${o.kubeconfigOut} get svc -n openshift-ingress ${ROUTER_NODEPORT.name} -o yaml`,
      });
    return { http, https };
  });
}

export const ingressPassthroughStep: ClusterStep = {
  id: 'ingress-passthrough',
  title: 'Create the ingress passthrough (releases before 4.12.2)',
  needs: ['apply-cluster'],
  // Unknown version: enabled, and run() learns it before deciding.
  enabled: (ctx) => {
    const release = knownRelease(currentRelease(ctx));
    return release === undefined || needsPassthrough(release);
  },
  notNeeded: (ctx) => `${knownRelease(currentRelease(ctx))} has the operator's ingress passthrough`,
  async run(ctx) {
    const { version, source } = await learnReleaseVersion(ctx);
    if (!needsPassthrough(version)) return `not needed: ${version} (${source}) has the operator's ingress passthrough`;
    // The names this creates depend on the version: checked again now that it is known, before any write.
    validateDerivedNames(ctx.opts.name, ctx.opts.namespace, version, ctx.state.appsDomain);
    const ports = await routerNodePorts(ctx);
    const objects = ingressPassthrough(clusterSpec(ctx), ctx.state.appsDomain ?? '', ports);
    const results = await ctx.kube.apply(objects, { signal: ctx.signal, report: ctx.report });
    return `${version} (${source}): ${results.map((r) => `${r.ref.kind} ${r.ref.name} ${r.action}`).join(', ')} (target ports ${ports.https}/${ports.http} in ${controlPlaneNamespace(ctx.opts.namespace, ctx.opts.name)})`;
  },
};
