// External infrastructure (docs: kubevirt/external-infrastructure.md): --infra-kubeconfig-file must reach its
// server (else exit 3) and its credentials must hold, in --infra-namespace, what the docs' least-privilege Role
// grants (checked with SelfSubjectAccessReviews on the infrastructure cluster; else exit 2). Read-only: nothing
// is sent to either cluster but reads and reviews. The connection is then used for the infra-side checks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHcpError, unreachableError, usageError } from '../../errors.js';
import type { Kube } from '../../kube/types.js';
import type { KubeClient } from '../../kube/client.js';
import type { HttpLimits } from '../../kube/http.js';
import { writePrivateFile } from './hosted-cluster.js';

/** The docs' Role, one representative verb per rule (the Role grants '*' on each). */
export const INFRA_PERMISSIONS: Array<[verb: string, group: string, resource: string]> = [
  ['create', 'kubevirt.io', 'virtualmachines'],
  ['delete', 'kubevirt.io', 'virtualmachineinstances'],
  ['create', 'cdi.kubevirt.io', 'datavolumes'],
  ['create', '', 'services'],
  ['create', 'route.openshift.io', 'routes'],
  ['create', 'discovery.k8s.io', 'endpointslices'],
  ['create', '', 'secrets'],
  ['create', 'networking.k8s.io', 'networkpolicies'],
];

export interface InfraConnection {
  kube: Kube;
  close(): Promise<void>;
}

/** Connects to the infrastructure cluster and checks reachability and permissions; undefined without --infra-kubeconfig-file. */
export async function connectInfraCluster(o: { infraKubeconfig?: string; infraNamespace?: string }, limits?: HttpLimits): Promise<InfraConnection | undefined> {
  if (!o.infraKubeconfig || !o.infraNamespace) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'hcp-kv-infra-'));
  const file = join(dir, 'kubeconfig');
  let kube: KubeClient | undefined;
  try {
    await writePrivateFile(file, o.infraKubeconfig);
    const { connect } = await import('../../kube/client.js');
    kube = await connect({ kubeconfig: file, limits });
    try {
      await kube.version();
    } catch (e) {
      throw unreachableError(`--infra-kubeconfig-file: the infrastructure cluster ${kube.server} is not reachable: ${isHcpError(e) ? e.message : String(e)}`, "check the kubeconfig's server and credentials (oc --kubeconfig FILE whoami)", e);
    }
    const denied: string[] = [];
    for (const [verb, group, resource] of INFRA_PERMISSIONS) if (!(await kube.can(verb, { group, resource, namespace: o.infraNamespace }))) denied.push(`${verb} ${resource}${group ? `.${group}` : ''}`);
    if (denied.length)
      throw usageError(
        `--infra-kubeconfig-file: its credentials may not ${denied.join(', ')} in namespace ${o.infraNamespace} of the infrastructure cluster ${kube.server}`,
        'grant the Role of the external-infrastructure docs in that namespace (hcp-kv infra-credentials creates it), or pass a kubeconfig that holds it',
      );
  } catch (e) {
    kube?.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const k = kube;
  return {
    kube: k,
    close: async () => {
      k.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
