import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { bootstrapFlags } from './bootstrap.js';
import { type Cmd, defer, deferSubcommands, type FlagsOf, type NoFlags } from './flags.js';

const renderBootstrapFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  bootstrapFlags(cmd).option('--mce-version <version>', 'render the MCE objects for this version (2.2 needs the preview override)', '2.2.0');
export type RenderBootstrapFlags = FlagsOf<typeof renderBootstrapFlags<[], NoFlags, NoFlags>>;

/** `hcp-kv render …`: manifests as multi-document YAML, no cluster needed. Subcommands register here. */
export function registerRender(program: CommandUnknownOpts): CommandUnknownOpts {
  const render = program.command('render').description('print the manifests a command would apply, as multi-document YAML (no cluster needed)');
  deferSubcommands(render, (render) => {
    defer(render.command('bootstrap').description('every manifest bootstrap would apply'), (cmd) =>
      renderBootstrapFlags(cmd).action(async (f) => {
        const { run } = await import('./render-impl.js');
        await run(f);
      }),
    );
  });

  return render;
}
