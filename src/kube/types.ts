// The contract between steps/commands and the Kubernetes layer. Plain data only, so this file can be
// imported anywhere without loading @kubernetes/client-node.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** Result of a readiness predicate, evaluated on every watch event. */
export type Check = { done: true } | { done: false; reason: string } | { failed: string };

export interface WaitOptions {
  /** Milliseconds until the wait gives up with an error naming the object and its last conditions. */
  timeout: number;
  signal?: AbortSignal;
  /** Progress lines: the announced deadline and each change of `reason`. */
  report?: (line: string) => void;
  /** Extra hint appended to the timeout error. */
  hint?: string;
}

export type ApplyAction = 'created' | 'configured' | 'unchanged' | 'dry-run';

export interface ApplyResult {
  ref: ObjectRef;
  action: ApplyAction;
  object: KubeObject;
}

export interface ApplyOptions {
  dryRun?: boolean; // --dry-run=server
  signal?: AbortSignal;
  /** How long "no matches for kind" (CRD not yet registered) is retried, in ms. */
  crdTimeout?: number;
  report?: (line: string) => void;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type PatchType = 'merge' | 'json' | 'strategic';

/** DeleteOptions.preconditions (meta/v1): the delete fails with 409 Conflict when the object's uid or
 * resourceVersion differ (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go). */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** A write refused because the object changed (409 Conflict: a stale resourceVersion, a failed delete
 * precondition, or "already exists"), as thrown by the Kube methods (an HcpError whose cause is the API error). */
export function isConflict(e: unknown): boolean {
  const code = (x: unknown) => (x && typeof x === 'object' ? (x as { code?: unknown }).code : undefined);
  return code(e) === 409 || code((e as { cause?: unknown } | undefined)?.cause) === 409;
}

/** What steps and commands use to talk to a cluster. Implemented in src/kube/client.ts. */
export interface Kube {
  readonly server: string;
  readonly context: string;
  apply(objects: KubeObject[], o?: ApplyOptions): Promise<ApplyResult[]>;
  /** Create-only (POST): `created` false and the existing object when it already exists (409), to adopt. */
  /** `priority`: under the client-side rate limit, lower goes first (density: the cluster's index). */
  create<T extends KubeObject = KubeObject>(object: T, o?: { signal?: AbortSignal; priority?: number }): Promise<{ created: boolean; object: T }>;
  get<T extends KubeObject = KubeObject>(ref: ObjectRef, o?: { signal?: AbortSignal }): Promise<T | undefined>;
  list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, o?: ListOptions & { signal?: AbortSignal }): Promise<T[]>;
  patch<T extends KubeObject = KubeObject>(ref: ObjectRef, patch: unknown, type: PatchType, o?: { dryRun?: boolean; signal?: AbortSignal }): Promise<T>;
  /** Returns false when the object was already gone. With `preconditions` the server deletes it only while its
   * uid (and resourceVersion) are still these: another object of the same name is never deleted (409, see isConflict). */
  delete(ref: ObjectRef, o?: { signal?: AbortSignal; propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; dryRun?: boolean; preconditions?: Preconditions }): Promise<boolean>;
  waitFor<T extends KubeObject = KubeObject>(ref: ObjectRef, check: (obj: T | undefined) => Check, o: WaitOptions): Promise<T | undefined>;
  /** SelfSubjectAccessReview: may the current identity do `verb` on the resource? */
  can(verb: string, resource: { group: string; resource: string; namespace?: string; name?: string }): Promise<boolean>;
  /** True when the API server serves this kind now (discovery). */
  hasKind(apiVersion: string, kind: string): Promise<boolean>;
  /** GET /version of the server. */
  version(): Promise<{ major: string; minor: string; gitVersion: string }>;
}

export function refOf(o: KubeObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name };
  if (o.metadata.namespace) ref.namespace = o.metadata.namespace;
  return ref;
}

export function describeRef(r: ObjectRef): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** "Kind namespace/name" (or "Kind name" when cluster-scoped), as describeRef. */
export function describeObject(o: KubeObject): string {
  return describeRef(refOf(o));
}
