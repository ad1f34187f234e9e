// What oc-mirror writes for the cluster, sorted into what hcp-kv applies, skips and refuses. Pure: the caller
// reads the files. Modelled on openshift/oc-mirror
// v2/internal/pkg/clusterresources/clusterresources.go@52b1a752ad91d913d0c8493f26c25d957e0a456e and const.go@c2364fb9:
// v2 writes working-dir/cluster-resources/ with cs-<repo>-<tag>.yaml (CatalogSource, grpc, openshift-marketplace),
// cc-<repo>-<tag>.yaml (ClusterCatalog, OLM v1), idms-oc-mirror.yaml / itms-oc-mirror.yaml (ImageDigestMirrorSet /
// ImageTagMirrorSet, several documents), updateService.yaml and the mirrored-release-signatures ConfigMap
// (openshift-config-managed). v1 wrote oc-mirror-workspace/results-<epoch>/ with catalogSource-*.yaml,
// imageContentSourcePolicy.yaml (ImageContentSourcePolicy) and mapping.txt.
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../kube/types.js';

/** Kinds applied as they are, by apiVersion/kind. */
export const APPLIED_KINDS = [
  'operators.coreos.com/v1alpha1/CatalogSource',
  'config.openshift.io/v1/ImageDigestMirrorSet',
  'config.openshift.io/v1/ImageTagMirrorSet',
  'operator.openshift.io/v1alpha1/ImageContentSourcePolicy',
  'v1/ConfigMap',
] as const;

/** Kinds oc-mirror writes that bootstrap leaves alone, and why. */
const SKIPPED_KINDS: Record<string, string> = {
  'olm.operatorframework.io/v1/ClusterCatalog': 'an OLM v1 catalog; hcp-kv subscribes through OLM v0 CatalogSources',
  'updateservice.operator.openshift.io/v1/UpdateService': 'needs the OpenShift Update Service operator; apply it yourself once that is installed',
};

export interface OcMirrorFile {
  name: string;
  text: string;
}

export interface OcMirrorResults {
  /** The objects to apply, in apply order: mirror sets first, then catalogs (their images pull through them). */
  objects: KubeObject[];
  catalogSources: KubeObject[];
  /** file: why it was not applied. */
  skipped: Array<{ file: string; why: string }>;
}

export class OcMirrorError extends Error {}

const key = (o: KubeObject) => `${o.apiVersion}/${o.kind}`;
const ORDER = (o: KubeObject) => (o.kind === 'CatalogSource' ? 1 : 0);

export function parseOcMirrorResults(files: OcMirrorFile[]): OcMirrorResults {
  const objects: KubeObject[] = [];
  const skipped: OcMirrorResults['skipped'] = [];
  for (const f of files) {
    if (f.name === 'mapping.txt') {
      skipped.push({ file: f.name, why: 'the image mapping oc-mirror used, not a cluster resource' });
      continue;
    }
    let docs: unknown[];
    try {
      docs = loadAll(f.text).filter((d) => d !== null && d !== undefined);
    } catch (e) {
      throw new OcMirrorError(`${f.name} is not YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
    }
    for (const d of docs) {
      const o = d as KubeObject;
      if (!o || typeof o !== 'object' || !o.apiVersion || !o.kind || !o.metadata?.name) throw new OcMirrorError(`${f.name} holds a document that is not a Kubernetes object (apiVersion, kind, metadata.name)`);
      if (SKIPPED_KINDS[key(o)]) {
        skipped.push({ file: f.name, why: `${o.kind} ${o.metadata.name}: ${SKIPPED_KINDS[key(o)]}` });
        continue;
      }
      if (!(APPLIED_KINDS as readonly string[]).includes(key(o))) throw new OcMirrorError(`${f.name}: ${o.kind} (${o.apiVersion}) ${o.metadata.name} is not a kind oc-mirror writes that hcp-kv supports (${APPLIED_KINDS.join(', ')})`);
      if (o.kind === 'CatalogSource' && (o.metadata.namespace ?? 'openshift-marketplace') !== 'openshift-marketplace')
        throw new OcMirrorError(`${f.name}: CatalogSource ${o.metadata.name} is in namespace ${o.metadata.namespace}; hcp-kv subscribes from openshift-marketplace only`);
      if (o.kind === 'ConfigMap' && o.metadata.namespace !== 'openshift-config-managed')
        throw new OcMirrorError(`${f.name}: ConfigMap ${o.metadata.name} is not the release signatures ConfigMap oc-mirror writes (namespace openshift-config-managed)`);
      const clean: KubeObject = {
        apiVersion: o.apiVersion,
        kind: o.kind,
        metadata: { name: o.metadata.name, ...(o.metadata.namespace || o.kind === 'CatalogSource' ? { namespace: o.metadata.namespace ?? 'openshift-marketplace' } : {}), ...(o.metadata.labels ? { labels: o.metadata.labels } : {}) },
      };
      for (const [k, v] of Object.entries(o)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) (clean as Record<string, unknown>)[k] = v;
      const id = (x: KubeObject) => `${key(x)}/${x.metadata.namespace ?? ''}/${x.metadata.name}`;
      const twin = objects.find((x) => id(x) === id(clean));
      // v2 writes the signatures ConfigMap twice: signature-configmap.json and signature-configmap.yaml.
      if (twin) {
        skipped.push({ file: f.name, why: `${o.kind} ${o.metadata.name} again (applied once)` });
        continue;
      }
      objects.push(clean);
    }
  }
  objects.sort((a, b) => ORDER(a) - ORDER(b));
  return { objects, catalogSources: objects.filter((o) => o.kind === 'CatalogSource'), skipped };
}
