// hcp-kv diagnose NAME: a short ranked list of what is wrong with a hosted cluster, with evidence and next steps.
import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import { nameOf, nameOption } from './name-arg.js';

const diagnoseFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'));
export type DiagnoseFlags = FlagsOf<typeof diagnoseFlags<[], NoFlags, NoFlags>>;

export function registerDiagnose(program: CommandUnknownOpts): void {
  defer(program.command('diagnose [name]').description('what is wrong with a hosted cluster, most fundamental first, each with its evidence and the next step (exit 1 when something is)'), (cmd) =>
    diagnoseFlags(cmd).action(async (name, f, c) => {
      const { run } = await import('./diagnose-impl.js');
      await run(nameOf(name, f.name), f, globals(c));
    }),
  );
}
