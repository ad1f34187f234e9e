// hcp-kv diagnose NAME: a short ranked list of what is wrong with a hosted cluster, with evidence and next steps.
import type { Command } from 'commander';
import { globals } from './common.js';

export function registerDiagnose(program: Command): void {
  program
    .command('diagnose <name>')
    .description('what is wrong with a hosted cluster, most fundamental first, each with its evidence and the next step (exit 1 when something is)')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (name: string, f: { namespace: string; output?: string }, cmd: Command) => {
      const { run } = await import('./diagnose-impl.js');
      await run(name, f, globals(cmd));
    });
}
