// hcp-kv diagnose NAME: a short ranked list of what is wrong with a hosted cluster, with evidence and next steps.
import type { Command } from 'commander';
import type { DiagnoseFlags } from './diagnose-impl.js';
import { enumOption, globals } from './common.js';
import { nameOf, nameOption } from './name-arg.js';

export function registerDiagnose(program: Command): void {
  nameOption(program.command('diagnose [name]').description('what is wrong with a hosted cluster, most fundamental first, each with its evidence and the next step (exit 1 when something is)'))
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'))
    .action(async (name: string | undefined, f: DiagnoseFlags, cmd: Command) => {
      const { run } = await import('./diagnose-impl.js');
      await run(nameOf(name, f.name), f, globals(cmd));
    });
}
