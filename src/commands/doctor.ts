import type { Command } from 'commander';
import { connectKube, enumOption, globals, outputFormat } from './common.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('read-only report of the management cluster; exits 0 only when it is ready for create-cluster')
    .addOption(enumOption('-o, --output <format>', 'table or json', ['table', 'json'], 'table'))
    .option('--all', 'also list the checks that pass')
    .action(async (f: { output?: string; all?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['table', 'json']);
      const kube = await connectKube(g);
      try {
        const { runDoctor } = await import('../steps/doctor.js');
        const report = await runDoctor(kube);
        const { checks } = report;
        if (output === 'json') process.stdout.write(`${JSON.stringify({ ready: checks.every((c) => c.status === 'ok'), checks }, null, 2)}\n`);
        else {
          const { doctorText } = await import('../output/doctor-text.js');
          const { terminalWidth } = await import('../output/table.js');
          process.stdout.write(doctorText(report, { width: terminalWidth(process.stdout), all: Boolean(f.all) }));
        }
        if (!checks.every((c) => c.status === 'ok')) process.exitCode = 1;
      } finally {
        kube.close();
      }
    });
}
