// Not a step: the catalog a bootstrap subscribes from (--catalog-source, the one CatalogSource of
// --oc-mirror-results, or redhat-operators) and the oc-mirror results folder read from disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { CATALOG } from '../manifests/olm.js';
import { OcMirrorError, parseOcMirrorResults, type OcMirrorFile, type OcMirrorResults } from '../manifests/oc-mirror.js';
import type { BootstrapContext } from '../steps/bootstrap/context.js';

const HINT = 'pass the folder oc-mirror wrote: v2 <workspace>/working-dir/cluster-resources (or the workspace), v1 oc-mirror-workspace/results-<epoch>';

/** Where the cluster resources are: DIR itself, DIR/cluster-resources, DIR/working-dir/cluster-resources, or one DIR/results-*. */
export function resultsFolder(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usageError(`--oc-mirror-results ${dir} is not a folder`, HINT);
  for (const sub of ['working-dir/cluster-resources', 'cluster-resources']) if (existsSync(join(dir, sub))) return join(dir, sub);
  const v1 = readdirSync(dir)
    .filter((n) => n.startsWith('results-') && statSync(join(dir, n)).isDirectory())
    .sort();
  if (v1.length > 1) throw usageError(`--oc-mirror-results ${dir} holds ${v1.length} oc-mirror v1 results folders (${v1.join(', ')})`, `pass the one to apply, e.g. --oc-mirror-results ${join(dir, v1[v1.length - 1]!)}`);
  return v1.length ? join(dir, v1[0]!) : dir;
}

export function readOcMirrorResults(dir: string): OcMirrorResults & { folder: string } {
  const folder = resultsFolder(dir);
  const files: OcMirrorFile[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile() || !/\.(ya?ml|json)$|^mapping\.txt$/.test(name)) continue;
    files.push({ name, text: readFileSync(path, 'utf8') });
  }
  let results: OcMirrorResults;
  try {
    results = parseOcMirrorResults(files);
  } catch (e) {
    if (e instanceof OcMirrorError)
      throw usageError(
        `--oc-mirror-results ${folder}/${e.message}`,
        'hcp-kv applies CatalogSource, ImageDigestMirrorSet, ImageTagMirrorSet, ImageContentSourcePolicy and the release signatures ConfigMap; apply anything else yourself and remove it from the folder',
      );
    throw e;
  }
  if (!results.objects.length) throw usageError(`--oc-mirror-results ${folder} holds no cluster resources oc-mirror writes (cs-*.yaml, idms-oc-mirror.yaml, itms-oc-mirror.yaml, catalogSource-*.yaml, imageContentSourcePolicy.yaml)`, HINT);
  return { ...results, folder };
}

export interface ChosenCatalog {
  name: string;
  /** Why this catalog: the flag, the oc-mirror results, or the default. */
  from: 'flag' | 'oc-mirror' | 'default';
  /** The oc-mirror results create it: its packages are checked once it is applied. */
  fromResults: boolean;
}

export function chooseCatalog(ctx: BootstrapContext, results: OcMirrorResults | undefined): ChosenCatalog {
  const inResults = (n: string) => Boolean(results?.catalogSources.some((c) => c.metadata.name === n));
  if (ctx.opts.catalogSource) return { name: ctx.opts.catalogSource, from: 'flag', fromResults: inResults(ctx.opts.catalogSource) };
  const cs = results?.catalogSources ?? [];
  if (cs.length === 1) return { name: cs[0]!.metadata.name, from: 'oc-mirror', fromResults: true };
  if (cs.length > 1)
    throw usageError(`--oc-mirror-results holds ${cs.length} CatalogSources (${cs.map((c) => c.metadata.name).join(', ')}): which one do the operators come from?`, `pass --catalog-source ${cs[0]!.metadata.name} (or another of them)`);
  return { name: CATALOG.source, from: 'default', fromResults: false };
}
