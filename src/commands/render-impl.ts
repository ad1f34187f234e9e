// render bootstrap: every manifest bootstrap would apply, as multi-document YAML.
import { resolveBootstrapOptions } from '../config/bootstrap.js';
import { bootstrapManifests } from '../manifests/bootstrap.js';
import { toYamlDocuments } from '../output/yaml.js';
import { io } from '../run/io.js';
import { operatorHubDisableDefaults } from '../manifests/operatorhub.js';
import { readOcMirrorResults } from '../preflight/mirror-catalog.js';
import type { RenderBootstrapFlags } from './render.js';

/** `hcp-kv render bootstrap`. */
export async function run(f: RenderBootstrapFlags): Promise<void> {
  const opts = await resolveBootstrapOptions(f);
  // What the mirror-resources step applies first (oc-mirror's resources, OperatorHub), and the catalog they bring.
  const mirror = opts.ocMirrorResults ? readOcMirrorResults(opts.ocMirrorResults) : undefined;
  const single = mirror?.catalogSources.length === 1 ? mirror.catalogSources[0]!.metadata.name : undefined;
  const catalogSource = opts.catalogSource ?? single;
  const first = [...(mirror?.objects ?? []), ...(opts.disableDefaultSources ? [operatorHubDisableDefaults()] : [])];
  io().stdout.write(toYamlDocuments([...first, ...bootstrapManifests({ ...opts, ...(catalogSource ? { catalogSource } : {}) }, f.mceVersion).flatMap((g) => g.objects)]));
}
