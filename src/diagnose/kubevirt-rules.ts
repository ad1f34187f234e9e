// diagnose rules for what the HyperShift operator reports about the KubeVirt platform once the cluster runs
// (conditions named in openshift/hypershift api/hypershift/v1beta1 hostedcluster_conditions.go and
// nodepool_conditions.go): VMs that cannot live-migrate (KubeVirtNodesLiveMigratable, 4.17 and later), an
// infrastructure network MTU too small for the guest network (ValidKubeVirtInfraNetworkMTU, 4.15 and later), and a
// node pool outside the supported version skew (SupportedVersionSkew: never ahead of the control plane).
import { findCondition } from '../kube/conditions.js';
import type { Finding } from './finding.js';
import type { Snapshot } from './snapshot.js';

export function kubevirtRules(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const hcRef = `HostedCluster ${s.namespace}/${s.name}`;
  const migratable = findCondition(s.hc, 'KubeVirtNodesLiveMigratable');
  if (migratable?.status === 'False') {
    out.push({
      id: 'not-live-migratable',
      problem: 'the worker VMs cannot live-migrate: draining or upgrading an infrastructure node restarts them',
      evidence: [`${hcRef} KubeVirtNodesLiveMigratable=False: ${migratable.message ?? ''}`],
      next: `add a node pool on ReadWriteMany storage (hcp-kv nodepool create NAME --cluster-name ${s.name} --root-volume-access-modes ReadWriteMany --root-volume-storage-class CLASS; \`hcp-kv doctor\` shows which classes offer it), then delete the old pool`,
    });
  }
  const mtu = findCondition(s.hc, 'ValidKubeVirtInfraNetworkMTU');
  if (mtu?.status === 'False') {
    out.push({
      id: 'infra-mtu',
      problem: "the infrastructure cluster's network MTU is too small for the guest cluster's network",
      evidence: [`${hcRef} ValidKubeVirtInfraNetworkMTU=False: ${mtu.message ?? ''}`],
      next: 'raise the MTU of the infrastructure cluster network to 9000 (docs: hosted control planes on OpenShift Virtualization, prerequisites); until then expect lower guest network throughput',
    });
  }
  for (const np of s.nodePools) {
    const skew = findCondition(np, 'SupportedVersionSkew');
    if (skew?.status === 'False') {
      out.push({
        id: 'version-skew',
        problem: `node pool ${np.metadata.name} is outside the supported version skew with its control plane`,
        evidence: [`NodePool ${np.metadata.namespace}/${np.metadata.name} SupportedVersionSkew=False: ${skew.message ?? ''}`],
        next: `bring it within the skew: hcp-kv upgrade ${s.name} --node-pools ${np.metadata.name} (node pools may not be ahead of the control plane)`,
      });
    }
  }
  return out;
}

/** The node-pool conditions of the KubeVirt platform that `status` lists among its problems when False (the
 * HostedCluster's own, KubeVirtNodesLiveMigratable and ValidKubeVirtInfraNetworkMTU, are listed with every False
 * condition). A small function of the pools' conditions, so that status keeps one line per problem. */
export const POOL_PROBLEM_CONDITIONS = ['SupportedVersionSkew', 'KubeVirtNodesLiveMigratable'] as const;

export function nodePoolConditionProblems(pools: Array<{ name: string; conditions?: Array<{ type: string; status: string; message?: string }> }>): string[] {
  const out: string[] = [];
  for (const p of pools) {
    for (const type of POOL_PROBLEM_CONDITIONS) {
      const c = p.conditions?.find((x) => x.type === type);
      if (c?.status === 'False') out.push(`NodePool ${p.name}: ${type} is False${c.message ? `: ${c.message.split('\n')[0]}` : ''}`);
    }
  }
  return out;
}
