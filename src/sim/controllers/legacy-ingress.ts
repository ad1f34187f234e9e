// Releases before 4.12.2: the hosted cluster's apps are reachable only through a passthrough Route on the
// management cluster whose Service selects the cluster's virt-launcher pods and targets the HTTPS NodePort of
// the hosted cluster's openshift-ingress/router-nodeport-default Service. Anything else leaves console and
// canary unreachable; the reason says which link is missing.
import type { Obj, SimClient } from './client.js';
import type { SimContext } from './runtime.js';

export const ROUTER_NODEPORT = { namespace: 'openshift-ingress', name: 'router-nodeport-default' };

/** The hosted cluster's router NodePort Service (what the ingress operator creates on KubeVirt). */
export async function ensureRouterNodePort(guest: SimClient, clusterName: string): Promise<void> {
  // Deterministic per cluster, like any allocation in the simulator; different clusters get different ports.
  const hash = [...clusterName].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const base = 30000 + (hash % 1350) * 2;
  await guest.ensure({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: ROUTER_NODEPORT.name, namespace: ROUTER_NODEPORT.namespace, labels: { app: 'router', 'ingresscontroller.operator.openshift.io/owning-ingresscontroller': 'default' } },
    spec: {
      type: 'NodePort',
      selector: { 'ingresscontroller.operator.openshift.io/deployment-ingresscontroller': 'default' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: base },
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', nodePort: base + 1 },
      ],
    },
  });
}

export async function routerHttpsNodePort(guest: SimClient): Promise<number | undefined> {
  const svc = await guest.get('v1', 'Service', ROUTER_NODEPORT.name, ROUTER_NODEPORT.namespace);
  return svc?.spec?.ports?.find((p: Obj) => p.name === 'https')?.nodePort;
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) => Boolean(selector && Object.keys(selector).length && Object.entries(selector).every(([k, v]) => labels?.[k] === v));

/** Why the legacy passthrough does not reach the hosted cluster's router, or undefined when it does. */
export async function legacyIngressBlocker(ctx: SimContext, version: string, cpNs: string, httpsNodePort: number | undefined): Promise<string | undefined> {
  const routes = (await ctx.client.list('route.openshift.io/v1', 'Route', { namespace: cpNs })).items.filter((r) => r.spec?.wildcardPolicy === 'Subdomain' && r.spec?.tls?.termination === 'passthrough');
  if (!routes.length) return `release ${version} has no default ingress passthrough: create the ingress Service and passthrough Route in ${cpNs}`;
  if (httpsNodePort === undefined) return `the hosted cluster's ${ROUTER_NODEPORT.namespace}/${ROUTER_NODEPORT.name} Service has no https NodePort yet`;
  const pods = (await ctx.client.list('v1', 'Pod', { namespace: cpNs, labelSelector: 'kubevirt.io=virt-launcher' })).items;
  const reasons: string[] = [];
  for (const r of routes) {
    const svc = await ctx.client.get('v1', 'Service', r.spec?.to?.name, cpNs);
    if (!svc) {
      reasons.push(`Route ${r.metadata.name} points to Service ${r.spec?.to?.name}, which does not exist`);
      continue;
    }
    if (!pods.some((p) => selects(svc.spec?.selector, p.metadata.labels))) {
      reasons.push(`Service ${svc.metadata.name} selects no virt-launcher pod of the cluster`);
      continue;
    }
    const want = r.spec?.port?.targetPort;
    const port = (svc.spec?.ports ?? []).find((p: Obj) => want === undefined || p.name === want || p.port === want || String(p.port) === String(want)) as Obj | undefined;
    if (!port) {
      reasons.push(`Route ${r.metadata.name} targets port ${String(want)}, which Service ${svc.metadata.name} does not have`);
      continue;
    }
    const target = port.targetPort ?? port.port;
    if (Number(target) === httpsNodePort) return undefined;
    reasons.push(
      `Service ${svc.metadata.name} sends the passthrough traffic to port ${String(target)}, but the hosted cluster's router listens on NodePort ${httpsNodePort} (${ROUTER_NODEPORT.namespace}/${ROUTER_NODEPORT.name}, https): console and canary are unreachable`,
    );
  }
  return reasons.join('; ');
}
