import type { Command } from 'commander';
import type { DemoFlags } from './demo-impl.js';
import { enumOption, globals } from './common.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the embedded management cluster, bootstrap it, create hosted cluster kv-00 with 2 workers, and show it')
    .addOption(enumOption('--profile <name>', 'simulated operator timings: instant, fast or realistic', ['instant', 'fast', 'realistic'], 'fast'))
    .option('--topology <name>', 'isolated (control planes on their own node) or external (VMs on a second, infrastructure cluster)')
    .option('--disconnected', 'a disconnected embedded cluster with a mirror registry: operators from the mirrored catalog, kv-00 from the mirrored release')
    .action(async (f: DemoFlags, cmd: Command) => {
      const { run } = await import('./demo-impl.js');
      await run(f, globals(cmd));
    });
}
