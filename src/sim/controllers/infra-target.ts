// Where a hosted cluster's VMs run, as the HyperShift operator decides it: the management cluster (the control-
// plane namespace), or — with spec.platform.kubevirt.credentials (docs: kubevirt/external-infrastructure.md) — the
// infrastructure cluster the referenced kubeconfig Secret reaches, in its infraNamespace. Like upstream it creates
// the virt-launcher NetworkPolicy there first; a Forbidden answer is the ValidKubeVirtInfraNetworkPolicyRBAC
// condition with upstream's message, an unreachable cluster a failed reconciliation.
import { SimClient, type Obj } from './client.js';
import { LOCAL_SERVERS } from '../apiserver/index.js';
import { condition, type SimContext } from './runtime.js';

export interface InfraTarget {
  client: SimClient;
  namespace: string;
  external: boolean;
  /** Conditions to add to the HostedCluster (external infrastructure only). */
  conditions: Array<ReturnType<typeof condition>>;
  /** Why the VMs cannot be created there, if so. */
  error?: string;
}

/** The hosted cluster's connection to its infrastructure cluster, kept between reconciles (in its state). */
export interface InfraClientCache {
  text?: string;
  client?: SimClient;
  /** The infrastructure cluster's own (system) client, when it is an embedded cluster of this process. */
  system?: SimClient;
}

export async function infraTarget(ctx: SimContext, hc: Obj, cpNs: string, cache: InfraClientCache): Promise<InfraTarget> {
  const creds = hc.spec?.platform?.kubevirt?.credentials;
  if (!creds?.infraKubeConfigSecret?.name || !creds.infraNamespace) return { client: ctx.client, namespace: cpNs, external: false, conditions: [] };
  const secret = await ctx.client.get('v1', 'Secret', creds.infraKubeConfigSecret.name, hc.metadata.namespace);
  const text = Buffer.from(secret?.data?.[creds.infraKubeConfigSecret.key ?? 'kubeconfig'] ?? '', 'base64').toString('utf8');
  const failed = (message: string): InfraTarget => ({ client: ctx.client, namespace: creds.infraNamespace, external: true, conditions: [condition('ReconciliationSucceeded', false, 'ReconciliationError', message)], error: message });
  if (!text) return failed(`failed to get infra cluster client: secret ${hc.metadata.namespace}/${creds.infraKubeConfigSecret.name} has no key ${creds.infraKubeConfigSecret.key ?? 'kubeconfig'}`);
  if (!cache.client || cache.text !== text) {
    cache.client?.close();
    try {
      cache.client = SimClient.fromKubeconfig(text);
      cache.text = text;
    } catch (e) {
      cache.client = undefined;
      return failed(`failed to get infra cluster client: ${(e as Error).message}`);
    }
    const opened = cache.client;
    ctx.onStop(async () => opened.close());
  }
  const infra = cache.client;
  const ns = creds.infraNamespace as string;
  try {
    await infra.list('kubevirt.io/v1', 'VirtualMachine', { namespace: ns });
  } catch (e) {
    return failed(`failed to get infra cluster client: ${(e as Error).message}`);
  }
  // The virt-launcher NetworkPolicy, as upstream reconciles it for external infrastructure.
  try {
    await infra.ensure({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'virt-launcher', namespace: ns },
      spec: { podSelector: { matchLabels: { 'kubevirt.io': 'virt-launcher', 'hypershift.openshift.io/infra-id': hc.spec?.infraID ?? hc.metadata.name } }, policyTypes: ['Ingress', 'Egress'] },
    });
  } catch (e) {
    const err = e as Error & { code?: number };
    if (err.code !== 403 && !/forbidden/i.test(err.message)) return failed(`failed to reconcile virt launcher policy on external infra: ${err.message}`);
    const message = `Unable to create/update virt-launcher NetworkPolicy on the infrastructure cluster: the external infra kubeconfig lacks networking.k8s.io/networkpolicies permissions. Grant create/update/get/list/watch on networkpolicies in the infra namespace. Error: ${err.message}`;
    return { client: infra, namespace: ns, external: true, conditions: [condition('ValidKubeVirtInfraNetworkPolicyRBAC', false, 'InfraClusterNetworkPolicyCreateFailed', message)], error: message };
  }
  // KubeVirt and the scheduler on the infrastructure cluster act with that cluster's own privileges, not the
  // tenant's: when it is an embedded cluster of this process, the VMs' lifecycle goes through its system client.
  const local = LOCAL_SERVERS.get(infra.server);
  if (local && !cache.system) {
    cache.system = SimClient.fromKubeconfig(local());
    const opened = cache.system;
    ctx.onStop(async () => opened.close());
  }
  return {
    client: local ? cache.system! : infra,
    namespace: ns,
    external: true,
    conditions: [condition('ValidKubeVirtInfraNetworkPolicyRBAC', true, 'AsExpected', 'Infrastructure cluster network configuration is readable; CIDR-based egress restrictions are active.')],
  };
}
