import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { io } from '../run/io.js';
import { VERSION } from '../version.js';
import { type Cmd, defer, enumOption, type FlagsOf, type NoFlags } from './flags.js';

const versionFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) => cmd.addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'));
export type VersionFlags = FlagsOf<typeof versionFlags<[], NoFlags, NoFlags>>;

export function registerVersion(program: CommandUnknownOpts): void {
  defer(program.command('version').description('print the version of hcp-kv and of Node.js'), (cmd) =>
    versionFlags(cmd).action(async (f) => {
      // The text line needs no module of its own: `hcp-kv version` starts as fast as `hcp-kv --help`.
      if (f.output === 'text') return void io().stdout.write(`hcp-kv ${VERSION} (node ${process.version})\n`);
      const { run } = await import('./version-impl.js');
      run(f, VERSION);
    }),
  );
}
