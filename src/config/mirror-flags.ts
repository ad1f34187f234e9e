// create-cluster's mirror options (docs/disconnected.md): --image-content-sources-from-management (hcp-kv's own;
// upstream hcp has no such flag) and --skip-mirror-check. --image-content-sources and --additional-trust-bundle are
// upstream's, parsed in cluster-parse.ts.
import { usageError } from '../errors.js';
import { parseGoBool } from './kube-values.js';

export function mirrorOptions(f: { imageContentSourcesFromManagement?: string | boolean; skipMirrorCheck?: boolean }): { imageContentSourcesFromManagement: boolean; skipMirrorCheck: boolean } {
  const v = f.imageContentSourcesFromManagement;
  const derive = v === undefined ? false : parseGoBool(v);
  if (derive === undefined) throw usageError(`--image-content-sources-from-management takes true or false, got "${String(v)}"`, 'write --image-content-sources-from-management or --image-content-sources-from-management=false');
  return { imageContentSourcesFromManagement: derive, skipMirrorCheck: Boolean(f.skipMirrorCheck) };
}
