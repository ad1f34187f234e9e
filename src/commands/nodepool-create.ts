// hcp-kv nodepool create NAME --cluster-name C: the flags of upstream `hcp create nodepool kubevirt`.
import type { Command } from 'commander';
import { addNodePoolFlags, type NodePoolFlagValues } from '../config/nodepool-flags.js';
import { usageError } from '../errors.js';
import type { NodePoolOptions } from '../steps/nodepool/context.js';
import { globals } from './common.js';
import { parseReplicas, runNodePoolSteps, validName, type RunFlags } from './nodepool.js';

interface CreateFlags extends RunFlags, NodePoolFlagValues {
  clusterName?: string;
  replicas?: string;
  nodeCount?: string;
  release?: string;
}

export function registerNodePoolCreate(np: Command, common: (c: Command) => Command): void {
  const cmd = common(np.command('create <name>').description('add a node pool of KubeVirt VMs to a hosted cluster and wait until its Nodes are Ready'))
    .option('--cluster-name <name>', 'the hosted cluster (required)')
    .option('--replicas <n>', 'worker VMs (default 2)')
    .option('--node-count <n>', 'same as --replicas (hcp CLI name)')
    .option('--release <x.y.z>', 'OpenShift release of the nodes instead of --release-image (default: the control plane\'s)');
  addNodePoolFlags(cmd).action(async (name: string, f: CreateFlags, command: Command) => {
    if (!f.clusterName) throw usageError('--cluster-name is required', 'the hosted cluster to add the node pool to (hcp-kv list -A)');
    await validName(name, f.namespace);
    if (f.replicas !== undefined && f.nodeCount !== undefined && f.replicas !== f.nodeCount) throw usageError('--replicas and --node-count disagree', 'give one of them');
    const replicas = parseReplicas(f.replicas ?? f.nodeCount ?? '2');
    if (f.release && f.releaseImage) throw usageError('--release and --release-image are exclusive', 'give one of them');
    const { parseNodePoolFlags } = await import('../config/nodepool-flags.js');
    const { releaseImageFor } = await import('../config/cluster.js');
    const { parseDuration } = await import('../config/load.js');
    if (f.release && !/^\d+\.\d+\.\d+$/.test(f.release)) throw usageError(`--release "${f.release}" is not an OpenShift version`, 'write it like 4.14.8');
    const pieces = parseNodePoolFlags(f);
    const opts: NodePoolOptions = {
      name,
      namespace: f.namespace,
      clusterName: f.clusterName,
      replicas,
      timeoutMs: parseDuration(f.timeout),
      spec: {
        name,
        namespace: f.namespace,
        clusterName: f.clusterName,
        replicas,
        releaseImage: f.release ? releaseImageFor(f.release) : (pieces.releaseImage ?? ''),
        upgradeType: pieces.management.upgradeType,
        autoRepair: pieces.management.autoRepair,
        nodeDrainTimeout: pieces.nodeDrainTimeout,
        nodeVolumeDetachTimeout: pieces.nodeVolumeDetachTimeout,
        kubevirt: pieces.platform.kubevirt as unknown as Record<string, unknown>,
      },
    };
    await runNodePoolSteps(globals(command), 'nodepool create', async () => (await import('../steps/nodepool/index.js')).CREATE_NODEPOOL_STEPS, opts, f);
  });
}
