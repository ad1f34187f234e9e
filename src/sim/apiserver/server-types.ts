// What the embedded API server's front (server.ts) reports and takes: its request statistics, its tokens, the
// objects a server starts with, and the answer to a SelfSubjectAccessReview.
import type { CelStats } from './cel-compile.js';
import type { Obj } from './merge.js';

export interface Stats {
  requests: Record<string, number>;
  byVerb: Record<string, number>;
  mutating: number;
  dryRun: number;
  watchesOpen: number;
  objects: number;
  faultsInjected: number;
  /** Requests made with the system token (the simulated operators), not counted above. */
  systemRequests: number;
  /** CRD validation rules compiled and skipped so far (see cel-compile.ts). */
  cel?: CelStats;
}

export interface Tokens {
  admin: string;
  readOnly: string;
  system: string;
}

/** An object a server starts with (see SimApi.seed): created, then `status` written to its /status. */
export interface SeedObject {
  object: Obj;
  status?: Obj;
}

/** SelfSubjectAccessReview: the admin and system tokens may do anything, the read-only token only read. */
export function review(body: Obj, role: string, byRbac?: (attrs: Obj) => boolean): Obj {
  const attrs = body?.spec?.resourceAttributes ?? {};
  const verb = String(attrs.verb ?? '');
  const allowed = byRbac ? byRbac(attrs) : role === 'admin' || role === 'system' || ['get', 'list', 'watch'].includes(verb);
  return { ...body, apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null }, status: { allowed, ...(allowed ? {} : { reason: 'the read-only token may only get, list and watch' }) } };
}

export function emptyStats(): Stats {
  return { requests: {}, byVerb: {}, mutating: 0, dryRun: 0, watchesOpen: 0, objects: 0, faultsInjected: 0, systemRequests: 0 };
}
