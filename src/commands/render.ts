import type { Command } from 'commander';
import type { BootstrapFlags } from '../config/bootstrap.js';
import { bootstrapFlags } from './bootstrap.js';

/** `hcp-kv render …`: manifests as multi-document YAML, no cluster needed. Subcommands register here. */
export function registerRender(program: Command): Command {
  const render = program.command('render').description('print the manifests a command would apply, as multi-document YAML (no cluster needed)');
  bootstrapFlags(render.command('bootstrap').description('every manifest bootstrap would apply'))
    .option('--mce-version <version>', 'render the MCE objects for this version (2.2 needs the preview override)', '2.2.0')
    .action(async (f: BootstrapFlags & { mceVersion: string }) => {
      const { resolveBootstrapOptions } = await import('../config/bootstrap.js');
      const opts = await resolveBootstrapOptions(f);
      const { bootstrapManifests } = await import('../manifests/bootstrap.js');
      const { toYamlDocuments } = await import('../output/yaml.js');
      process.stdout.write(toYamlDocuments(bootstrapManifests(opts, f.mceVersion).flatMap((g) => g.objects)));
    });
  return render;
}
