// The KubeVirt NodePool flags of upstream `hcp create cluster kubevirt` / `hcp create nodepool kubevirt`
// (openshift/hypershift cmd/nodepool/kubevirt/create.go and the NodePool part of cmd/cluster/core/create.go,
// @3ee9615567), declared once: shared by create-cluster, render cluster and nodepool create. Their values are
// parsed in config/nodepool-flags.ts.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { CACHE_STRATEGIES, MULTIQUEUE_SETTINGS, NODEPOOL_DEFAULTS, QOS_CLASSES, ROOT_VOLUME_ACCESS_MODES, UPGRADE_TYPES, VOLUME_MODES } from '../config/flag-choices.js';
import { repeatable } from '../config/values/flag-args.js';
import { enumOption, type FlagsOf, type NoFlags } from './flags.js';

const collect = repeatable;

/** Declares the flags on a command. */
export function addNodePoolFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .option('--memory <quantity>', `memory visible inside each VM, a BinarySI quantity such as 8Gi (default ${NODEPOOL_DEFAULTS.memory}; upstream 4Gi)`)
    .option('--cores <n>', `cores per VM, at least 1 (default ${NODEPOOL_DEFAULTS.cores})`)
    .option('--root-volume-size <Gi>', `root volume size in Gi, at least 16 (default ${NODEPOOL_DEFAULTS.rootVolumeSize})`)
    .option('--root-volume-storage-class <sc>', 'StorageClass of the VM root volumes')
    .option('--root-volume-access-modes <modes>', `comma-separated: ${ROOT_VOLUME_ACCESS_MODES.join(', ')}`)
    .addOption(enumOption('--root-volume-volume-mode <mode>', 'Block or Filesystem', VOLUME_MODES))
    .addOption(enumOption('--root-volume-cache-strategy <type>', 'boot image caching: None or PVC', CACHE_STRATEGIES))
    .addOption(enumOption('--qos-class <class>', `Burstable or Guaranteed (limits = requests) (default ${NODEPOOL_DEFAULTS.qosClass})`, QOS_CLASSES))
    .option('--additional-network <name:NS/NAD>', 'attach a NetworkAttachmentDefinition, e.g. name:ns1/nad-foo (repeatable)', collect)
    .option('--attach-default-network [bool]', 'attach the default pod network; =false needs --additional-network (default true)')
    .option('--host-device-name <NAME[,count:N]>', 'expose an infra PCI device to the VMs, count defaults to 1 (repeatable)', collect)
    .option('--vm-node-selector <k=v,...>', 'node selector for the VMs on the infra cluster (repeatable)', collect)
    .addOption(enumOption('--network-multiqueue <setting>', `Enable or Disable vhost multiqueue (default ${NODEPOOL_DEFAULTS.networkMultiqueue})`, MULTIQUEUE_SETTINGS))
    .addOption(enumOption('--node-upgrade-type <type>', 'Replace or InPlace (default Replace)', UPGRADE_TYPES))
    .option('--auto-repair [bool]', 'machine health checks repair nodes (default false)')
    .option('--node-drain-timeout <duration>', 'NodeDrainTimeout, a Go duration such as 10m (default 0s)')
    .option('--node-volume-detach-timeout <duration>', 'NodeVolumeDetachTimeout, a Go duration (default 0s)')
    .option('--release-image <image>', 'OpenShift release image of the nodes');
}

/** The raw commander values (strings, repeatable flags as arrays). */
export type NodePoolFlagValues = FlagsOf<typeof addNodePoolFlags<[], NoFlags, NoFlags>>;
