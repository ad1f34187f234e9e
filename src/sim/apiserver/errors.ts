// The Status errors every part of the API server throws; the HTTP front turns them into kube Status bodies.
import type { Obj } from './merge.js';
import type { ResourceInfo } from './resources.js';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Obj,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function notFound(res: ResourceInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${res.plural}${res.group ? `.${res.group}` : ''} "${name}" not found`, { name, group: res.group, kind: res.plural });
}

export function statusBody(err: ApiError): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: err.message, reason: err.reason, ...(err.details ? { details: err.details } : {}), code: err.code };
}
