// A hosted cluster's worker VMs where they run: in its control-plane namespace on the management cluster, or, with
// external infrastructure (spec.platform.kubevirt.credentials), in the infrastructure namespace of the cluster its
// infrastructure kubeconfig Secret reaches.
import { HcpError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { Pod, Secret } from './core.js';
import type { HostedCluster, VirtualMachine, VirtualMachineInstance } from './generated.js';

export interface Workers {
  /** The namespace the VMs are in. */
  namespace: string;
  /** Set with external infrastructure: the infrastructure cluster's API server. */
  external?: { server: string };
  vms: VirtualMachine[];
  vmis: VirtualMachineInstance[];
  /** The pods of the VMs' namespace (virt-launcher pods among them). */
  launchers: Pod[];
  /** With external infrastructure, why its pods could not be read (the docs' least-privilege Role grants none). */
  launcherError?: string;
}

interface Side {
  kube: Kube;
  namespace: string;
  external: boolean;
  close(): Promise<void>;
}

/** Where the cluster's VMs are: the management cluster, or the infrastructure cluster its credentials Secret reaches. */
async function vmSide(kube: Kube, hc: HostedCluster, cp: string): Promise<Side> {
  const creds = hc.spec?.platform?.kubevirt?.credentials;
  if (!creds?.infraKubeConfigSecret || !creds.infraNamespace) return { kube, namespace: cp, external: false, close: async () => {} };
  const ref = creds.infraKubeConfigSecret;
  const ns = hc.metadata.namespace;
  const secret = await kube.get<Secret>({ apiVersion: 'v1', kind: 'Secret', name: ref.name, namespace: ns });
  const key = ref.key ?? 'kubeconfig';
  const text = Buffer.from(secret?.data?.[key] ?? '', 'base64').toString('utf8');
  if (!text) throw new HcpError(`Secret ${ns}/${ref.name} holds no infrastructure kubeconfig`, { hint: 're-create the cluster with --infra-kubeconfig-file' });
  const { connectWithClusterKubeconfig, limitsOf } = await import('../kube/cluster-kubeconfig.js');
  const source = `Secret ${ns}/${ref.name} (key ${key}, the infrastructure kubeconfig of HostedCluster ${ns}/${hc.metadata.name})`;
  const infra = await connectWithClusterKubeconfig({ text, source }, { limits: limitsOf(kube) });
  return { kube: infra, namespace: creds.infraNamespace, external: true, close: async () => infra.close() };
}

/** `cpPods`: the control-plane namespace's pods, which hold the launchers when the VMs run beside the control plane. */
export async function readWorkers(kube: Kube, hc: HostedCluster, cp: string, cpPods: Pod[]): Promise<Workers> {
  const side = await vmSide(kube, hc, cp);
  try {
    const vms = await side.kube.list<VirtualMachine>('kubevirt.io/v1', 'VirtualMachine', { namespace: side.namespace });
    const vmis = await side.kube.list<VirtualMachineInstance>('kubevirt.io/v1', 'VirtualMachineInstance', { namespace: side.namespace });
    if (!side.external) return { namespace: side.namespace, vms, vmis, launchers: cpPods };
    let launcherError: string | undefined;
    const launchers = await side.kube.list<Pod>('v1', 'Pod', { namespace: side.namespace }).catch((e: unknown) => {
      launcherError = e instanceof Error ? e.message : String(e);
      return [];
    });
    return { namespace: side.namespace, external: { server: side.kube.server }, vms, vmis, launchers, ...(launcherError ? { launcherError } : {}) };
  } finally {
    await side.close();
  }
}
