import type { Command } from 'commander';
import type { DoctorFlags } from './doctor-impl.js';
import { enumOption, globals } from './common.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('read-only report of the management cluster; exits 0 only when it is ready for create-cluster')
    .addOption(enumOption('-o, --output <format>', 'table or json', ['table', 'json'], 'table'))
    .option('--all', 'also list the checks that pass')
    .action(async (f: DoctorFlags, cmd: Command) => {
      const { run } = await import('./doctor-impl.js');
      await run(f, globals(cmd));
    });
}
