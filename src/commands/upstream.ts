// Upstream's command tree with only the binary's name changed: `hcp create cluster kubevirt`, `hcp create
// nodepool kubevirt`, `hcp create kubeconfig`, `hcp destroy cluster kubevirt` (and the `hypershift` developer
// CLI's identical spellings the seed walkthrough uses) run as `hcp-kv create cluster kubevirt …` etc. Each is an
// alias: the same flag declarations and the same run function as hcp-kv's own command, nothing copied.
// Upstream: openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf product-cli/cmd/create/create.go,
// product-cli/cmd/destroy/destroy.go, product-cli/cmd/cluster/cluster.go (create/destroy "cluster"),
// product-cli/cmd/cluster/kubevirt/{create,destroy}.go, product-cli/cmd/nodepool/create.go,
// product-cli/cmd/nodepool/kubevirt/create.go, product-cli/cmd/kubeconfig/create.go.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { createKubeconfigCommand } from './clusters.js';
import { createClusterCommand } from './create-cluster.js';
import { destroyClusterCommand } from './destroy-cluster.js';
import { deferSubcommands } from './flags.js';
import { createNodePoolCommand } from './nodepool.js';

const same = (cmd: string) => `(upstream spelling of \`hcp-kv ${cmd}\`, same flags)`;

export function registerUpstreamTree(program: CommandUnknownOpts): void {
  const create = program.command('create').description('upstream `hcp create` spellings: cluster kubevirt, nodepool kubevirt, kubeconfig');
  deferSubcommands(create, (create) => {
    const createCluster = create.command('cluster').description('create a hosted cluster (upstream `hcp create cluster`)');
    createClusterCommand(createCluster.command('kubevirt [name]').description(`create a KubeVirt hosted cluster and wait until it is ready ${same('create-cluster')}`));
    const createNodePool = create.command('nodepool').description('create a node pool (upstream `hcp create nodepool`)');
    createNodePoolCommand(createNodePool.command('kubevirt [name]').description(`add a KubeVirt node pool and wait until its Nodes are Ready ${same('nodepool create')}`));
    createKubeconfigCommand(create.command('kubeconfig [name]').description(`print the hosted cluster's admin kubeconfig on stdout (--out FILE to write one) ${same('create-kubeconfig')}`), '-');
  });

  const destroy = program.command('destroy').description('upstream `hcp destroy` spellings: cluster kubevirt');
  deferSubcommands(destroy, (destroy) => {
    const destroyCluster = destroy.command('cluster').description('destroy a hosted cluster (upstream `hcp destroy cluster`)');
    destroyClusterCommand(destroyCluster.command('kubevirt [name]').description(`delete a hosted cluster and wait until it is gone; never asks, as hcp ${same('destroy-cluster')}`), { confirm: false });
  });
}
