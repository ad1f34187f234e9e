import type { Command } from 'commander';
import { globals } from './common.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('read-only report of the management cluster; exits 0 only when it is ready for create-cluster')
    .option('-o, --output <format>', 'table or json', 'table')
    .action(async (f: { output?: string }, cmd: Command) => {
      const { run } = await import('./doctor-impl.js');
      await run(f, globals(cmd));
    });
}
