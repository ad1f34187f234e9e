// hcp-kv capacity: how many more hosted control planes, and worker VMs of one shape, fit on this management cluster.
import type { Command } from 'commander';
import { enumOption, globals } from './common.js';

export interface CapacityFlags {
  memory?: string;
  cores?: string;
  rootVolumeSize?: string;
  rootVolumeStorageClass?: string;
  etcdStorageClass?: string;
  output?: string;
}

export function registerCapacity(program: Command): void {
  program
    .command('capacity')
    .description(
      'how many more hosted control planes fit (by requests and at low, medium and high API load, as the sizing guidance computes them) and how many more worker VMs of a shape; what bounds each figure (CPU, memory, pods, storage)',
    )
    .option('--memory <quantity>', 'guest memory of the worker VM shape (default 8Gi, as create-cluster)')
    .option('--cores <n>', 'cores of the worker VM shape (default 2)')
    .option('--root-volume-size <Gi>', 'root volume of the worker VM shape, in Gi (default 32, as create-cluster)')
    .option('--root-volume-storage-class <name>', "the workers' root-volume class (default: the default StorageClass)")
    .option('--etcd-storage-class <name>', "etcd's class (default: the one bootstrap recorded, else the default StorageClass)")
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'))
    .action(async (f: CapacityFlags, cmd: Command) => {
      const { run } = await import('./capacity-impl.js');
      await run(f, globals(cmd));
    });
}
