import type { ClusterInput } from '../../config/cluster.js';
import type { StepContext } from '../../run/step.js';

export interface CreateOptions extends ClusterInput {
  wait: boolean;
  skipVersionCheck: boolean;
  kubeconfigOut: string;
  force: boolean;
  engine: 'native' | 'hypershift';
  /** Writes the kubeconfig file; the demo passes false. */
  writeKubeconfig: boolean;
  /** --engine hypershift: the user's upstream flags, checked and formatted (config/hypershift-args). */
  passThrough?: string[];
  /** --generate-ssh: the generated (or reused) private key. */
  sshPrivateKey?: string;
}

export type ClusterContext = StepContext<CreateOptions>;

export const CMEMO = {
  infraID: 'cluster.infraID',
  etcdKey: 'cluster.etcdKey',
  appsDomain: 'cluster.appsDomain',
  kubeconfigPath: 'cluster.kubeconfigPath',
} as const;

export const hcRef = (o: { name: string; namespace: string }) => ({ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', name: o.name, namespace: o.namespace });
export const npRef = (o: { name: string; namespace: string }) => ({ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'NodePool', name: o.name, namespace: o.namespace });
