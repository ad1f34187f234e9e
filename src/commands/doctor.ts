import type { Command } from 'commander';
import { connectKube, globals, outputFormat } from './common.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('read-only report of the management cluster; exits 0 only when it is ready for create-cluster')
    .option('-o, --output <format>', 'table or json', 'table')
    .action(async (f: { output?: string }, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['table', 'json']);
      const kube = await connectKube(g);
      try {
        const { runDoctor } = await import('../steps/doctor.js');
        const checks = await runDoctor(kube);
        const ready = checks.every((c) => c.status === 'ok');
        if (output === 'json') {
          const { writeJson } = await import('../output/json.js');
          writeJson({ ok: ready, ready, checks, ...(ready ? {} : { error: { message: `not ready: ${checks.filter((c) => c.status !== 'ok').map((c) => c.check).join(', ')}`, hint: checks.find((c) => c.status !== 'ok' && c.hint)?.hint ?? 'see the checks that are not ok', exitCode: 1 } }) });
        }
        else {
          const { table } = await import('../output/table.js');
          process.stdout.write(table(['check', 'status', 'detail', 'hint'], checks.map((c) => [c.check, c.status, c.detail, c.hint ?? ''])));
        }
        if (!ready) process.exitCode = 1;
      } finally {
        kube.close();
      }
    });
}
