import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import type { OptionValues } from '@commander-js/extra-typings';

const doctorFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd.addOption(enumOption('-o, --output <format>', 'table or json', ['table', 'json'], 'table')).option('--all', 'also list the checks that pass');
export type DoctorFlags = FlagsOf<typeof doctorFlags<[], NoFlags, NoFlags>>;

export function registerDoctor(program: CommandUnknownOpts): void {
  defer(program.command('doctor').description('read-only report of the management cluster; exits 0 only when it is ready for create-cluster'), (cmd) =>
    doctorFlags(cmd).action(async (f, c) => {
      const { run } = await import('./doctor-impl.js');
      await run(f, globals(c));
    }),
  );
}
