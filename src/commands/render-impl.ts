// render bootstrap: every manifest bootstrap would apply, as multi-document YAML.
import { resolveBootstrapOptions, type BootstrapFlags } from '../config/bootstrap.js';
import { bootstrapManifests } from '../manifests/bootstrap.js';
import { toYamlDocuments } from '../output/yaml.js';
import { io } from '../run/io.js';

export interface RenderBootstrapFlags extends BootstrapFlags {
  mceVersion: string;
}

/** `hcp-kv render bootstrap`. */
export async function run(f: RenderBootstrapFlags): Promise<void> {
  const opts = await resolveBootstrapOptions(f);
  io().stdout.write(toYamlDocuments(bootstrapManifests(opts, f.mceVersion).flatMap((g) => g.objects)));
}
