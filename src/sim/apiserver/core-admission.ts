// kube-apiserver's default admission plugins that change the built-in objects hcp-kv and the simulated
// operators create (the default-on set: kubernetes/kubernetes pkg/kubeapiserver/options/plugins.go
// DefaultOffAdmissionPlugins @008b3652959ca58af8be3fb5b6ecfe9ae7638282). Implemented here:
// - TaintNodesByCondition (plugin/pkg/admission/nodetaint): a new Node gets node.kubernetes.io/not-ready:NoSchedule;
// - DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds/admission.go
//   @012b085ac870d359131f4251213bf2fff1d15aa0): pods tolerate not-ready/unreachable NoExecute for 300 s
//   (create and update, not subresources);
// - ServiceAccount (plugin/pkg/admission/serviceaccount): a pod without spec.serviceAccountName gets "default"
//   (create only);
// - Priority (plugin/pkg/admission/priority): a pod without priorityClassName gets priority 0 and
//   preemptionPolicy PreemptLowerPriority; the two built-in system classes resolve to their values;
// - DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a PVC without storageClassName
//   gets the default StorageClass (the newest when several are default);
// - NamespaceLifecycle lives in writes.ts (create in a missing/terminating namespace) and deletion.ts.
import { ApiError } from './errors.js';
import { clone, type Obj } from './merge.js';
import type { ResourceInfo } from './resources.js';
import type { Store } from './store.js';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

const isCore = (res: ResourceInfo, plural: string) => res.group === '' && res.plural === plural;

/** The mutating admission of the built-in kinds; `sub` is the subresource written, if any. */
export function mutateBuiltin(res: ResourceInfo, obj: Obj, operation: 'CREATE' | 'UPDATE', sub: string | undefined, store: Store): Obj {
  if (sub) return obj;
  if (isCore(res, 'nodes') && operation === 'CREATE') return taintNotReady(obj);
  if (isCore(res, 'pods')) {
    let pod = defaultTolerationSeconds(obj);
    if (operation === 'CREATE') pod = podCreateDefaults(pod);
    return pod;
  }
  if (isCore(res, 'persistentvolumeclaims') && operation === 'CREATE') return defaultStorageClass(obj, store);
  return obj;
}

function taintNotReady(node: Obj): Obj {
  const out = clone(node);
  out.spec = { ...(out.spec ?? {}) };
  const taints: Obj[] = Array.isArray(out.spec.taints) ? out.spec.taints : [];
  if (!taints.some((t) => t.key === NOT_READY && t.effect === 'NoSchedule')) out.spec.taints = [...taints, { key: NOT_READY, effect: 'NoSchedule' }];
  return out;
}

function defaultTolerationSeconds(pod: Obj): Obj {
  const tolerations: Obj[] = pod.spec?.tolerations ?? [];
  const tolerates = (key: string) => tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Obj[] = [];
  if (!tolerates(NOT_READY)) add.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!tolerates(UNREACHABLE)) add.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!add.length) return pod;
  const out = clone(pod);
  out.spec = { ...(out.spec ?? {}), tolerations: [...tolerations, ...add] };
  return out;
}

function podCreateDefaults(pod: Obj): Obj {
  const out = clone(pod);
  out.spec = { ...(out.spec ?? {}) };
  if (!out.spec.serviceAccountName) out.spec.serviceAccountName = 'default';
  const cls: string | undefined = out.spec.priorityClassName;
  if (!cls) {
    out.spec.priority ??= 0;
    out.spec.preemptionPolicy ??= 'PreemptLowerPriority';
  } else if (cls in SYSTEM_PRIORITIES) {
    if (out.spec.priority !== undefined && out.spec.priority !== SYSTEM_PRIORITIES[cls]) {
      throw new ApiError(
        403,
        'Forbidden',
        `pods "${out.metadata?.name ?? ''}" is forbidden: the integer value of priority (${out.spec.priority}) must not be provided in pod spec; priority admission controller computed ${SYSTEM_PRIORITIES[cls]} from the given PriorityClass name`,
      );
    }
    out.spec.priority = SYSTEM_PRIORITIES[cls];
    out.spec.preemptionPolicy ??= 'PreemptLowerPriority';
  }
  return out;
}

function defaultStorageClass(pvc: Obj, store: Store): Obj {
  if (pvc.spec?.storageClassName !== undefined && pvc.spec?.storageClassName !== null) return pvc;
  const defaults = store.list('storage.k8s.io/storageclasses').filter((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  if (!defaults.length) return pvc;
  // Several defaults: the newest wins (KEP-3333), then the name.
  defaults.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || String(a.metadata.name).localeCompare(String(b.metadata.name)));
  const out = clone(pvc);
  out.spec = { ...(out.spec ?? {}), storageClassName: defaults[0]!.metadata.name };
  return out;
}
