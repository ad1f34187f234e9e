// An external infrastructure cluster must run KubeVirt 1.0 or later on Kubernetes 1.27 or later: the HyperShift
// operator checks it only once the HostedCluster exists (openshift/hypershift
// kubevirtexternalinfra/externalinfra.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf ValidateClusterVersions: "hypershift
// kubevirt platform requires kubevirt version [1.0.0] or greater", "… Kubernetes version [1.27.0] or greater", called
// from hypershift-operator/controllers/hostedcluster/hostedcluster_controller.go validateKubevirtConfig); hcp-kv
// refuses before anything is written. Both versions are read from the server, never guessed:
// - Kubernetes: GET /version gitVersion, as the operator (discovery ServerVersion); readable by any authenticated
//   user (the system:public-info-viewer role);
// - KubeVirt: the KubeVirt resource's status.observedKubeVirtVersion (kubevirt/kubevirt
//   staging/src/kubevirt.io/api/core/v1/types.go@b6f4e92e72df82a52674d5cb3ad2c03c2d238068, KubeVirtStatus.ObservedKubeVirtVersion) — OpenShift
//   Virtualization's is kubevirt-kubevirt-hyperconverged beside its HyperConverged. (The operator asks virt-api's
//   /apis/subresources.kubevirt.io/<version>/version instead; hcp-kv's client speaks only to resources.) The docs'
//   least-privilege Role may not read it: then the KubeVirt version is reported as not checked, never guessed.
import semver from 'semver';
import type { Kube, KubeObject } from '../kube/types.js';
import { isForbidden } from './read.js';
import type { Finding } from './finding.js';

const DOC = 'HyperShift requires it of the cluster that runs the VMs';
export const MIN_INFRA_KUBEVIRT = '1.0.0';
export const MIN_INFRA_KUBERNETES = '1.27.0';

type KubeVirt = KubeObject & { status?: { observedKubeVirtVersion?: string; phase?: string } };

/** Pure: the verdicts for the versions read (undefined: not readable). */
export function infraVersionFindings(server: string, kubernetes: string | undefined, kubevirt: string | undefined): Finding[] {
  const out: Finding[] = [];
  const k8s = semver.coerce(kubernetes ?? '')?.version;
  if (k8s) {
    out.push(
      semver.gte(k8s, MIN_INFRA_KUBERNETES)
        ? { id: 'infra-kubernetes-version', ok: true, severity: 'refuse', message: `infrastructure cluster ${server}: Kubernetes ${kubernetes}` }
        : {
            id: 'infra-kubernetes-version',
            ok: false,
            severity: 'refuse',
            message: `the infrastructure cluster ${server} runs Kubernetes ${kubernetes}: an external infrastructure cluster needs Kubernetes 1.27 or later (${DOC})`,
            hint: 'upgrade the infrastructure cluster (OpenShift 4.14 or later runs Kubernetes 1.27 or later), or run the VMs on the management cluster (no --infra-kubeconfig-file)',
          },
    );
  }
  const kv = semver.coerce(kubevirt ?? '')?.version;
  if (kv) {
    out.push(
      semver.gte(kv, MIN_INFRA_KUBEVIRT)
        ? { id: 'infra-kubevirt-version', ok: true, severity: 'refuse', message: `infrastructure cluster ${server}: KubeVirt ${kubevirt}` }
        : {
            id: 'infra-kubevirt-version',
            ok: false,
            severity: 'refuse',
            message: `the infrastructure cluster ${server} runs KubeVirt ${kubevirt}: an external infrastructure cluster needs KubeVirt 1.0 or later (${DOC})`,
            hint: 'upgrade KubeVirt there (OpenShift Virtualization 4.14 or later ships KubeVirt 1.0 or later), or run the VMs on the management cluster (no --infra-kubeconfig-file)',
          },
    );
  } else if (kubevirt === undefined) {
    out.push({ id: 'infra-kubevirt-version', ok: true, severity: 'warn', message: `infrastructure cluster ${server}: KubeVirt version not checked (no KubeVirt resource these credentials may read)` });
  }
  return out;
}

/** The newest observedKubeVirtVersion of the KubeVirt resources these credentials may list; undefined when none. */
async function kubevirtVersion(infra: Kube): Promise<string | undefined> {
  if (!(await infra.hasKind('kubevirt.io/v1', 'KubeVirt'))) return undefined;
  try {
    const all = await infra.list<KubeVirt>('kubevirt.io/v1', 'KubeVirt');
    return all.map((k) => k.status?.observedKubeVirtVersion).find((v): v is string => Boolean(v));
  } catch (e) {
    if (isForbidden(e)) return undefined;
    throw e;
  }
}

/** The findings for an external infrastructure cluster reached through `infra`. */
export async function infraVersions(infra: Kube): Promise<Finding[]> {
  const [version, kubevirt] = await Promise.all([infra.version(), kubevirtVersion(infra)]);
  return infraVersionFindings(infra.server, version.gitVersion, kubevirt);
}
