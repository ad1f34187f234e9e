// An object that is being deleted must not be adopted, converged or waited on as if it were alive: refuse it.
// Used by create-cluster (and the nodepool and upgrade commands) on the HostedCluster.
import { HcpError } from '../errors.js';
import { describeObject, type KubeObject } from './types.js';

export function refuseTerminating(obj: KubeObject | undefined): void {
  const ts = obj?.metadata.deletionTimestamp;
  if (!obj || !ts) return;
  const what = describeObject(obj);
  const finalizers = obj.metadata.finalizers?.length ? ` (finalizers: ${obj.metadata.finalizers.join(', ')})` : '';
  throw new HcpError(`${what} is being deleted since ${ts}${finalizers}; nothing was changed`, {
    hint: `wait until it is gone (\`oc wait --for=delete ${obj.kind.toLowerCase()}/${obj.metadata.name}${obj.metadata.namespace ? ` -n ${obj.metadata.namespace}` : ''} --timeout=10m\`), then run the command again`,
  });
}
