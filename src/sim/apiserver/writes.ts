// Create, update, patch (merge, JSON, strategic, server-side apply) with kube-apiserver's rules: names,
// namespaces, conflicts, status isolation, server-owned metadata, generation, no-op writes.
import { randomUUID } from 'node:crypto';
import { load } from 'js-yaml';
import fastJsonPatch from 'fast-json-patch';
import { mutateBuiltin } from './core-admission.js';
import { validatePodCreate, validatePodUpdate } from './pod-validation.js';
import { admit, type AdmissionRequest, validateName } from './admission.js';
import { type Crds, internCrd } from './crds.js';
import type { Deletion } from './deletion.js';
import { ApiError, notFound } from './errors.js';
import { clone, deepEqual, isObj, jsonMergePatch, serverSideApply, strategicMerge, type Obj } from './merge.js';
import { gpOf } from './registry.js';
import { apiVersionOf, type ResourceInfo } from './resources.js';
import { recordUpdate, applyConflicts } from './managed-fields.js';
import { allowCreateOnUpdate, listKeyFn, specOf, stripVolatile, validateImmutableData } from './write-rules.js';
import type { Target } from './routing.js';
import type { Store } from './store.js';

export interface WriteOptions {
  dryRun: boolean;
  /** The fieldValidation query parameter. */
  fieldValidation?: string | null;
  /** The fieldManager query parameter (required for apply). */
  fieldManager?: string | null;
  /** The User-Agent: its part before the first "/" names the manager when fieldManager is not given. */
  userAgent?: string;
  /** The force query parameter (apply only). */
  force?: boolean;
  /** Set by apply: managedFields come from the apply, not from an Update entry. */
  operation?: 'Apply';
}

/** The time in whole seconds as kube writes it (2024-01-02T03:04:05Z), formatted once per second (perf). */
let lastTs = { second: Number.NaN, text: '' };
function nowTs(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastTs.second) lastTs = { second, text: new Date(second * 1000).toISOString().replace(/\.\d+Z$/, 'Z') };
  return lastTs.text;
}

/** The manager of an Update: fieldManager, else the User-Agent's prefix (fieldmanager prefixFromUserAgent). */
function managerOf(o: WriteOptions): string {
  return o.fieldManager || (o.userAgent ?? '').split('/')[0] || 'unknown';
}

export class Writes {
  constructor(
    private readonly store: Store,
    private readonly crds: Crds,
    private readonly deletion: Deletion,
  ) {}

  private admission(o: WriteOptions, operation: AdmissionRequest['operation'], subresource?: string): AdmissionRequest {
    return { operation, dryRun: o.dryRun, strict: o.fieldValidation === 'Strict', subresource, store: this.store };
  }

  async create(t: Target, body: Obj, o: WriteOptions): Promise<Obj> {
    if (!isObj(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was not a JSON object');
    if (body.kind && body.kind !== t.res.kind) throw new ApiError(400, 'BadRequest', `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(t.res)})`);
    const meta: Obj = { ...(body.metadata ?? {}) };
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomUUID().slice(0, 5)}`;
    if (!meta.name)
      throw new ApiError(422, 'Invalid', `${t.res.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
        kind: t.res.kind,
        causes: [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }],
      });
    if (t.res.namespaced) {
      const ns = t.namespace ?? meta.namespace;
      if (meta.namespace && t.namespace && meta.namespace !== t.namespace) throw new ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = ns;
      const nsObj = this.store.get('/namespaces', undefined, ns);
      if (!nsObj) throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
      if (nsObj.metadata.deletionTimestamp)
        throw new ApiError(403, 'Forbidden', `${t.res.plural} "${meta.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
          name: meta.name,
          kind: t.res.plural,
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
        });
    } else delete meta.namespace;
    validateName(t.res, meta.name);
    if (this.store.get(gpOf(t.res), meta.namespace, meta.name))
      throw new ApiError(409, 'AlreadyExists', `${t.res.plural}${t.res.group ? `.${t.res.group}` : ''} "${meta.name}" already exists`, { name: meta.name, group: t.res.group, kind: t.res.plural });
    let obj: Obj = { ...clone(body), metadata: meta };
    if (t.res.hasStatus && t.res.crd) delete obj.status;
    // kube-apiserver's defaulting of the one built-in field clients leave out and read back.
    if (t.res.group === '' && t.res.kind === 'Secret' && !obj.type) obj.type = 'Opaque';
    obj = mutateBuiltin(t.res, obj, 'CREATE', undefined, this.store);
    if (t.res.group === '' && t.res.plural === 'pods') validatePodCreate(obj);
    obj = await admit(t.res, obj, undefined, this.admission(o, 'CREATE'));
    if (o.operation !== 'Apply') obj.metadata.managedFields = recordUpdate(t.res, undefined, obj, managerOf(o), listKeyFn(t.res), nowTs());
    return this.createInternal(t.res, obj, o.dryRun);
  }

  /** Stores a new object without admission (the server's own objects, and the tail of create). */
  createInternal(res: ResourceInfo, obj: Obj, dryRun = false): Obj {
    const meta = obj.metadata;
    meta.uid = randomUUID();
    meta.creationTimestamp = nowTs();
    meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.resourceVersion;
    if (res.plural === 'namespaces') {
      obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) };
      obj.status = { phase: 'Active' };
    }
    if (dryRun) return { ...obj, metadata: { ...meta, resourceVersion: String(this.store.resourceVersion) } };
    // Checked again at write time: admission is asynchronous, and a concurrent create may have won (etcd's
    // create is atomic, so the loser gets 409).
    if (this.store.get(gpOf(res), meta.namespace, meta.name))
      throw new ApiError(409, 'AlreadyExists', `${res.plural}${res.group ? `.${res.group}` : ''} "${meta.name}" already exists`, { name: meta.name, group: res.group, kind: res.plural });
    meta.resourceVersion = String(this.store.nextRv());
    if (res.plural === 'customresourcedefinitions') obj = internCrd(obj);
    this.store.put(gpOf(res), obj, 'ADDED');
    if (res.plural === 'customresourcedefinitions') this.crds.scheduleEstablish(obj);
    return obj;
  }

  async update(t: Target, body: Obj, o: WriteOptions, outcome: { created: boolean } = { created: false }): Promise<Obj> {
    if (!isObj(body)) throw new ApiError(400, 'BadRequest', 'the body of the request was not a JSON object');
    // rest/update.go checkName: the body names the object of the URL.
    if ((body.metadata?.name ?? '') !== t.name) throw new ApiError(400, 'BadRequest', `the name of the object (${body.metadata?.name ?? ''}) does not match the name on the URL (${t.name})`);
    if (t.res.namespaced && t.namespace && body.metadata?.namespace && body.metadata.namespace !== t.namespace)
      throw new ApiError(400, 'BadRequest', `the namespace of the object (${body.metadata.namespace}) does not match the namespace on the URL (${t.namespace})`);
    const old = t.name ? this.store.get(gpOf(t.res), t.res.namespaced ? t.namespace : undefined, t.name) : undefined;
    if (!old) {
      // A PUT creates a missing object only where the resource's strategy allows it (AllowCreateOnUpdate).
      if (t.sub || !allowCreateOnUpdate(t.res)) throw notFound(t.res, t.name ?? '');
      outcome.created = true;
      return this.create({ ...t, name: undefined }, { ...body, metadata: { ...(body.metadata ?? {}), name: t.name } }, o);
    }
    const rv = body.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${t.res.plural}${t.res.group ? `.${t.res.group}` : ''} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, {
        name: t.name,
        group: t.res.group,
        kind: t.res.plural,
      });
    }
    // The body may hold values JSON has no form for (YAML timestamps): stored as their JSON form.
    return this.write(t, old, clone(body), o);
  }

  async patch(t: Target, raw: Buffer, type: string, o: WriteOptions, outcome: { created: boolean } = { created: false }): Promise<Obj> {
    const ns = t.res.namespaced ? t.namespace : undefined;
    const old = t.name ? this.store.get(gpOf(t.res), ns, t.name) : undefined;
    const keyFn = listKeyFn(t.res);
    if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json') {
      const manager = o.fieldManager;
      if (!manager) throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      let applied: Obj;
      try {
        applied = load(raw.toString('utf8')) as Obj;
      } catch (e) {
        throw new ApiError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
      }
      if (!isObj(applied)) throw new ApiError(400, 'BadRequest', 'apply patch must be an object');
      if (applied.metadata?.name && applied.metadata.name !== t.name) throw new ApiError(400, 'BadRequest', `the name of the object (${applied.metadata.name}) does not match the name on the URL (${t.name})`);
      const ao: WriteOptions = { ...o, operation: 'Apply' };
      const now = nowTs();
      if (!old) {
        if (t.sub) throw notFound(t.res, t.name ?? '');
        const merged = serverSideApply(undefined, applied, manager, keyFn, now);
        merged.metadata = { ...merged.metadata, name: t.name, ...(ns ? { namespace: ns } : {}) };
        try {
          const created = await this.create({ ...t, name: undefined }, merged, ao);
          outcome.created = true;
          return created;
        } catch (e) {
          // Created by someone else meanwhile: kube-apiserver then applies as an update.
          if (!(e instanceof ApiError && e.code === 409)) throw e;
          return this.patch(t, raw, type, o, outcome);
        }
      }
      // Conflicts with other managers' fields are refused, or with force=true taken over.
      const others = applyConflicts(t.res, old, applied, manager, keyFn, Boolean(o.force), t.sub);
      const merged = serverSideApply({ ...old, metadata: { ...old.metadata, managedFields: others } }, applied, manager, keyFn, now, t.sub);
      return this.write(t, old, merged, ao);
    }
    if (o.force)
      throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch', {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [{ field: 'force', reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch' }],
      });
    if (!old) throw notFound(t.res, t.name ?? '');
    let patched: Obj;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `error decoding patch: ${(e as Error).message}`);
    }
    if (type === 'application/merge-patch+json') patched = jsonMergePatch(old, body) as Obj;
    else if (type === 'application/strategic-merge-patch+json') {
      if (t.res.crd)
        throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
      patched = strategicMerge(old, body, keyFn) as Obj;
    } else if (type === 'application/json-patch+json') {
      try {
        // Applied in place to a private copy (the library's own copy would be a second one).
        patched = fastJsonPatch.applyPatch(clone(old), body as fastJsonPatch.Operation[], true, true).newDocument as Obj;
      } catch (e) {
        throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${(e as Error).message}`);
      }
    } else
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
    const rv = (body as Obj)?.metadata?.resourceVersion;
    if (type !== 'application/json-patch+json' && rv && rv !== old.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${t.res.plural} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: t.name, kind: t.res.plural });
    }
    return this.write(t, old, patched, o);
  }

  /**
   * Common tail of update/patch/apply: status isolation, metadata rules, no-op detection, finalizers.
   * `incoming` is the caller's own JSON value; it may share members with `old`. Stored objects are never changed
   * in place (every change copies the containers it changes), so `next` copies only its top level and metadata,
   * and shares the rest with `old` and `incoming` (perf: a deep copy per write was the largest cost).
   */
  private async write(t: Target, old: Obj, incoming: Obj, o: WriteOptions): Promise<Obj> {
    let next: Obj = isObj(incoming) ? { ...incoming } : clone(incoming);
    next.metadata = { ...(next.metadata ?? {}) };
    if (t.res.hasStatus) {
      if (t.sub === 'status') {
        // Writes to /status change only status.
        next = { ...old, metadata: { ...old.metadata }, status: next.status };
        if (next.status === undefined) delete next.status;
      } else if (old.status !== undefined) next.status = old.status;
      else delete next.status;
    }
    // Server-owned metadata stays.
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'generation', 'namespace', 'name']) {
      if (old.metadata[k] !== undefined) next.metadata[k] = old.metadata[k];
      else delete next.metadata[k];
    }
    next = mutateBuiltin(t.res, next, 'UPDATE', t.sub, this.store);
    if (t.res.group === '' && t.res.plural === 'pods' && !t.sub) validatePodUpdate(next, old);
    next = await admit(t.res, next, old, this.admission(o, 'UPDATE', t.sub));
    if (!t.sub) validateImmutableData(t.res, next, old);
    if (o.operation === 'Apply') next.metadata.managedFields = incoming.metadata?.managedFields ?? old.metadata.managedFields;
    else next.metadata.managedFields = recordUpdate(t.res, old, next, managerOf(o), listKeyFn(t.res), nowTs(), t.sub);
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.deletionTimestamp && (next.metadata.finalizers?.length ?? 0) > (old.metadata.finalizers?.length ?? 0)) {
      throw new ApiError(422, 'Invalid', `${t.res.kind} "${t.name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted`);
    }
    if (deepEqual(stripVolatile(next), stripVolatile(old))) return old;
    if (!deepEqual(specOf(next), specOf(old))) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    if (o.dryRun) return next;
    next.metadata.resourceVersion = String(this.store.nextRv());
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) {
      this.store.put(gpOf(t.res), next, 'MODIFIED');
      this.deletion.finalize(t.res, next);
      return next;
    }
    this.store.put(gpOf(t.res), next, 'MODIFIED');
    if (t.res.plural === 'customresourcedefinitions') this.crds.scheduleEstablish(next);
    return next;
  }
}
