// hcp-kv capacity: how many more hosted control planes, and worker VMs of one shape, fit on this management cluster.
import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';

const capacityFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('--memory <quantity>', 'guest memory of the worker VM shape (default 8Gi, as create-cluster)')
    .option('--cores <n>', 'cores of the worker VM shape (default 2)')
    .option('--root-volume-size <Gi>', 'root volume of the worker VM shape, in Gi (default 32, as create-cluster)')
    .option('--root-volume-storage-class <name>', "the workers' root-volume class (default: the default StorageClass)")
    .option('--etcd-storage-class <name>', "etcd's class (default: the one bootstrap recorded, else the default StorageClass)")
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'));
export type CapacityFlags = FlagsOf<typeof capacityFlags<[], NoFlags, NoFlags>>;

export function registerCapacity(program: CommandUnknownOpts): void {
  const capacity = program
    .command('capacity')
    .description(
      'how many more hosted control planes fit (by requests and at low, medium and high API load, as the sizing guidance computes them) and how many more worker VMs of a shape; what bounds each figure (CPU, memory, pods, storage)',
    );
  defer(capacity, (cmd) =>
    capacityFlags(cmd).action(async (f, c) => {
      const { run } = await import('./capacity-impl.js');
      await run(f, globals(c));
    }),
  );
}
