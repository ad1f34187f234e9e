// Pure builders for the core objects bootstrap and create-cluster apply.
import type { KubeObject } from '../kube/types.js';

export function namespace(name: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } };
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/** The annotation patch that makes (or stops making) a StorageClass the default. */
export function defaultClassPatch(isDefault: boolean): { metadata: { annotations: Record<string, string | null> } } {
  return { metadata: { annotations: { [DEFAULT_CLASS_ANNOTATION]: isDefault ? 'true' : null } } };
}
