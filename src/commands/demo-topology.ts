// `hcp-kv demo --topology isolated|external`: the demo's variations for issue 12, on the embedded cluster.
// isolated: bootstrap isolates worker-0 for hosted control planes (--control-plane-nodes), kv-00's control-plane
// pods must land there and its VMs elsewhere. external: a second embedded cluster is prepared with --infra-only and
// kv-00's VMs must run there, none on the management cluster.
import type { BootstrapFlags } from '../config/bootstrap.js';
import type { ClusterFlags } from '../config/cluster-flags.js';
import { HcpError, usageError } from '../errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import { printSummary } from '../output/summary.js';
import { io } from '../run/io.js';
import { runBootstrap } from './bootstrap-impl.js';
import type { Globals } from './common.js';
import { startEmbedded, type Embedded } from './embedded.js';

export type Topology = 'isolated' | 'external';
export const CONTROL_PLANE_NODE = 'worker-0';
export const INFRA_NAMESPACE = 'kv-00-infra';

export function parseTopology(t: string | undefined): Topology | undefined {
  if (t === undefined) return undefined;
  if (t !== 'isolated' && t !== 'external') throw usageError(`--topology must be isolated or external, got "${t}"`, 'hcp-kv demo --topology isolated');
  return t;
}

/** Extra bootstrap flags for the management cluster. */
export function managementBootstrapFlags(t: Topology | undefined): Partial<BootstrapFlags> {
  return t === 'isolated' ? { controlPlaneNodes: `kubernetes.io/hostname=${CONTROL_PLANE_NODE}` } : {};
}

/** external: starts and prepares the infrastructure cluster; returns it and the create-cluster flags that point at it. */
export async function prepareInfrastructure(t: Topology | undefined, o: { profile: string; pool: string; g: Globals }): Promise<{ infra?: Embedded; flags: Partial<ClusterFlags> }> {
  if (t !== 'external') return { flags: {} };
  // OpenShift 4.14: an external infrastructure cluster needs KubeVirt 1.0 (OpenShift Virtualization 4.14) and
  // Kubernetes 1.27, which create-cluster checks (src/capacity/infra-versions.ts).
  const infra = await startEmbedded({ profile: o.profile as 'instant' | 'fast' | 'realistic', verbose: o.g.verbose, ocpVersion: '4.14.0', kubeVersion: '1.27.16' });
  try {
    io().stderr.write(`\nInfrastructure cluster (second embedded cluster) at ${infra.sim.api.url}\n$ hcp-kv --kubeconfig infra.kubeconfig bootstrap --infra-only --metallb-addresses ${o.pool}\n`);
    const { resolveBootstrapOptions } = await import('../config/bootstrap.js');
    const boot = await runBootstrap(infra.kube, await resolveBootstrapOptions({ metallbAddresses: o.pool, infraOnly: true }, {}), { progress: o.g.progress, signal: io().signal });
    printSummary(boot, { output: 'text' });
    if (boot.error) throw boot.error;
    await infra.kube.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: INFRA_NAMESPACE } }]);
    return { infra, flags: { infraKubeconfigFile: infra.kubeconfig, infraNamespace: INFRA_NAMESPACE } };
  } catch (e) {
    await infra.stop();
    throw e;
  }
}

type Placed = KubeObject & { spec?: { nodeName?: string }; status?: { nodeName?: string } };

/** Checks through the API that the topology holds; returns a one-line verdict for the demo's end. */
export async function verifyTopology(t: Topology | undefined, mgmt: Kube, infra: Embedded | undefined): Promise<string | undefined> {
  if (t === 'isolated') {
    const pods = (await mgmt.list<Placed>('v1', 'Pod', { namespace: 'clusters-kv-00' })).filter((p) => !p.metadata.name.startsWith('virt-launcher-'));
    const vmis = await mgmt.list<Placed>('kubevirt.io/v1', 'VirtualMachineInstance', { namespace: 'clusters-kv-00' });
    const strayPods = pods.filter((p) => p.spec?.nodeName !== CONTROL_PLANE_NODE);
    const strayVms = vmis.filter((v) => !v.status?.nodeName || v.status.nodeName === CONTROL_PLANE_NODE);
    if (!pods.length || strayPods.length || !vmis.length || strayVms.length)
      throw new HcpError(
        `the isolated topology does not hold: control-plane pods off ${CONTROL_PLANE_NODE}: ${strayPods.map((p) => p.metadata.name).join(', ') || 'none'}; VMs on it or unplaced: ${strayVms.map((v) => v.metadata.name).join(', ') || 'none'}`,
      );
    return `every control-plane pod of kv-00 (${pods.length}) runs on ${CONTROL_PLANE_NODE}, every VM (${vmis.length}) on another node`;
  }
  if (t === 'external' && infra) {
    const there = await infra.kube.list('kubevirt.io/v1', 'VirtualMachine', { namespace: INFRA_NAMESPACE });
    const here = await mgmt.list('kubevirt.io/v1', 'VirtualMachine');
    if (!there.length || here.length) throw new HcpError(`the external topology does not hold: ${there.length} VMs on the infrastructure cluster, ${here.length} on the management cluster`);
    return `kv-00's ${there.length} VMs run on the infrastructure cluster (${INFRA_NAMESPACE}), none on the management cluster`;
  }
  return undefined;
}
