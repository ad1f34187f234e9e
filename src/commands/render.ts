import type { Command } from 'commander';
import { bootstrapFlags } from './bootstrap.js';
import type { RenderBootstrapFlags } from './render-impl.js';

/** `hcp-kv render …`: manifests as multi-document YAML, no cluster needed. Subcommands register here. */
export function registerRender(program: Command): Command {
  const render = program.command('render').description('print the manifests a command would apply, as multi-document YAML (no cluster needed)');
  bootstrapFlags(render.command('bootstrap').description('every manifest bootstrap would apply'))
    .option('--mce-version <version>', 'render the MCE objects for this version (2.2 needs the preview override)', '2.2.0')
    .action(async (f: RenderBootstrapFlags) => {
      const { run } = await import('./render-impl.js');
      await run(f);
    });
  return render;
}
