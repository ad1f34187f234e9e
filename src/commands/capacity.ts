// hcp-kv capacity: how many more hosted control planes, and worker VMs of one shape, fit on this management cluster.
import type { Command } from 'commander';
import { enumOption, globals } from './common.js';

export interface CapacityFlags {
  memory?: string;
  cores?: string;
  output?: string;
}

export function registerCapacity(program: Command): void {
  program
    .command('capacity')
    .description('how many more hosted control planes fit (by requests and at low, medium and high API load, as the sizing guidance computes them) and how many more worker VMs of a shape; what bounds each figure')
    .option('--memory <quantity>', 'guest memory of the worker VM shape (default 8Gi, as create-cluster)')
    .option('--cores <n>', 'cores of the worker VM shape (default 2)')
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'))
    .action(async (f: CapacityFlags, cmd: Command) => {
      const { run } = await import('./capacity-impl.js');
      await run(f, globals(cmd));
    });
}
