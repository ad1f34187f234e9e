// The hosted cluster's manifests as YAML, as `hcp create cluster kubevirt --render` prints them: Secrets only
// with --render-sensitive, keys sorted, infraID suffix and etcd key random. With no cluster to ask, the release
// is the one given (x.y.z: the public image) or DEFAULT_RENDER_RELEASE.
import { randomBytes } from 'node:crypto';
import { resolveClusterInput, type ClusterFlags } from '../config/cluster.js';
import { releaseImageFor } from '../config/release.js';
import { generateSshKeyPair } from '../config/ssh-keygen.js';
import { usageError } from '../errors.js';
import type { KubeObject } from '../kube/types.js';
import { clusterManifests } from '../manifests/hypershift.js';
import { checkOutputFile, writeOutputFile } from '../output/write-file.js';
import { toYamlDocuments } from '../output/yaml.js';
import { randomInfraSuffix } from '../steps/cluster/hosted-cluster.js';
import { io } from '../run/io.js';
import { mirrorOptions } from '../config/mirror-flags.js';
import { rulesOf, type MirrorRule } from '../mirror/rules.js';
import { imageContentSourcesFrom, mirrorSetObjects } from '../preflight/mirror-site.js';
import type { RenderClusterFlags } from './render-cluster.js';

export const DEFAULT_RENDER_RELEASE = '4.14.0';

export function renderClusterObjects(name: string | undefined, f: ClusterFlags, sensitive: boolean, fromManagement?: ImageSources): KubeObject[] {
  const resolved = resolveClusterInput(name, f, io().env);
  const input = !fromManagement ? resolved : { ...resolved, request: { ...resolved.request, imageContentSources: imageContentSourcesFrom(fromManagement.rules, resolved.request.imageContentSources).sources } };
  const req = input.release.request;
  if (req.kind === 'minor') throw usageError(`render has no cluster to resolve --release ${req.minor} through its ClusterImageSets`, `give the full version (--release ${req.minor}.z) or --release-image`);
  const releaseImage = req.kind === 'image' ? req.image : releaseImageFor(req.kind === 'patch' ? req.version : DEFAULT_RENDER_RELEASE, input.request.arch);
  // --generate-ssh: a real pair only when the Secrets are shown; otherwise only the reference is rendered.
  const ssh = input.generateSsh ? (sensitive ? generateSshKeyPair() : { publicKey: 'generated', privateKey: undefined }) : { publicKey: input.secrets.sshPublicKey, privateKey: undefined };
  const objects = clusterManifests(
    { ...input.request, releaseImage, infraID: input.infraID ?? `${input.name}-${randomInfraSuffix()}` },
    { pullSecret: input.secrets.pullSecret ?? '{"auths":{}}', sshPublicKey: ssh.publicKey, sshPrivateKey: ssh.privateKey, infraKubeconfig: input.secrets.infraKubeconfig, etcdEncryptionKey: randomBytes(32).toString('base64') },
  );
  return objects.filter((o) => sensitive || o.kind !== 'Secret');
}

/** To stdout, or to --render-into FILE: mode 0600 (with --render-sensitive it holds the pull secret, etcd key and
 * SSH private key), never over an existing file without --force, a symlink or the management kubeconfig. */
export async function renderClusterTo(name: string | undefined, f: ClusterFlags, sensitive: boolean, file?: string, o: { force?: boolean; kubeconfig?: string } = {}): Promise<void> {
  const options = { flag: '--render-into', force: o.force, private: true, kubeconfig: o.kubeconfig };
  if (file) checkOutputFile(file, options);
  const text = toYamlDocuments(renderClusterObjects(name, f, sensitive, await managementImageSources(f, o.kubeconfig)), { sortKeys: true });
  if (file) await writeOutputFile(file, text, options);
  else io().stdout.write(text);
}

type ImageSources = { rules: MirrorRule[] };

/** --image-content-sources-from-management: the one thing render reads from the management cluster. */
async function managementImageSources(f: ClusterFlags, kubeconfig: string | undefined): Promise<ImageSources | undefined> {
  if (!mirrorOptions(f).imageContentSourcesFromManagement) return undefined;
  const { connect } = await import('../kube/client.js');
  const kube = await connect({ kubeconfig });
  try {
    return { rules: rulesOf(await mirrorSetObjects(kube)) };
  } finally {
    kube.close();
  }
}

/** `hcp-kv render cluster [NAME]`. */
export async function run(name: string | undefined, f: RenderClusterFlags, kubeconfig?: string): Promise<void> {
  await renderClusterTo(name, f, Boolean(f.renderSensitive), f.renderInto, { force: f.force, kubeconfig });
}
