// The pods/binding subresource, the only way to set a pod's spec.nodeName after creation (what kube-scheduler
// uses): kubernetes/kubernetes pkg/registry/core/pod/storage/storage.go BindingREST
// (@00bdb3fade2ef1ada898bd8fae2c6a1958da3a5d: setPodHostAndAnnotations/assignPod; newer releases add the
// URL/body name check and refuse gated pods, both kept here). A second binding is 409 Conflict
// "Operation cannot be fulfilled on pods/binding "NAME": pod NAME is already assigned to node "NODE"".
import { ApiError, notFound } from './errors.js';
import { clone, isObj, type Obj } from './merge.js';
import { gpOf } from './registry.js';
import type { ResourceInfo } from './resources.js';
import type { Store } from './store.js';

const conflict = (pod: string, why: string) => new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${pod}": ${why}`, { name: pod, kind: 'pods/binding' });

function validateBinding(body: Obj, name: string): void {
  if (!isObj(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was not a JSON object');
  if (body.kind && body.kind !== 'Binding') throw new ApiError(400, 'BadRequest', `the body of the request must be a v1 Binding, got kind "${body.kind}"`);
  if (body.metadata?.name && body.metadata.name !== name) throw new ApiError(400, 'BadRequest', 'name in URL does not match name in Binding object');
  const target = body.target ?? {};
  const causes: Array<{ field: string; reason: string; message: string }> = [];
  // pkg/apis/core/validation ValidatePodBinding: target.kind must be empty or "Node", target.name is required.
  if (target.kind && target.kind !== 'Node') causes.push({ field: 'target.kind', reason: 'FieldValueNotSupported', message: `Unsupported value: "${target.kind}": supported values: "Node"` });
  if (!target.name) causes.push({ field: 'target.name', reason: 'FieldValueRequired', message: 'Required value' });
  if (causes.length) throw new ApiError(422, 'Invalid', `Binding "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name, kind: 'Binding', causes });
}

/** Binds the pod named in the URL to body.target.name; returns the updated pod (the response is a Status). */
export function bindPod(store: Store, res: ResourceInfo, namespace: string | undefined, name: string, body: Obj, dryRun: boolean): Obj {
  validateBinding(body, name);
  const pod = store.get(gpOf(res), namespace, name);
  if (!pod) throw notFound(res, name);
  if (pod.metadata.deletionTimestamp) throw conflict(name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if ((body.metadata?.uid && body.metadata.uid !== pod.metadata.uid) || (body.metadata?.resourceVersion && body.metadata.resourceVersion !== pod.metadata.resourceVersion)) {
    throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, kind: 'pods' });
  }
  if (pod.spec?.nodeName) throw conflict(name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  if ((pod.spec?.schedulingGates?.length ?? 0) > 0) throw conflict(name, `pod ${name} has non-empty .spec.schedulingGates`);
  const next = clone(pod);
  next.spec = { ...(next.spec ?? {}), nodeName: body.target.name };
  if (isObj(body.metadata?.annotations)) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), ...body.metadata.annotations };
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const conditions: Obj[] = [...(next.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  if (i < 0) conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
  else if (conditions[i]!.status !== 'True') conditions[i] = { ...conditions[i], status: 'True', lastTransitionTime: now, reason: undefined, message: undefined };
  next.status = { ...(next.status ?? {}), conditions: conditions.map((c) => JSON.parse(JSON.stringify(c)) as Obj) };
  if (dryRun) return next;
  next.metadata.resourceVersion = String(store.nextRv());
  store.put(gpOf(res), next, 'MODIFIED');
  return next;
}
