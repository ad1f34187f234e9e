// The hosted cluster's manifests as YAML, with placeholders for what only a run generates (infraID suffix,
// etcd key) and the secret data omitted unless asked for.
import { randomBytes } from 'node:crypto';
import { DEFAULT_RELEASE, releaseImageFor, resolveClusterInput, type ClusterFlags } from '../config/cluster.js';
import type { KubeObject } from '../kube/types.js';
import { clusterManifests } from '../manifests/hypershift.js';
import { toYamlDocuments } from '../output/yaml.js';
import { randomInfraSuffix } from '../steps/cluster/hosted-cluster.js';

const OMITTED = '<omitted: use --render-sensitive>';

export function renderCluster(name: string | undefined, f: ClusterFlags, sensitive: boolean): string {
  const input = resolveClusterInput(name, f, process.env);
  const releaseImage = input.releaseImage || releaseImageFor(DEFAULT_RELEASE);
  const objects = clusterManifests(
    { ...input, releaseImage, infraID: `${input.name}-${randomInfraSuffix()}` },
    { pullSecret: input.pullSecret ?? '{"auths":{}}', sshPublicKey: input.sshPublicKey, etcdEncryptionKey: randomBytes(32).toString('base64') },
  );
  const shown = objects.map((o): KubeObject => (o.kind === 'Secret' && !sensitive ? { ...o, data: Object.fromEntries(Object.keys(o.data as object).map((k) => [k, OMITTED])) } : o));
  return toYamlDocuments(shown);
}

export interface RenderClusterFlags extends ClusterFlags {
  renderSensitive?: boolean;
}

/** `hcp-kv render cluster [NAME]`. */
export async function run(name: string | undefined, f: RenderClusterFlags): Promise<void> {
  process.stdout.write(renderCluster(name, f, Boolean(f.renderSensitive)));
}
