import type { Command } from 'commander';
import type { CreateClusterFlags } from './create-cluster-impl.js';
import { globals } from './common.js';

export function clusterFlags(cmd: Command): Command {
  return cmd
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--replicas <n>', 'worker VMs in the node pool (default 2)')
    .option('--node-pool-replicas <n>', 'same as --replicas (hypershift CLI name)')
    .option('--memory <quantity>', 'memory per worker VM', '8Gi')
    .option('--cores <n>', 'cores per worker VM', '2')
    .option('--release <x.y.z>', 'OpenShift release (default: the newest the HyperShift operator supports)')
    .option('--release-image <image>', 'release image instead of --release')
    .option('--pull-secret <file>', 'pull secret file (env PULL_SECRET: a path or the JSON)')
    .option('--ssh-key <file>', 'SSH public key for the workers')
    .option('--root-volume-size <Gi>', 'root volume size in Gi (min 16)', '32')
    .option('--root-volume-storage-class <sc>', 'StorageClass of the VM root volumes')
    .option('--root-volume-access-modes <modes>', 'e.g. ReadWriteMany')
    .option('--root-volume-volume-mode <mode>', 'Block or Filesystem')
    .option('--etcd-storage-class <sc>', 'StorageClass for etcd')
    .option('--infra-storage-class-mapping <pairs>', 'INFRA/GUEST storage class pairs, comma-separated')
    .option('--base-domain <domain>', "DNS base domain (default: the management cluster's apps domain)")
    .option('--control-plane-availability-policy <policy>', 'SingleReplica or HighlyAvailable', 'SingleReplica')
    .option('--vm-node-selector <k=v,...>', 'schedule the VMs on these infra nodes');
}

export function registerCreateCluster(program: Command): void {
  clusterFlags(program.command('create-cluster [name]').description('create a KubeVirt hosted cluster and wait until it is ready (NAME also from KUBEVIRT_CLUSTER_NAME)'))
    .option('--wait', 'wait until the cluster is ready (the default)')
    .option('--no-wait', 'return once the objects are applied')
    .option('--timeout <duration>', 'how long to wait for the cluster', '30m')
    .option('--kubeconfig-out <file>', 'where to write the admin kubeconfig (default <NAME>-kubeconfig)')
    .option('--force', 'overwrite an existing kubeconfig file')
    .option('--skip-version-check', 'do not refuse releases the HyperShift operator does not list as supported')
    .option('--render', 'print the manifests as YAML instead of applying them (secrets omitted)')
    .option('--render-sensitive', 'with --render: include the secret data')
    .option('--engine <engine>', 'native (hcp-kv applies the objects) or hypershift (run the hypershift binary)', 'native')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string | undefined, f: CreateClusterFlags, cmd: Command) => {
      const { run } = await import('./create-cluster-impl.js');
      await run(name, f, globals(cmd));
    });
}
