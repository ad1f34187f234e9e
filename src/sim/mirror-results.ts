// What oc-mirror (v2) writes for the simulated disconnected site, for `demo --disconnected` and the tests: the
// cluster resources of a mirror of the Red Hat operator index and the OpenShift release to MIRROR_REGISTRY, in the
// shape of openshift/oc-mirror v2/internal/pkg/clusterresources/clusterresources.go@52b1a752ad91d913d0c8493f26c25d957e0a456e
// (working-dir/cluster-resources: cs-<catalog>-<tag>.yaml, idms-oc-mirror.yaml, itms-oc-mirror.yaml; the same
// shape as test/fixtures/oc-mirror/v2), plus the mirror registry's CA as the site admin keeps it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { MIRROR_REGISTRY, mirrorCa } from './controllers/mirror.js';

const M = MIRROR_REGISTRY;

export function ocMirrorClusterResources(): Record<string, string> {
  const docs = (objects: object[]) => objects.map((o) => `---\n${dump(o)}`).join('');
  return {
    'cs-redhat-operator-index-v4-12.yaml': dump({
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'CatalogSource',
      metadata: { name: 'cs-redhat-operator-index-v4-12', namespace: 'openshift-marketplace' },
      spec: { image: `${M}/redhat/redhat-operator-index:v4.12`, sourceType: 'grpc' },
      status: {},
    }),
    'idms-oc-mirror.yaml': docs([
      {
        apiVersion: 'config.openshift.io/v1',
        kind: 'ImageDigestMirrorSet',
        metadata: { name: 'idms-operator-0' },
        spec: { imageDigestMirrors: ['odf4', 'container-native-virtualization', 'multicluster-engine', 'openshift4'].map((r) => ({ mirrors: [`${M}/${r}`], source: `registry.redhat.io/${r}` })) },
        status: {},
      },
      {
        apiVersion: 'config.openshift.io/v1',
        kind: 'ImageDigestMirrorSet',
        metadata: { name: 'idms-release-0' },
        spec: {
          imageDigestMirrors: [
            { mirrors: [`${M}/openshift/release`], source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev' },
            { mirrors: [`${M}/openshift/release-images`], source: 'quay.io/openshift-release-dev/ocp-release' },
          ],
        },
        status: {},
      },
    ]),
    'itms-oc-mirror.yaml': docs([
      { apiVersion: 'config.openshift.io/v1', kind: 'ImageTagMirrorSet', metadata: { name: 'itms-operator-0' }, spec: { imageTagMirrors: [{ mirrors: [`${M}/lvms4`], source: 'registry.redhat.io/lvms4' }] }, status: {} },
    ]),
  };
}

/** Writes DIR/working-dir/cluster-resources and DIR/mirror-ca.crt; returns both paths. */
export async function writeOcMirrorResults(dir: string): Promise<{ workspace: string; caFile: string }> {
  const folder = join(dir, 'working-dir', 'cluster-resources');
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(ocMirrorClusterResources())) await writeFile(join(folder, name), text);
  const caFile = join(dir, 'mirror-ca.crt');
  await writeFile(caFile, mirrorCa());
  return { workspace: dir, caFile };
}
